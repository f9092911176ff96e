-- swap_alert.lua: sets an indicator's alert state to ARGV[3] if it is still
-- ARGV[2] ("" for none).
--
-- KEYS: alerts. ARGV: indicator, expected document, new document.
-- Returns 1 when set, 0 when the state had changed.
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if (cur or '') ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1
