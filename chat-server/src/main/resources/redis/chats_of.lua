-- Every chat of one counsellor: a flat list of field arrays.
-- KEYS[1] the counsellor's chat set; ARGV[1] key prefix
local out = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local chat = redis.call('HGETALL', ARGV[1] .. 'chat:' .. id)
  if #chat > 0 then
    out[#out + 1] = chat
  else
    redis.call('SREM', KEYS[1], id)
    redis.call('DEL', ARGV[1] .. 'staffing')
  end
end
return out
