-- release_claim.lua: deletes an update's key only while it is the owner's claim,
-- and uncounts the try (a try that is still counted).
--
-- KEYS: the update's key, its tries. ARGV: the owner's claim.
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('DECR', KEYS[2]) end
return 0
