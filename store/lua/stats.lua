-- stats.lua: what evaluation reads of an indicator's figures in spans of
-- days, from Redis's own structures: a count from the index, a sum from
-- the blocks' sums, the first and the latest figures by a range of the
-- index. Its work grows with the spans, not with the figures.
-- KEYS[1] figures; then per code read (the indicator's, then the codes it
-- had before): its index, its sums.
-- ARGV[1] how many of the latest figures to give; then per span: its first
-- day, its last day, how many blocks it has, those blocks (their sums
-- added make the span's).
-- Returns per span, per code: {n, sum as text, first member, its document,
-- then the latest figures newest first: member, document, …} ({0} when the
-- span has none).
local recent = tonumber(ARGV[1])
local out = {}
local i = 2
while i <= #ARGV do
  local from, to, nb = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2])
  for k = 2, #KEYS, 2 do
    local n = redis.call('ZCOUNT', KEYS[k], from, to)
    local got = {n}
    if n > 0 then
      local sum = 0
      if nb > 0 then
        for _, v in ipairs(redis.call('HMGET', KEYS[k + 1], unpack(ARGV, i + 3, i + 2 + nb))) do
          if v then sum = sum + tonumber(v) end
        end
      end
      got[2] = string.format('%.17g', sum)
      local first = redis.call('ZRANGEBYSCORE', KEYS[k], from, to, 'LIMIT', 0, 1)
      local tail = redis.call('ZREVRANGEBYSCORE', KEYS[k], to, from, 'LIMIT', 0, recent)
      local ms = {first[1]}
      for _, m in ipairs(tail) do ms[#ms + 1] = m end
      with_documents(KEYS[1], ms, got)
    end
    out[#out + 1] = got
  end
  i = i + 3 + nb
end
return out
