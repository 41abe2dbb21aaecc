-- The queue in order, as entry json.
-- KEYS[1] queue; ARGV[1] key prefix
local ids = redis.call('ZRANGE', KEYS[1], 0, -1)
local out = {}
for i, id in ipairs(ids) do
  local entry = redis.call('GET', ARGV[1] .. 'entry:' .. id)
  if entry then
    out[#out + 1] = entry
  else
    -- an entry that outlived its record (expired) is not a visitor any more
    redis.call('ZREM', KEYS[1], id)
  end
end
return out
