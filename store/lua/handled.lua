-- handled.lua: mark_handled(k, a), for a script that marks an update
-- handled in a committee's keys with its own write (the handler's last:
-- a figure saved), so that an update whose figure was saved is never
-- handled twice, even when the process dies before it finishes the
-- update's own keys (Updates.Finish).
-- KEYS[k] the committee's mark of the update ({P/C}:handled:ID).
-- ARGV[a] the mark (the time it was handled), ARGV[a+1] its ttl in ms.
-- Returns 1 when the update is marked for the first time, 0 when it had
-- been marked before.
local function mark_handled(k, a)
  if redis.call('SET', KEYS[k], ARGV[a], 'PX', ARGV[a + 1], 'GET') then return 0 end
  return 1
end
