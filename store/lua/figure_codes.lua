-- figure_codes.lua: counts the figures of each indicator code in a piece of the
-- figures hash: HSCAN from cursor ARGV[1] with COUNT ARGV[2], so a call's
-- work stays bounded however many figures there are. KEYS: figures.
-- Returns {next cursor, code, count, code, …}; the cursor is "0" at the end.
local res = redis.call('HSCAN', KEYS[1], ARGV[1], 'COUNT', ARGV[2])
local counts, docs = {}, res[2]
for j = 2, #docs, 2 do
  local code = cjson.decode(docs[j]).indicator
  counts[code] = (counts[code] or 0) + 1
end
local out = {res[1]}
for code, n in pairs(counts) do
  out[#out + 1] = code
  out[#out + 1] = n
end
return out
