-- The queue as a node announces it: its length, its head, where some visitors stand, and the
-- staffing. Costs the head plus a ZRANK per visitor asked about, never a read of every entry.
-- KEYS[1] queue; ARGV[1] key prefix, ARGV[2] head size, ARGV[3] how many recent durations,
-- ARGV[4..] entry ids
-- Returns {length, {head entry json, ...}, {position or 0 per id asked}, {username, capacity, ...},
-- busy, {durations}}.
local first = head(KEYS[1], ARGV[1], tonumber(ARGV[2]))
local positions = {}
for i = 4, #ARGV do
  local rank = redis.call('ZRANK', KEYS[1], ARGV[i])
  positions[#positions + 1] = rank and rank + 1 or 0
end
local s = staffing(ARGV[1], tonumber(ARGV[3]))
return {redis.call('ZCARD', KEYS[1]), first, positions, s[1], s[2], s[3]}
