-- recent_figures.lua: reads the latest ARGV[1] figures of a reporter, newest
-- first. KEYS: figures, reporter.
local ms = redis.call('ZREVRANGE', KEYS[2], 0, tonumber(ARGV[1]) - 1)
if #ms == 0 then return {} end
local docs = redis.call('HMGET', KEYS[1], unpack(ms))
local out = {}
for i = 1, #ms do
  out[#out + 1] = ms[i]
  out[#out + 1] = docs[i]
end
return out
