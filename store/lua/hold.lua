-- hold.lua: holds every sender of this Redis back for ARGV[1] ms from now
-- (Telegram answered 429 with a retry_after): the pace key is pushed to
-- then, never earlier than it was.
-- KEYS[1] the pace key. ARGV[1] ms to hold, ARGV[2] now in ms (the one
-- clock's).
local now = tonumber(ARGV[2])
local until_ = now + tonumber(ARGV[1])
if tonumber(redis.call('GET', KEYS[1]) or '0') < until_ then
  redis.call('SET', KEYS[1], tostring(until_), 'PX', 600000)
end
return 1
