-- apply_plan.lua: makes a plan version current unless the current one has the
-- same hash. KEYS: seq, versions, current, audit. ARGV: version JSON
-- starting {"n":0 (the 0 replaced by the new n), hash, at, actor, detail,
-- and "seed" to add it only when there is no version yet. Returns {n, 1} when added, {the
-- current n, 0} when the content is the current one's.
local cur = redis.call('GET', KEYS[3])
if cur and ARGV[6] == 'seed' then return {tonumber(cur), 0} end
if cur then
  local doc = redis.call('HGET', KEYS[2], cur)
  if doc and cjson.decode(doc).hash == ARGV[2] then return {tonumber(cur), 0} end
end
local n = redis.call('INCR', KEYS[1])
redis.call('HSET', KEYS[2], tostring(n), '{"n":' .. n .. string.sub(ARGV[1], 7))
redis.call('SET', KEYS[3], n)
audit(KEYS[4], ARGV[3], ARGV[4], 'plan.apply', 'plan:' .. n, ARGV[5])
return {n, 1}
