package store

import (
	"fmt"

	"github.com/redis/go-redis/v9"

	"chitieu/indicator"
)

// stateLua is the evaluation state's code, shared by the scripts that
// write figures and the one that reads the state. An indicator's state is
// a hash of blocks: "1024:b", "32:b" and "1:b" hold the figures dated in
// days [b*size, b*size+size-1], summed up as a record (see record in
// state.go for its text). A span is answered from the largest blocks whose
// figures all lie in it, so its cost does not grow with the figures.
var stateLua = fmt.Sprintf(`
local sizes = {1024, 32, 1}
local recent = %d

local function dec(s)
  if not s or s == '' then return nil end
  local pos = 1
  local function nxt()
    local i = string.find(s, '|', pos, true)
    local v = tonumber(string.sub(s, pos, i - 1))
    pos = i + 1
    return v
  end
  local r = {n = nxt(), sum = nxt(), first = {nxt(), nxt(), nxt()}, tail = {}}
  for j = 1, nxt() do r.tail[j] = {nxt(), nxt(), nxt()} end
  r.note = string.sub(s, pos)
  return r
end

local function g(x) return string.format('%%.17g', x) end

local function enc(r)
  local out = {string.format('%%d', r.n), g(r.sum), string.format('%%d', r.first[1]), g(r.first[2]),
    string.format('%%d', r.first[3]), string.format('%%d', #r.tail)}
  for _, t in ipairs(r.tail) do
    out[#out + 1] = string.format('%%d', t[1]); out[#out + 1] = g(t[2]); out[#out + 1] = string.format('%%d', t[3])
  end
  return table.concat(out, '|') .. '|' .. r.note
end

-- before orders figures by day, then by the order they were saved.
local function before(a, b) return a[1] < b[1] or (a[1] == b[1] and a[3] < b[3]) end

local function merge(acc, r)
  if not r then return acc end
  if not acc then return r end
  local t, i, j = {}, 1, 1
  while i <= #acc.tail or j <= #r.tail do
    if j > #r.tail or (i <= #acc.tail and before(acc.tail[i], r.tail[j])) then
      t[#t + 1] = acc.tail[i]; i = i + 1
    else
      t[#t + 1] = r.tail[j]; j = j + 1
    end
  end
  local keep = {}
  for x = math.max(1, #t - recent + 1), #t do keep[#keep + 1] = t[x] end
  local note, first = acc.note, acc.first
  if before(acc.tail[#acc.tail], r.tail[#r.tail]) then note = r.note end
  if before(r.first, first) then first = r.first end
  return {n = acc.n + r.n, sum = acc.sum + r.sum, first = first, tail = keep, note = note}
end

local function one(day, value, seq, note)
  return {n = 1, sum = value, first = {day, value, seq}, tail = {{day, value, seq}}, note = note or ''}
end

-- state_add adds a figure saved after all others to its blocks.
local function state_add(h, day, value, seq, note)
  local f = one(day, value, seq, note)
  for _, size in ipairs(sizes) do
    local field = size .. ':' .. math.floor(day / size)
    redis.call('HSET', h, field, enc(merge(dec(redis.call('HGET', h, field)), f)))
  end
end

-- state_put writes a block, or removes it when empty.
local function state_put(h, field, r)
  if r then redis.call('HSET', h, field, enc(r)) else redis.call('HDEL', h, field) end
end

-- state_refresh sums a day's blocks up again from its figures (a figure
-- corrected, or moved to another day), then the larger blocks from the
-- smaller.
local function state_refresh(h, index, figures, day)
  local ms = redis.call('ZRANGEBYSCORE', index, day, day)
  local r = nil
  if #ms > 0 then
    local docs = redis.call('HMGET', figures, unpack(ms))
    for i = 1, #ms do
      local f = cjson.decode(docs[i])
      local note = f.note
      if type(note) ~= 'string' then note = '' end
      r = merge(r, one(day, f.value, tonumber(ms[i]), note))
    end
  end
  state_put(h, '1:' .. day, r)
  for level = 2, 1, -1 do
    local size, child = sizes[level], sizes[level + 1]
    local b = math.floor(day / size)
    local fields = {}
    for c = b * size / child, (b + 1) * size / child - 1 do fields[#fields + 1] = child .. ':' .. c end
    local sum = nil
    for _, rec in ipairs(redis.call('HMGET', h, unpack(fields))) do sum = merge(sum, dec(rec)) end
    state_put(h, size .. ':' .. b, sum)
  end
end

-- state_query sums up the figures dated from lo to hi in the hashes hs.
local function state_query(hs, lo, hi)
  local acc = nil
  local function visit(h, level, from, to)
    local size = sizes[level]
    local b0 = math.floor(from / size)
    local fields = {}
    for b = b0, math.floor(to / size) do fields[#fields + 1] = size .. ':' .. b end
    local recs = redis.call('HMGET', h, unpack(fields))
    for i = 1, #fields do
      local r = dec(recs[i])
      if r then
        local b = b0 + i - 1
        local a, z = math.max(from, b * size), math.min(to, b * size + size - 1)
        if r.first[1] >= a and r.tail[#r.tail][1] <= z then
          acc = merge(acc, r)
        else
          visit(h, level + 1, a, z)
        end
      end
    end
  end
  if lo <= hi then
    for _, h in ipairs(hs) do visit(h, 1, lo, hi) end
  end
  if acc then return enc(acc) end
  return ''
end
`, indicator.Recent)

// stateScript is a script with the evaluation state's code before it.
func stateScript(body string) *redis.Script { return redis.NewScript(stateLua + body) }

// readState answers spans from the state of an indicator and the codes it
// had before. KEYS: the state hashes. ARGV: from, to, from, to, …
// Returns one record per span, "" for none.
var readState = stateScript(`
local out = {}
for i = 1, #ARGV, 2 do out[#out + 1] = state_query(KEYS, tonumber(ARGV[i]), tonumber(ARGV[i + 1])) end
return out
`)

// readReport answers spans from an indicator's state and reads what one
// person saved since an instant, of any indicator: what judging a report
// needs, in one round trip (the person's latest 50, newest first). KEYS: figures, the person's index, then the
// state hashes. ARGV: since (ms), then from, to, from, to, …
// Returns {records, {member, document, …}}.
var readReport = stateScript(`
local hs = {}
for i = 3, #KEYS do hs[#hs + 1] = KEYS[i] end
local out = {}
for i = 2, #ARGV, 2 do out[#out + 1] = state_query(hs, tonumber(ARGV[i]), tonumber(ARGV[i + 1])) end
local ms = redis.call('ZREVRANGEBYSCORE', KEYS[2], '+inf', ARGV[1], 'LIMIT', 0, 50)
local mine = {}
if #ms > 0 then
  local docs = redis.call('HMGET', KEYS[1], unpack(ms))
  for i = 1, #ms do mine[#mine + 1] = ms[i]; mine[#mine + 1] = docs[i] end
end
return {out, mine}
`)

// refreshState sums up the blocks of days again from the figures.
// KEYS: state, index, figures. ARGV: the days.
var refreshState = stateScript(`
for _, day in ipairs(ARGV) do state_refresh(KEYS[1], KEYS[2], KEYS[3], tonumber(day)) end
return 1
`)
