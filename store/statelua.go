package store

import (
	"fmt"

	"github.com/redis/go-redis/v9"

	"chitieu/indicator"
)

// stateLua is the evaluation state's code, shared by the scripts that
// write figures. An indicator's state is a hash of blocks of the calendar:
// "y2023" holds its figures dated in 2023, "m202306" those of June 2023
// and "d19538" those of one day (days since 1970-01-01), each summed up as
// a record (see record in state.go for its text). A span is answered from
// the years it covers whole, then the months, then the days left
// (spanFieldsOf, read in Go with plain HMGETs): a year's window is one block,
// a month's report period another, so its cost does not grow with the
// figures.
var stateLua = fmt.Sprintf(`
local recent = %d

-- civil is the year and month of a day (days since 1970-01-01).
local function civil(z)
  z = z + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524) - math.floor(doe / 146096)) / 365)
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local m = mp < 10 and mp + 3 or mp - 9
  local y = yoe + era * 400
  if m <= 2 then y = y + 1 end
  return y, m
end

-- first is the day a month begins (the month after December: January).
local function first(y, m)
  if m > 12 then y, m = y + 1, 1 end
  if m <= 2 then y = y - 1 end
  local era = math.floor(y / 400)
  local yoe = y - era * 400
  local mp = m > 2 and m - 3 or m + 9
  local doy = math.floor((153 * mp + 2) / 5)
  return era * 146097 + yoe * 365 + math.floor(yoe / 4) - math.floor(yoe / 100) + doy - 719468
end

-- blocks are the blocks a day is in: its year's, its month's, its own.
local function blocks(day)
  local y, m = civil(day)
  return {string.format('y%%d', y), string.format('m%%d', y * 100 + m), string.format('d%%d', day)}
end

-- entry is a figure as a record keeps it: {day, "day,value,seq", seq}.
-- Its text is kept as written, so a record is written again without
-- formatting its numbers (formatting numbers is what costs in Lua).
local function entry(s)
  local a = string.find(s, ',', 1, true)
  local b = string.find(s, ',', a + 1, true)
  return {tonumber(string.sub(s, 1, a - 1)), s, tonumber(string.sub(s, b + 1))}
end

local function dec(s)
  if not s or s == '' then return nil end
  local pos = 1
  local function field()
    local i = string.find(s, '|', pos, true)
    local v = string.sub(s, pos, i - 1)
    pos = i + 1
    return v
  end
  local r = {n = tonumber(field()), sum = tonumber(field()), first = entry(field()), tail = {}}
  for j = 1, tonumber(field()) do r.tail[j] = entry(field()) end
  r.note = string.sub(s, pos)
  return r
end

local function g(x) return string.format('%%.17g', x) end

local function enc(r)
  local out = {r.n, g(r.sum), r.first[2], #r.tail}
  for _, t in ipairs(r.tail) do out[#out + 1] = t[2] end
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

-- one is a record of one figure; its value as text, as it was written.
local function one(day, value, seq, note)
  local e = {day, day .. ',' .. value .. ',' .. seq, seq}
  return {n = 1, sum = tonumber(value), first = e, tail = {e}, note = note or ''}
end

-- appended is record s with a figure added that comes after all of its
-- own (e, its entry's text), written by cutting s rather than decoding it:
-- the count and sum change, the first stays, the tail drops its oldest
-- beyond recent and the note is the new figure's. nil when a figure of s
-- is dated after day: then the records are merged.
local function appended(s, day, value, e, note)
  if not s then return '1|' .. value .. '|' .. e .. '|1|' .. e .. '|' .. note end
  local p1 = string.find(s, '|', 1, true)
  local p2 = string.find(s, '|', p1 + 1, true)
  local p3 = string.find(s, '|', p2 + 1, true)
  local p4 = string.find(s, '|', p3 + 1, true)
  local k = tonumber(string.sub(s, p3 + 1, p4 - 1))
  local starts, pos = {}, p4 + 1
  for j = 1, k do
    starts[j] = pos
    pos = string.find(s, '|', pos, true) + 1
  end
  if tonumber(string.sub(s, starts[k], string.find(s, ',', starts[k], true) - 1)) > day then return nil end
  local drop = math.max(0, k + 1 - recent)
  local tail = drop < k and string.sub(s, starts[drop + 1], pos - 1) or ''
  local n = tonumber(string.sub(s, 1, p1 - 1)) + 1
  local sum = tonumber(string.sub(s, p1 + 1, p2 - 1)) + tonumber(value)
  return n .. '|' .. g(sum) .. '|' .. string.sub(s, p2 + 1, p3 - 1) .. '|' .. (k + 1 - drop) .. '|' .. tail .. e .. '|' .. note
end

-- state_add adds a figure saved after all others to its blocks, read and
-- written in one call each.
local function state_add(h, day, value, seq, note)
  local e = day .. ',' .. value .. ',' .. seq
  local fields = blocks(day)
  local olds = redis.call('HMGET', h, fields[1], fields[2], fields[3])
  local args = {}
  for i, field in ipairs(fields) do
    local s = olds[i] or nil
    local r = appended(s, day, value, e, note)
    if not r then r = enc(merge(dec(s), one(day, value, seq, note))) end
    args[#args + 1] = field
    args[#args + 1] = r
  end
  redis.call('HSET', h, unpack(args))
end

-- sum_fields sums up the records of some fields.
local function sum_fields(h, fields)
  local sum = nil
  for _, rec in ipairs(redis.call('HMGET', h, unpack(fields))) do sum = merge(sum, dec(rec)) end
  return sum
end

-- state_put writes a block, or removes it when empty.
local function state_put(h, field, r)
  if r then redis.call('HSET', h, field, enc(r)) else redis.call('HDEL', h, field) end
end

-- state_refresh sums a day's blocks up again from its figures (a figure
-- corrected, or moved to another day): the day from its figures, its
-- month from its days, its year from its months.
local function state_refresh(h, index, figures, day)
  local ms = redis.call('ZRANGEBYSCORE', index, day, day)
  local r = nil
  if #ms > 0 then
    local docs = redis.call('HMGET', figures, unpack(ms))
    for i = 1, #ms do
      local f = cjson.decode(docs[i])
      local note = f.note
      if type(note) ~= 'string' then note = '' end
      r = merge(r, one(day, g(f.value), tonumber(ms[i]), note))
    end
  end
  local b = blocks(day)
  state_put(h, b[3], r)
  local y, m = civil(day)
  local days = {}
  for x = first(y, m), first(y, m + 1) - 1 do days[#days + 1] = string.format('d%%d', x) end
  state_put(h, b[2], sum_fields(h, days))
  local months = {}
  for x = 1, 12 do months[#months + 1] = string.format('m%%d', y * 100 + x) end
  state_put(h, b[1], sum_fields(h, months))
end
`, indicator.Recent)

// stateScript is a script with the evaluation state's code before it.
func stateScript(body string) *redis.Script { return redis.NewScript(stateLua + body) }

// refreshState sums up the blocks of days again from the figures.
// KEYS: state, index, figures. ARGV: the days.
var refreshState = stateScript(`
for _, day in ipairs(ARGV) do state_refresh(KEYS[1], KEYS[2], KEYS[3], tonumber(day)) end
return 1
`)
