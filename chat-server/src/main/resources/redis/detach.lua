-- Forgets a client's location, unless another node has attached it since.
-- KEYS[1] the client's location; ARGV[1] this node
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
end
return 1
