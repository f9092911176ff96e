-- reserve.lua: books a sending slot in a chat and overall, for every sender on
-- this Redis: each key holds the earliest time (ms) its next message may
-- go. A chat whose gap has not passed books nothing, so one busy chat
-- never holds the others back: its push waits aside, the others go on.
-- KEYS: overall, chat. ARGV: overall gap ms, chat gap ms, now ms (the
-- one clock's).
-- Returns {1, ms to wait} when booked, {0, ms until the chat is free}.
local now = tonumber(ARGV[3])
local chat = tonumber(redis.call('GET', KEYS[2]) or '0')
if chat > now then return {0, chat - now} end
local at = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
redis.call('SET', KEYS[1], tostring(at + tonumber(ARGV[1])), 'PX', 60000)
redis.call('SET', KEYS[2], tostring(at + tonumber(ARGV[2])), 'PX', tonumber(ARGV[2]) + 60000)
return {1, at - now}
