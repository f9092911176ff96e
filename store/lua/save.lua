-- save.lua: a figure saved, unless its idempotency key is known, with its
-- place in its indicator's index and its reporter's, its indicator's sums,
-- its audit entry, and the update it came in marked handled; atomically.
-- KEYS[1] figurekeys (hash: key -> member)   KEYS[2] the figures' id sequence
-- KEYS[3] figures (hash: member -> JSON)     KEYS[4] the indicator's index (zset: day -> member)
-- KEYS[5] the reporter's figures (zset: saved-at ms -> member)
-- KEYS[6] audit (stream)                     KEYS[7] the indicator's sums (hash: block -> sum)
-- KEYS[8] terms (hash: id -> term JSON)      KEYS[9] optional: an update's mark (handled.lua)
-- ARGV[1] key  ARGV[2] document  ARGV[3] day  ARGV[4] saved-at ms  ARGV[5] saved-at text
-- ARGV[6] actor  ARGV[7] audit detail  ARGV[8] value
-- ARGV[9..11] the blocks of its day (year, month, day) whose sums it adds to
-- ARGV[12] the term's id ("" for none)  ARGV[13..14] optional: the mark's
-- Returns {id, 1} when added, {id of the figure saved before with the key, 0}
-- when known, {0, -1} when another instance finished the term meanwhile.
local function done(r)
  if #KEYS >= 9 then mark_handled(9, 13) end
  return r
end
if ARGV[12] ~= '' then
  local term = redis.call('HGET', KEYS[8], ARGV[12])
  if term and string.find(term, '"finished":true', 1, true) then return {0, -1} end
end
local known = redis.call('HGET', KEYS[1], ARGV[1])
if known then return done({tonumber(known), 0}) end
local id = redis.call('INCR', KEYS[2])
local m = string.format('%012d', id)
redis.call('HSET', KEYS[1], ARGV[1], m)
redis.call('HSET', KEYS[3], m, ARGV[2])
redis.call('ZADD', KEYS[4], ARGV[3], m)
redis.call('ZADD', KEYS[5], ARGV[4], m)
for i = 9, 11 do redis.call('HINCRBYFLOAT', KEYS[7], ARGV[i], ARGV[8]) end
audit(KEYS[6], ARGV[5], ARGV[6], 'figure.save', 'figure:' .. id, ARGV[7])
return done({id, 1})
