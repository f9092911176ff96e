-- handled.lua: mark_handled(k, a), for a script that marks an update
-- handled with its own write (the handler's last), so that finishing the
-- update costs no round trip of its own.
-- KEYS[k] the update's key, KEYS[k+1] its tries, KEYS[k+2] the inbox.
-- ARGV[a] the mark (when handled), ARGV[a+1] its ttl in ms, ARGV[a+2] the
-- claim mark's prefix, ARGV[a+3] the update's id.
-- It records the update as handled, replacing its claim, forgets its
-- tries and takes it out of the inbox; it returns 1 when the update is
-- marked for the first time, 0 when it had been marked before.
local function mark_handled(k, a)
  local prev = redis.call('SET', KEYS[k], ARGV[a], 'PX', ARGV[a+1], 'GET')
  redis.call('DEL', KEYS[k+1])
  redis.call('HDEL', KEYS[k+2], ARGV[a+3])
  if prev and string.sub(prev, 1, #ARGV[a+2]) ~= ARGV[a+2] then return 0 end
  return 1
end
