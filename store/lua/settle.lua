-- settle.lua: a push taken off the outbox and its fate recorded under its
-- key (sent, failed: …, or queued again), and, when deferred, kept aside
-- until its time (Promote puts it back).
-- KEYS[1] the outbox (stream)  KEYS[2] the push's key  KEYS[3] the deferred pushes (zset)
-- ARGV[1] the consumer group  ARGV[2] the push's entry id  ARGV[3] its fate
-- ARGV[4] when deferred: not-before in ms ("" for none)  ARGV[5] its document
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[3], 'KEEPTTL')
if ARGV[4] ~= '' then redis.call('ZADD', KEYS[3], ARGV[4], ARGV[5]) end
return 1
