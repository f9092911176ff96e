-- depth.lua: how many pushes the outbox holds, queued and deferred, counted
-- at one instant, so a push moving from one to the other is counted once.
-- KEYS[1] the outbox (stream), KEYS[2] the deferred pushes (zset).
-- Returns the count.
return redis.call('XLEN', KEYS[1]) + redis.call('ZCARD', KEYS[2])
