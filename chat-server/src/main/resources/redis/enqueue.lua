-- Adds a visitor at the end of the queue unless it is full.
-- KEYS[1] queue (zset), KEYS[2] entry, KEYS[3] token pointer
-- ARGV[1] max length, ARGV[2] entry id, ARGV[3] score, ARGV[4] entry json, ARGV[5] ttl ms
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  return 0
end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
redis.call('SET', KEYS[2], ARGV[4], 'PX', ARGV[5])
redis.call('SET', KEYS[3], 'q:' .. ARGV[2], 'PX', ARGV[5])
return 1
