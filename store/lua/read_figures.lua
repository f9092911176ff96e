-- read_figures.lua: reads a bounded piece of the figures of many indexes dated
-- from ARGV[1] to ARGV[2]: at most ARGV[3] figures, starting at the index
-- in KEYS position ARGV[4], from day ARGV[5], past the first ARGV[6]
-- figures of that day (the cursor a previous piece returned). Figures of
-- one day sort by member, their order of saving, so the cursor stays right
-- while others are saved.
--
-- KEYS: figures, then the indexes. Returns {next, day, skip, left, list,
-- list, …} with one flat list member, document, member, … per index read,
-- from the starting one on; next is 0 when every index was read to its
-- end, else the cursor of the next piece (index position, day, skip), and
-- left how many figures of that index are after it, so the reader can make
-- room for them at once.
local to, budget = ARGV[2], tonumber(ARGV[3])
local i, from, skip = tonumber(ARGV[4]), ARGV[5], tonumber(ARGV[6])
local out = {0, 0, 0, 0}
while i <= #KEYS do
  local got = redis.call('ZRANGEBYSCORE', KEYS[i], from, to, 'WITHSCORES', 'LIMIT', skip, budget)
  local members = {}
  for x = 1, #got, 2 do members[#members + 1] = got[x] end
  out[#out + 1] = with_documents(KEYS[1], members, {})
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
