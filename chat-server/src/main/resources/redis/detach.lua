-- Marks a client as gone from this node since now, unless another node has attached it since.
-- The mark names the node and the time, so if this node dies during the grace period another
-- node can still tell when the grace period ends.
-- KEYS[1] the client's location; ARGV[1] this node, ARGV[2] now millis, ARGV[3] ttl ms
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], '-' .. ARGV[1] .. '@' .. ARGV[2], 'PX', ARGV[3])
end
return 1
