-- Replaces an existing entry of an administrator's list; 0, with nothing written, when there is none.
-- KEYS[1] the list's hash; ARGV[1] entry id, ARGV[2] entry as json
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
