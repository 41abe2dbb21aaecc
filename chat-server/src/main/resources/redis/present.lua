-- Whether a client is attached to a live node.
-- KEYS[1] the client's location; ARGV[1] node heartbeat key prefix
local node = redis.call('GET', KEYS[1])
if node and string.sub(node, 1, 1) ~= '-' and redis.call('EXISTS', ARGV[1] .. node) == 1 then
  return 1
end
return 0
