-- Everyone on duty on a node that is alive, as {username, capacity, ...}.
-- KEYS[1] duty hash; ARGV[1] key prefix
local out = {}
local duty = redis.call('HGETALL', KEYS[1])
for i = 1, #duty, 2 do
  local on, capacity, node = string.match(duty[i + 1], '^(%d)|(%d+)|(.*)$')
  if on == '1' and redis.call('EXISTS', ARGV[1] .. 'node:' .. node) == 1 then
    out[#out + 1] = duty[i]
    out[#out + 1] = capacity
  end
end
return out
