-- plan_versions_from.lua: reads the versions from ARGV[1] to the current one, ""
-- for one missing. KEYS: current, versions. It is sent whole (EVAL), not
-- by its hash: a weekly read is one round trip even on a fresh server.
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
local out = {}
for n = math.max(tonumber(ARGV[1]), 1), cur do
  out[#out + 1] = redis.call('HGET', KEYS[2], tostring(n)) or ''
end
return out
