-- Withdraws an ask to hand a chat to a colleague; 1 only for the caller that withdrew it.
-- KEYS[1] chat hash; ARGV[1] colleague
local asked = redis.call('HGET', KEYS[1], 'transfer')
if not asked or cjson.decode(asked).to ~= ARGV[1] then
  return 0
end
redis.call('HDEL', KEYS[1], 'transfer')
return 1
