-- promote.lua: moves the deferred pushes whose time has come back to the
-- outbox. KEYS: deferred, outbox. ARGV: now in ms, how many at most.
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, doc in ipairs(due) do
  redis.call('XADD', KEYS[2], '*', 'push', doc)
  redis.call('ZREM', KEYS[1], doc)
end
return #due
