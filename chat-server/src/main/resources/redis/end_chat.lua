-- Deletes a chat's record; its fields go only to the first caller.
-- KEYS[1] chat hash; ARGV[1] key prefix, ARGV[2] chat id
local chat = redis.call('HGETALL', KEYS[1])
if #chat == 0 then
  return {}
end
redis.call('DEL', KEYS[1])
redis.call('SREM', ARGV[1] .. 'chatids', ARGV[2])
local fields = {}
for i = 1, #chat, 2 do
  fields[chat[i]] = chat[i + 1]
end
redis.call('SREM', ARGV[1] .. 'chats:' .. cjson.decode(fields['meta']).counsellor, ARGV[2])
redis.call('DEL', ARGV[1] .. 'staffing')
local visitor = cjson.decode(fields['visitor'])
redis.call('DEL', ARGV[1] .. 'at:v:' .. visitor.id, ARGV[1] .. 'at:v:' .. visitor.id .. ':gone')
local token = ARGV[1] .. 'token:' .. visitor.tokenHash
if redis.call('GET', token) == 'c:' .. ARGV[2] then
  redis.call('DEL', token)
end
return chat
