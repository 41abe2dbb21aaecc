-- Deletes a callback or ticket with its lookup pointer; 1 only for the caller that deleted it.
-- KEYS[1] item, KEYS[2] index; ARGV[1] item id, ARGV[2] lookup key prefix (same hash tag)
redis.call('ZREM', KEYS[2], ARGV[1])
local current = redis.call('GET', KEYS[1])
if not current then
  return 0
end
redis.call('DEL', KEYS[1])
redis.call('DEL', ARGV[2] .. cjson.decode(current).lookupHash)
return 1
