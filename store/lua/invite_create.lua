-- invite_create.lua: an invite kept until it expires, listed among the
-- open ones (the expired ones forgotten), with its audit entry.
-- KEYS[1] the invite  KEYS[2] the open invites (zset: code -> expiry ms)  KEYS[3] audit
-- ARGV[1] the invite's document  ARGV[2] its ttl in ms  ARGV[3] now in ms
-- ARGV[4] its code  ARGV[5] its expiry in ms  ARGV[6] at  ARGV[7] actor
-- ARGV[8] subject  ARGV[9] detail
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[4])
audit(KEYS[3], ARGV[6], ARGV[7], 'invite.create', ARGV[8], ARGV[9])
return 1
