-- Sends a payload to the node where a client is attached, unless that is us or it has left.
-- A node that has died simply never reads its inbox; checking its heartbeat here would only risk
-- dropping a frame for a live node whose heartbeat is late.
-- KEYS[1] the client's location; ARGV[1] inbox channel prefix, ARGV[2] payload, ARGV[3] this node.
-- Returns 1 when published; otherwise why not: 0 no location, 2 located here, 3 left.
local node = redis.call('GET', KEYS[1])
if not node then
  return 0
end
if node == ARGV[3] then
  return 2
end
if string.sub(node, 1, 1) == '-' then
  return 3
end
redis.call('SPUBLISH', ARGV[1] .. node, ARGV[2])
return 1
