-- begin_send.lua: marks a push as being sent by one sender, unless it was sent
-- already or another sender began it less than ARGV[2] ms ago.
-- KEYS: the push's key. ARGV: sender, stale ms, seconds to remember, now
-- in ms (the one clock's).
-- Returns 1 to send, 0 when another sender has it, 2 when it was sent.
local now = tonumber(ARGV[4])
local v = redis.call('GET', KEYS[1])
if v == 'sent' then return 2 end
if v and string.sub(v, 1, 8) == 'sending:' then
  local who, at = string.match(v, '^sending:(.*):(%d+)$')
  if who ~= ARGV[1] and now - tonumber(at) < tonumber(ARGV[2]) then return 0 end
end
redis.call('SET', KEYS[1], 'sending:' .. ARGV[1] .. ':' .. now, 'EX', ARGV[3])
return 1
