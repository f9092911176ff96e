-- release_run.lua: deletes a claim if owner holds it. KEYS: the run. ARGV: owner.
if redis.call('GET', KEYS[1]) == 'running:' .. ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
