-- Records that the chat's counsellor asks to hand it to a colleague, until a deadline. The chat
-- runs on unchanged; an earlier ask past its deadline is replaced.
-- KEYS[1] chat hash; ARGV[1] asking counsellor, ARGV[2] colleague, ARGV[3] now millis,
-- ARGV[4] deadline millis
-- Returns 'asked', 'not_found' (no such chat, or not the asker's), 'not_open' or 'already'.
local chat = redis.call('HMGET', KEYS[1], 'state', 'meta', 'transfer')
if not chat[1] or cjson.decode(chat[2]).counsellor ~= ARGV[1] then
  return 'not_found'
end
if chat[1] ~= 'open' then
  return 'not_open'
end
if chat[3] and tonumber(cjson.decode(chat[3]).untilMs) > tonumber(ARGV[3]) then
  return 'already'
end
redis.call('HSET', KEYS[1], 'transfer', cjson.encode({to = ARGV[2], untilMs = ARGV[4]}))
return 'asked'
