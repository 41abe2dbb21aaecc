-- Removes a queued visitor; 1 when they were still queued.
-- KEYS[1] queue, KEYS[2] entry; ARGV[1] entry id, ARGV[2] key prefix
if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then
  return 0
end
local entry = redis.call('GET', KEYS[2])
redis.call('DEL', KEYS[2])
redis.call('DEL', ARGV[2] .. 'at:v:' .. ARGV[1], ARGV[2] .. 'at:v:' .. ARGV[1] .. ':gone')
if entry then
  redis.call('DEL', ARGV[2] .. 'token:' .. cjson.decode(entry).tokenHash)
end
return 1
