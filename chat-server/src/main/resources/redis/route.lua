-- Sends a payload to the node where a client is attached, unless that is us or it has left.
-- KEYS[1] the client's location; ARGV[1] inbox channel prefix, ARGV[2] payload, ARGV[3] this node.
-- Returns 1 when published; otherwise why not: 0 no location, 2 located here, 3 left.
return route(KEYS[1], ARGV[1], ARGV[2], ARGV[3])
