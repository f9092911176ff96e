-- enqueue.lua: keeps the shared texts, then adds each push whose key is new
-- to the outbox, atomically. A text is kept as long as a push's key, and
-- each batch that uses it keeps it longer.
-- KEYS: outbox, each push's key, then each shared text's key. ARGV:
-- seconds to remember, the number of pushes, each push's document, then
-- each shared text.
local n, pushes = 0, tonumber(ARGV[2])
for i = pushes + 2, #KEYS do
  redis.call('SET', KEYS[i], ARGV[i + 1], 'EX', ARGV[1])
end
for i = 2, pushes + 1 do
  if redis.call('SET', KEYS[i], 'queued', 'NX', 'EX', ARGV[1]) then
    redis.call('XADD', KEYS[1], '*', 'push', ARGV[i + 1])
    n = n + 1
  end
end
return n
