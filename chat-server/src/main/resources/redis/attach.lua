-- Records that a client is attached to this node; a different live node that still holds a
-- connection for it is told to close that stale connection.
-- KEYS[1] the client's location; ARGV[1] this node, ARGV[2] ttl ms, ARGV[3] inbox channel prefix,
-- ARGV[4] payload for the previous node, ARGV[5] 'reassert' when only renewing what this node had:
-- then a location another node has taken since is left alone (that node has the live connection).
local previous = redis.call('GET', KEYS[1])
if ARGV[5] == 'reassert' and previous and previous ~= ARGV[1] and string.sub(previous, 1, 1) ~= '-' then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('DEL', KEYS[1] .. ':gone')
if previous and previous ~= ARGV[1] and string.sub(previous, 1, 1) ~= '-' then
  redis.call('SPUBLISH', ARGV[3] .. previous, ARGV[4])
end
return 1
