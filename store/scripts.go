package store

import "github.com/redis/go-redis/v9"

// saveFigure adds a figure unless its idempotency key is known, with its
// indexes, its evaluation state and its audit entry, and marks the update
// it came in handled when given one; atomically.
//
// KEYS: figurekeys, seq, figures, index, reporter, audit, state, then
// optionally a HandledMark's keys. ARGV: key, document, day, saved-at ms,
// saved-at text, actor, action, detail, value, note, then the
// HandledMark's args.
// Returns {id, 1} when added, {id of the earlier figure, 0} when known.
var saveFigure = stateScript(HandledLua + `
local function done(r)
  if #KEYS >= 10 then mark_handled(8, 11) end
  return r
end
local known = redis.call('HGET', KEYS[1], ARGV[1])
if known then return done({tonumber(known), 0}) end
local id = redis.call('INCR', KEYS[2])
local m = string.format('%012d', id)
redis.call('HSET', KEYS[3], m, ARGV[2])
redis.call('ZADD', KEYS[4], ARGV[3], m)
redis.call('ZADD', KEYS[5], ARGV[4], m)
redis.call('HSET', KEYS[1], ARGV[1], m)
state_add(KEYS[7], tonumber(ARGV[3]), tonumber(ARGV[9]), id, ARGV[10])
redis.call('XADD', KEYS[6], '*', 'at', ARGV[5], 'actor', ARGV[6], 'action', ARGV[7],
  'subject', 'figure:' .. id, 'detail', ARGV[8])
return done({id, 1})
`)

// importFigures adds many figures at once, each unless its key is known,
// with its evaluation state and one audit entry each; all in one atomic
// script.
//
// KEYS: figurekeys, seq, figures, reporter, audit, then per indicator its
// index and its state. ARGV: saved-at ms, saved-at text, actor, then per
// figure: key, document, day, the KEYS position of its index (its state
// follows it), detail, value, note.
// Returns how many were added.
var importFigures = stateScript(`
local added = 0
for i = 4, #ARGV, 7 do
  if not redis.call('HGET', KEYS[1], ARGV[i]) then
    local id = redis.call('INCR', KEYS[2])
    local m = string.format('%012d', id)
    local at = tonumber(ARGV[i+3])
    redis.call('HSET', KEYS[3], m, ARGV[i+1])
    redis.call('ZADD', KEYS[at], ARGV[i+2], m)
    redis.call('ZADD', KEYS[4], ARGV[1], m)
    redis.call('HSET', KEYS[1], ARGV[i], m)
    state_add(KEYS[at + 1], tonumber(ARGV[i+2]), tonumber(ARGV[i+5]), id, ARGV[i+6])
    redis.call('XADD', KEYS[5], '*', 'at', ARGV[2], 'actor', ARGV[3], 'action', 'figure.import',
      'subject', 'figure:' .. id, 'detail', ARGV[i+4])
    added = added + 1
  end
end
return added
`)

// readFigures reads, for each index, the figures dated from ARGV[1] to
// ARGV[2] as a flat list member, document, member, …
//
// KEYS: figures, then the indexes.
var readFigures = redis.NewScript(`
local out = {}
for i = 2, #KEYS do
  local ms = redis.call('ZRANGEBYSCORE', KEYS[i], ARGV[1], ARGV[2])
  local list = {}
  for j = 1, #ms, 500 do
    local chunk = {}
    for x = j, math.min(j + 499, #ms) do chunk[#chunk + 1] = ms[x] end
    local docs = redis.call('HMGET', KEYS[1], unpack(chunk))
    for x = 1, #chunk do
      list[#list + 1] = chunk[x]
      list[#list + 1] = docs[x]
    end
  end
  out[i - 1] = list
end
return out
`)

// recentFigures reads the latest ARGV[1] figures of a reporter, newest
// first. KEYS: figures, reporter.
var recentFigures = redis.NewScript(`
local ms = redis.call('ZREVRANGE', KEYS[2], 0, tonumber(ARGV[1]) - 1)
if #ms == 0 then return {} end
local docs = redis.call('HMGET', KEYS[1], unpack(ms))
local out = {}
for i = 1, #ms do
  out[#out + 1] = ms[i]
  out[#out + 1] = docs[i]
end
return out
`)

// figureCodes counts the figures of each indicator code as a flat list
// code, count, code, … KEYS: figures.
var figureCodes = redis.NewScript(`
local counts = {}
for _, doc in ipairs(redis.call('HVALS', KEYS[1])) do
  local code = cjson.decode(doc).indicator
  counts[code] = (counts[code] or 0) + 1
end
local out = {}
for code, n in pairs(counts) do
  out[#out + 1] = code
  out[#out + 1] = n
end
return out
`)

// unarchive removes a code from the archive and logs it, when it is there.
// KEYS: archived, audit. ARGV: code, at, actor. Returns 1 when removed.
var unarchive = redis.NewScript(`
if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('XADD', KEYS[2], '*', 'at', ARGV[2], 'actor', ARGV[3], 'action', 'code.unarchive',
  'subject', 'code:' .. ARGV[1], 'detail', '{}')
return 1
`)

// applyPlan makes a plan version current unless the current one has the
// same hash. KEYS: seq, versions, current, audit. ARGV: version JSON
// starting {"n":0 (the 0 replaced by the new n), hash, at, actor, detail,
// and "seed" to add it only when there is no version yet. Returns {n, 1} when added, {the
// current n, 0} when the content is the current one's.
var applyPlan = redis.NewScript(`
local cur = redis.call('GET', KEYS[3])
if cur and ARGV[6] == 'seed' then return {tonumber(cur), 0} end
if cur then
  local doc = redis.call('HGET', KEYS[2], cur)
  if doc and cjson.decode(doc).hash == ARGV[2] then return {tonumber(cur), 0} end
end
local n = redis.call('INCR', KEYS[1])
redis.call('HSET', KEYS[2], tostring(n), '{"n":' .. n .. string.sub(ARGV[1], 7))
redis.call('SET', KEYS[3], n)
redis.call('XADD', KEYS[4], '*', 'at', ARGV[3], 'actor', ARGV[4], 'action', 'plan.apply',
  'subject', 'plan:' .. n, 'detail', ARGV[5])
return {n, 1}
`)
