package store

import "github.com/redis/go-redis/v9"

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
