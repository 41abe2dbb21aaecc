-- Every callback and ticket still indexed, as json.
-- KEYS[1] index (zset); ARGV[1] item key prefix (same hash tag)
local out = {}
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local json = redis.call('GET', ARGV[1] .. id)
  if json then
    table.insert(out, json)
  end
end
return out
