-- Finds a callback or ticket by the hash of its lookup value.
-- KEYS[1] lookup pointer; ARGV[1] item key prefix (same hash tag)
local id = redis.call('GET', KEYS[1])
if not id then
  return false
end
return redis.call('GET', ARGV[1] .. id)
