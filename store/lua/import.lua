-- import.lua: a chunk of an import's figures, each added unless its
-- idempotency key is known, as save.lua adds one (no update to mark);
-- atomically.
-- KEYS[1] figurekeys  KEYS[2] the figures' id sequence  KEYS[3] figures
-- KEYS[4] the reporter's figures  KEYS[5] audit; then per indicator the
-- chunk touches, from KEYS[at]: KEYS[at] its index, KEYS[at+1] its sums.
-- ARGV[1] saved-at ms  ARGV[2] saved-at text  ARGV[3] actor; then 9 per
-- figure: key, document, day, at (its indicator's place in KEYS), audit
-- detail, value, the blocks of its day (year, month, day).
-- Returns how many were added.
local added = 0
for i = 4, #ARGV, 9 do
  if not redis.call('HGET', KEYS[1], ARGV[i]) then
    local at = tonumber(ARGV[i + 3])
    local id = redis.call('INCR', KEYS[2])
    local m = string.format('%012d', id)
    redis.call('HSET', KEYS[1], ARGV[i], m)
    redis.call('HSET', KEYS[3], m, ARGV[i + 1])
    redis.call('ZADD', KEYS[at], ARGV[i + 2], m)
    redis.call('ZADD', KEYS[4], ARGV[1], m)
    for b = 6, 8 do redis.call('HINCRBYFLOAT', KEYS[at + 1], ARGV[i + b], ARGV[i + 5]) end
    audit(KEYS[5], ARGV[2], ARGV[3], 'figure.import', 'figure:' .. id, ARGV[i + 4])
    added = added + 1
  end
end
return added
