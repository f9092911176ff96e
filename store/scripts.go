package store

import "github.com/redis/go-redis/v9"

// saveLua defines save(state, a), a figure's save: it adds a
// figure unless its idempotency key is known, with its indexes, its
// evaluation state (state(id) writes it) and its audit entry, and marks
// the update it came in handled when given one; atomically.
//
// KEYS: figurekeys, seq, figures, index, reporter, audit, state, alerts,
// silences, terms, then optionally a HandledMark's keys. ARGV: key,
// document, day, saved-at ms, saved-at text, actor, action, detail, value,
// note, the code whose alert state to read with the save ("" for none),
// the term's id ("" for none), then from ARGV[a] the HandledMark's args.
// Returns {id, 1} when added, {id of the earlier figure, 0} when known,
// {0, -1} when another instance finished the term meanwhile; with a code,
// a new figure's reply adds its alert state (false for none) and the
// silences (HGETALL's list): what the alert check after a report reads.
const saveLua = `
local function save(state, a)
  local function done(r)
    if #KEYS >= 13 then mark_handled(11, a) end
    return r
  end
  if ARGV[12] ~= '' then
    local term = redis.call('HGET', KEYS[10], ARGV[12])
    if term and string.find(term, '"finished":true', 1, true) then return {0, -1} end
  end
  local id = redis.call('INCR', KEYS[2]) -- a key known (rare) leaves this id unused
  local m, sid = string.format('%012d', id), string.format('%d', id)
  if redis.call('HSETNX', KEYS[1], ARGV[1], m) == 0 then
    return done({tonumber(redis.call('HGET', KEYS[1], ARGV[1])), 0})
  end
  redis.call('HSET', KEYS[3], m, ARGV[2])
  redis.call('ZADD', KEYS[4], ARGV[3], m)
  redis.call('ZADD', KEYS[5], ARGV[4], m)
  state(id, sid)
  redis.call('XADD', KEYS[6], '*', 'at', ARGV[5], 'actor', ARGV[6], 'action', ARGV[7],
    'subject', 'figure:' .. sid, 'detail', ARGV[8])
  if ARGV[11] ~= '' then
    return done({id, 1, redis.call('HGET', KEYS[8], ARGV[11]), redis.call('HGETALL', KEYS[9])})
  end
  return done({id, 1})
end
`

// saveFigure is save with the evaluation state summed up in Lua
// (stateLua's state_add). KEYS and ARGV: save's, the HandledMark's args
// from ARGV[13].
var saveFigure = stateScript(HandledLua + saveLua + `
return save(function(id) state_add(KEYS[7], tonumber(ARGV[3]), ARGV[9], id, ARGV[10]) end, 13)
`)

// saveSeen is save with the evaluation state summed up in Go from the
// blocks a read saw (Seen): when Redis still holds them, it writes the
// blocks Go made, the new figure's id put in for each "#"; else (another
// figure of the day was saved since the read) it sums up in Lua as
// saveFigure does. No number is formatted and no record cut in Lua when
// the blocks are unchanged, which is what the state costs a save in Redis;
// stateLua's functions are made only when needed (lua_state).
//
// KEYS: save's. ARGV: save's, then from ARGV[13] per block (its year's,
// month's and day's): the field, the record seen ("" for none), the new
// record's text up to its note with "#" for the id, its note; then the
// HandledMark's args from ARGV[25].
var saveSeen = redis.NewScript(HandledLua + saveLua + "local function lua_state()\n" + stateLua + `
return state_add
end
local function write(id, sid)
  local olds = redis.call('HMGET', KEYS[7], ARGV[13], ARGV[17], ARGV[21])
  local args = {}
  for i = 1, 3 do
    local at = 9 + 4 * i
    if (olds[i] or '') ~= ARGV[at + 1] then
      return lua_state()(KEYS[7], tonumber(ARGV[3]), ARGV[9], id, ARGV[10])
    end
    args[#args + 1] = ARGV[at]
    args[#args + 1] = string.gsub(ARGV[at + 2], '#', sid) .. ARGV[at + 3]
  end
  redis.call('HSET', KEYS[7], unpack(args))
end
return save(write, 25)
`)

// SaveSeenHash is the hash saveSeen runs by (EVALSHA): a hook that counts
// its runs tells how many saves Lua did not sum up.
var SaveSeenHash = saveSeen.Hash()

// addFigureLua defines addFigure, the work an import does for each figure,
// in one place so that what a figure changes is read (and extended) here
// only. It adds a figure unless its idempotency key is known: the document,
// its place in its indicator's index and in the reporter's, the key, and an
// audit entry, and its evaluation state (stateLua's state_add, defined
// before it).
//
// KEYS: figurekeys, seq, figures, reporter, audit, then the keys of each
// indicator the call touches (Store.indicatorKeys), from KEYS[at] on:
// KEYS[at] is its index, KEYS[at+1] its state. ARGV[1..3]: saved-at ms,
// saved-at text, actor.
// Returns 1 when added, 0 when the key is known.
const addFigureLua = `
local function addFigure(key, doc, day, at, detail, value, note)
  if redis.call('HGET', KEYS[1], key) then return 0 end
  local id = redis.call('INCR', KEYS[2])
  local m = string.format('%012d', id)
  redis.call('HSET', KEYS[3], m, doc)
  redis.call('ZADD', KEYS[at], day, m)
  redis.call('ZADD', KEYS[4], ARGV[1], m)
  redis.call('HSET', KEYS[1], key, m)
  state_add(KEYS[at + 1], tonumber(day), value, id, note)
  redis.call('XADD', KEYS[5], '*', 'at', ARGV[2], 'actor', ARGV[3], 'action', 'figure.import',
    'subject', 'figure:' .. id, 'detail', detail)
  return 1
end
`

// importFigures adds a chunk of an import's figures (see addFigure), each
// unless its key is known, atomically. ImportFigures keeps chunks small so
// that no call holds Redis for long.
//
// KEYS: as addFigure's. ARGV: saved-at ms, saved-at text, actor, then per
// figure: key, document, day, the KEYS position of its indicator's keys,
// detail, value, note. Returns how many were added.
var importFigures = stateScript(addFigureLua + `
local added = 0
for i = 4, #ARGV, 7 do
  added = added + addFigure(ARGV[i], ARGV[i+1], ARGV[i+2], tonumber(ARGV[i+3]), ARGV[i+4], ARGV[i+5], ARGV[i+6])
end
return added
`)

// readFigures reads a bounded piece of the figures of many indexes dated
// from ARGV[1] to ARGV[2]: at most ARGV[3] figures, starting at the index
// in KEYS position ARGV[4], from day ARGV[5], past the first ARGV[6]
// figures of that day (the cursor a previous piece returned). Figures of
// one day sort by member, their order of saving, so the cursor stays right
// while others are saved.
//
// KEYS: figures, then the indexes. Returns {next, day, skip, left, list,
// list, …} with one flat list member, document, member, … per index read,
// from the starting one on; next is 0 when every index was read to its
// end, else the cursor of the next piece (index position, day, skip), and
// left how many figures of that index are after it, so the reader can make
// room for them at once.
var readFigures = redis.NewScript(`
local to, budget = ARGV[2], tonumber(ARGV[3])
local i, from, skip = tonumber(ARGV[4]), ARGV[5], tonumber(ARGV[6])
local out = {0, 0, 0, 0}
while i <= #KEYS do
  local got = redis.call('ZRANGEBYSCORE', KEYS[i], from, to, 'WITHSCORES', 'LIMIT', skip, budget)
  local list = {}
  for j = 1, #got, 1000 do
    local chunk = {}
    for x = j, math.min(j + 999, #got), 2 do chunk[#chunk + 1] = got[x] end
    local docs = redis.call('HMGET', KEYS[1], unpack(chunk))
    for x = 1, #chunk do
      list[#list + 1] = chunk[x]
      list[#list + 1] = docs[x]
    end
  end
  out[#out + 1] = list
  budget = budget - #got / 2
  if budget == 0 then
    local last, same = got[#got], 0
    for x = #got, 2, -2 do
      if got[x] ~= last then break end
      same = same + 1
    end
    if tonumber(last) == tonumber(from) then same = same + skip end
    out[1], out[2], out[3] = i, last, same
    out[4] = redis.call('ZCOUNT', KEYS[i], last, to) - same
    return out
  end
  i, from, skip = i + 1, ARGV[1], 0
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

// codesPiece is the COUNT of figureCodes' HSCAN: about this many figures a
// call, about a millisecond of decoding. (A hash small enough to be kept as
// a list is scanned whole in one call.)
const codesPiece = 250

// figureCodes counts the figures of each indicator code in a piece of the
// figures hash: HSCAN from cursor ARGV[1] with COUNT ARGV[2], so a call's
// work stays bounded however many figures there are. KEYS: figures.
// Returns {next cursor, code, count, code, …}; the cursor is "0" at the end.
var figureCodes = redis.NewScript(`
local res = redis.call('HSCAN', KEYS[1], ARGV[1], 'COUNT', ARGV[2])
local counts, docs = {}, res[2]
for j = 2, #docs, 2 do
  local code = cjson.decode(docs[j]).indicator
  counts[code] = (counts[code] or 0) + 1
end
local out = {res[1]}
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
