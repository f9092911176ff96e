-- latest_of_day.lua: reads the latest figure saved for a day under any of an
-- indicator's indexes, as {member, document}, or {} for none: a day's
-- figures may be many, the check after a report needs the last.
-- KEYS: figures, then the indexes. ARGV: the day.
local best = nil
for i = 2, #KEYS do
  local m = redis.call('ZREVRANGEBYSCORE', KEYS[i], ARGV[1], ARGV[1], 'LIMIT', 0, 1)[1]
  if m and (not best or m > best) then best = m end
end
if not best then return {} end
return {best, redis.call('HGET', KEYS[1], best)}
