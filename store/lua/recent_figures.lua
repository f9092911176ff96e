-- recent_figures.lua: reads the latest ARGV[1] figures of a reporter, newest
-- first. KEYS: figures, reporter.
return with_documents(KEYS[1], redis.call('ZREVRANGE', KEYS[2], 0, tonumber(ARGV[1]) - 1), {})
