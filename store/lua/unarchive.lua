-- unarchive.lua: removes a code from the archive and logs it, when it is there.
-- KEYS: archived, audit. ARGV: code, at, actor. Returns 1 when removed.
if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('XADD', KEYS[2], '*', 'at', ARGV[2], 'actor', ARGV[3], 'action', 'code.unarchive',
  'subject', 'code:' .. ARGV[1], 'detail', '{}')
return 1
