-- documents.lua: with_documents(figures, members, out), for a script that
-- answers figures as the Go side reads them (decodePairs): it appends to
-- out each member and its document from the figures hash, in order, and
-- returns out. Members go to HMGET a thousand at a time.
local function with_documents(figures, members, out)
  for j = 1, #members, 1000 do
    local chunk = {unpack(members, j, math.min(j + 999, #members))}
    local docs = redis.call('HMGET', figures, unpack(chunk))
    for x = 1, #chunk do
      out[#out + 1] = chunk[x]
      out[#out + 1] = docs[x]
    end
  end
  return out
end
