-- renew_claim.lua: makes an owner's claim of an update last ttl more, while it
-- is still theirs: an update handled meanwhile (its mark replaced the
-- claim), given back or taken by another is left as it is.
--
-- KEYS: the update's key. ARGV: the owner's claim, ttl ms. Returns 1 when
-- renewed, 0 otherwise.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])
