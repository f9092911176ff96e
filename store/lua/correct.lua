-- correct.lua: a figure replaced by its correction, unless it was
-- corrected since it was read, with its index, its reporter's, its
-- indicator's sums and its audit entry; atomically. Figures saved meanwhile
-- do not matter: only this figure's version does.
-- KEYS[1] figures  KEYS[2] the indicator's index  KEYS[3] the corrector's figures
-- KEYS[4] the indicator's sums  KEYS[5] audit
-- ARGV[1] member  ARGV[2] the version read  ARGV[3] the new document
-- ARGV[4] the new day  ARGV[5] saved-at ms  ARGV[6] saved-at text  ARGV[7] actor
-- ARGV[8] audit detail  ARGV[9] the old value, negated  ARGV[10] the new value
-- ARGV[11..13] the old day's blocks  ARGV[14..16] the new day's blocks
-- Returns 1 when corrected, 0 when the figure changed since (a conflict),
-- -1 when there is no such figure.
local doc = redis.call('HGET', KEYS[1], ARGV[1])
if not doc then return -1 end
if tostring(cjson.decode(doc).version) ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
redis.call('ZADD', KEYS[3], ARGV[5], ARGV[1])
for i = 11, 13 do redis.call('HINCRBYFLOAT', KEYS[4], ARGV[i], ARGV[9]) end
for i = 14, 16 do redis.call('HINCRBYFLOAT', KEYS[4], ARGV[i], ARGV[10]) end
audit(KEYS[5], ARGV[6], ARGV[7], 'figure.correct', 'figure:' .. tonumber(ARGV[1]), ARGV[8])
return 1
