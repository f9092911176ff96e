-- now.lua starts a script with now, Redis's time in ms, so that every
-- process reads one clock.
-- A script that uses it names now.lua before its own file.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
