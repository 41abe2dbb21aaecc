-- Adds a visitor in their place unless the queue is full, answers what the visitor and the
-- consoles are shown, and tells the other nodes the queue changed: one round trip for a join.
-- KEYS[1] queue (zset), KEYS[2] entry, KEYS[3] token pointer
-- ARGV[1] max length, ARGV[2] entry id, ARGV[3] score, ARGV[4] entry json, ARGV[5] ttl ms,
-- ARGV[6] key prefix, ARGV[7] how many recent durations, ARGV[8] head size,
-- ARGV[9] the nodes' shard channel, ARGV[10] the message that says the queue changed
-- Returns {} when full, else {length, position, {head entry json, ...}, {username, capacity, ...},
-- busy, {durations}}.
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  return {}
end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
redis.call('SET', KEYS[2], ARGV[4], 'PX', ARGV[5])
redis.call('SET', KEYS[3], 'q:' .. ARGV[2], 'PX', ARGV[5])
redis.call('SPUBLISH', ARGV[9], ARGV[10])
local first = head(KEYS[1], ARGV[6], tonumber(ARGV[8]))
local s = staffing(ARGV[6], tonumber(ARGV[7]))
return {redis.call('ZCARD', KEYS[1]), redis.call('ZRANK', KEYS[1], ARGV[2]) + 1, first, s[1], s[2], s[3]}
