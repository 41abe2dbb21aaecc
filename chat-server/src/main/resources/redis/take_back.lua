-- An offer nobody answered: the chat is dropped and the visitor goes back to the place they had.
-- Only while still offered: a chat the visitor has opened meanwhile is left alone.
-- KEYS[1] chat hash, KEYS[2] queue; ARGV[1] key prefix, ARGV[2] chat id, ARGV[3] entry ttl ms
-- Returns the chat's fields, or {} when it was not an offered chat.
local chat = redis.call('HGETALL', KEYS[1])
local fields = {}
for i = 1, #chat, 2 do
  fields[chat[i]] = chat[i + 1]
end
if fields['state'] ~= 'offered' then
  return {}
end
redis.call('DEL', KEYS[1])
redis.call('SREM', ARGV[1] .. 'chatids', ARGV[2])
redis.call('SREM', ARGV[1] .. 'chats:' .. cjson.decode(fields['meta']).counsellor, ARGV[2])
redis.call('DEL', ARGV[1] .. 'staffing')
local visitor = cjson.decode(fields['visitor'])
redis.call('ZADD', KEYS[2], fields['score'], visitor.id)
redis.call('SET', ARGV[1] .. 'entry:' .. visitor.id, fields['visitor'], 'PX', ARGV[3])
redis.call('SET', ARGV[1] .. 'token:' .. visitor.tokenHash, 'q:' .. visitor.id, 'PX', ARGV[3])
return chat
