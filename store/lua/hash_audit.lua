-- hash_audit.lua: a hash's field set (or, with no value, removed) with its
-- audit entry: a silence, an archived code, a leaders' group.
-- KEYS[1] the hash  KEYS[2] audit
-- ARGV[1] field  ARGV[2] value ("" removes the field)  ARGV[3] at  ARGV[4] actor
-- ARGV[5] action  ARGV[6] subject  ARGV[7] detail
if ARGV[2] == '' then
  redis.call('HDEL', KEYS[1], ARGV[1])
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
audit(KEYS[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7])
return 1
