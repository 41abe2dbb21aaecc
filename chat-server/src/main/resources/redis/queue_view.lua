-- The queue as a node announces it: its length, its head, where some visitors stand, and the
-- staffing. Costs the head plus a ZRANK per visitor asked about, never a read of every entry.
-- KEYS[1] queue; ARGV[1] key prefix, ARGV[2] head size, ARGV[3] how many recent durations,
-- ARGV[4..] entry ids
-- Returns {length, {head entry json, ...}, {position or 0 per id asked}, {username, capacity, ...},
-- busy, {durations}}.
local head = {}
local want = tonumber(ARGV[2])
local start = 0
while #head < want do
  local ids = redis.call('ZRANGE', KEYS[1], start, start + want - #head - 1)
  if #ids == 0 then
    break
  end
  for _, id in ipairs(ids) do
    local entry = redis.call('GET', ARGV[1] .. 'entry:' .. id)
    if entry then
      head[#head + 1] = entry
      start = start + 1
    else
      -- an entry that outlived its record (expired) is not a visitor any more
      redis.call('ZREM', KEYS[1], id)
    end
  end
end
local positions = {}
for i = 4, #ARGV do
  local rank = redis.call('ZRANK', KEYS[1], ARGV[i])
  positions[#positions + 1] = rank and rank + 1 or 0
end
local s = staffing(ARGV[1], tonumber(ARGV[3]))
return {redis.call('ZCARD', KEYS[1]), head, positions, s[1], s[2], s[3]}
