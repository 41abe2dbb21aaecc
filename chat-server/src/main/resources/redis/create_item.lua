-- Saves a new callback or ticket unless its id or its lookup hash is already taken.
-- KEYS[1] item (string, json), KEYS[2] lookup pointer (string, item id), KEYS[3] index (zset id -> expiry ms)
-- ARGV[1] item id, ARGV[2] item json, ARGV[3] ttl ms (a safety net past the expiry), ARGV[4] expiry ms
if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[3])
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
return 1
