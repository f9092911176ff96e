-- claim_run.lua: claims a job's occurrence for one owner for a lease, unless it
-- ran or another holds it. KEYS: the run. ARGV: owner, lease ms, now.
-- Returns {1, 0} when claimed, {0, ms left} when another holds it, {0, 0}
-- when it ran.
local v = redis.call('GET', KEYS[1])
if not v then
  redis.call('SET', KEYS[1], 'running:' .. ARGV[1], 'PX', ARGV[2])
  return {1, 0}
end
if string.sub(v, 1, 8) == 'running:' then return {0, redis.call('PTTL', KEYS[1])} end
return {0, 0}
