-- Offered -> open with the visitor's encapsulated key; the chat's fields, or {} if not offered.
-- KEYS[1] chat hash; ARGV[1] enc
if redis.call('HGET', KEYS[1], 'state') ~= 'offered' then
  return {}
end
redis.call('HSET', KEYS[1], 'state', 'open', 'enc', ARGV[1])
return redis.call('HGETALL', KEYS[1])
