-- unarchive.lua: removes a code from the archive and logs it, when it is there.
-- KEYS: archived, audit. ARGV: code, at, actor. Returns 1 when removed.
if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
audit(KEYS[2], ARGV[2], ARGV[3], 'code.unarchive', 'code:' .. ARGV[1], '{}')
return 1
