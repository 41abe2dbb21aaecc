-- Hands a running chat to the colleague it was offered to, atomically: the first counsellor's chat
-- record goes and the colleague's offered chat takes its place, with the same visitor entry and
-- queue score (so an unanswered new offer puts the visitor back where they first stood) and the
-- visitor's token pointing at it. Only while the ask stands (this colleague, not past its
-- deadline), the chat is open, and the colleague is under capacity. The old chat's envelope log
-- lives in another slot; the caller deletes it after this.
-- KEYS[1] old chat hash, KEYS[2] new chat hash, KEYS[3] the colleague's chat set
-- ARGV[1] key prefix, ARGV[2] old chat id, ARGV[3] new chat id, ARGV[4] colleague,
-- ARGV[5] capacity, ARGV[6] new chat meta json, ARGV[7] now millis
-- Returns {'transferred', old chat fields...}, {'not_asked'}, {'capacity'} or {'duplicate'}.
if redis.call('EXISTS', KEYS[2]) == 1 then
  return {'duplicate'}
end
local chat = redis.call('HGETALL', KEYS[1])
local fields = {}
for i = 1, #chat, 2 do
  fields[chat[i]] = chat[i + 1]
end
if fields['state'] ~= 'open' or not fields['transfer'] then
  return {'not_asked'}
end
local asked = cjson.decode(fields['transfer'])
if asked.to ~= ARGV[4] or tonumber(asked.untilMs) <= tonumber(ARGV[7]) then
  return {'not_asked'}
end
if redis.call('SCARD', KEYS[3]) >= tonumber(ARGV[5]) then
  return {'capacity'}
end
local prefix = ARGV[1]
redis.call('DEL', KEYS[1])
redis.call('SREM', prefix .. 'chatids', ARGV[2])
redis.call('SREM', prefix .. 'chats:' .. cjson.decode(fields['meta']).counsellor, ARGV[2])
redis.call('HSET', KEYS[2], 'meta', ARGV[6], 'visitor', fields['visitor'], 'state', 'offered',
  'createdAt', ARGV[7], 'score', fields['score'])
redis.call('SADD', KEYS[3], ARGV[3])
redis.call('SADD', prefix .. 'chatids', ARGV[3])
redis.call('DEL', prefix .. 'staffing')
redis.call('SET', prefix .. 'token:' .. cjson.decode(fields['visitor']).tokenHash, 'c:' .. ARGV[3])
local out = {'transferred'}
for _, v in ipairs(chat) do
  out[#out + 1] = v
end
return out
