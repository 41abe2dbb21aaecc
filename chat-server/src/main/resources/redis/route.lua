-- Sends a payload to the node where a client is attached, if that node is alive and not us.
-- KEYS[1] the client's location; ARGV[1] inbox channel prefix, ARGV[2] payload, ARGV[3] this node,
-- ARGV[4] node heartbeat key prefix. Returns 1 when published.
local node = redis.call('GET', KEYS[1])
if not node or node == ARGV[3] or string.sub(node, 1, 1) == '-'
    or redis.call('EXISTS', ARGV[4] .. node) == 0 then
  return 0
end
redis.call('SPUBLISH', ARGV[1] .. node, ARGV[2])
return 1
