-- Offered -> open with the visitor's encapsulated key.
-- KEYS[1] chat hash; ARGV[1] enc
-- Returns {'opened', field, value, ...}, {'already'} when it is open, {'missing'} when it is gone.
local state = redis.call('HGET', KEYS[1], 'state')
if not state then
  return {'missing'}
end
if state ~= 'offered' then
  return {'already'}
end
redis.call('HSET', KEYS[1], 'state', 'open', 'enc', ARGV[1])
local out = {'opened'}
for _, v in ipairs(redis.call('HGETALL', KEYS[1])) do
  out[#out + 1] = v
end
return out
