-- claim_update.lua: claim_update(k, a): it takes an update's key for an
-- owner unless another holds it or it was handled; a new claim counts a
-- try when asked to. A new claim with its first try is two calls (SET NX
-- GET, Redis 7.0's, then SET NX): each call a script makes costs Redis
-- more than the command itself.
--
-- KEYS[k]: the update's key, KEYS[k+1]: its tries. ARGV[a..a+3]: the
-- owner's claim, ttl ms, the claim mark, how long tries are kept in ms (0:
-- count no try). Returns {Claim, tries counted (0 when none)}.
local function claim_update(k, a)
  local v = redis.call('SET', KEYS[k], ARGV[a], 'PX', ARGV[a + 1], 'NX', 'GET')
  if not v then
    if ARGV[a + 3] == '0' then return {0, 0} end
    if redis.call('SET', KEYS[k + 1], 1, 'PX', ARGV[a + 3], 'NX') then return {0, 1} end
    return {0, redis.call('INCR', KEYS[k + 1])}
  end
  if v == ARGV[a] then
    redis.call('PEXPIRE', KEYS[k], ARGV[a + 1])
    return {3, 0}
  end
  if string.sub(v, 1, #ARGV[a + 2]) == ARGV[a + 2] then return {1, 0} end
  return {2, 0}
end
return claim_update(1, 1)
