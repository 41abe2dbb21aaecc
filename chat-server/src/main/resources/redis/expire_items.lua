-- Deletes every callback and ticket whose expiry has come and returns them, each to one caller.
-- KEYS[1] index (zset id -> expiry ms); ARGV[1] now ms, ARGV[2] item key prefix, ARGV[3] lookup key prefix
local out = {}
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], '-inf', ARGV[1], 'BYSCORE')) do
  redis.call('ZREM', KEYS[1], id)
  local json = redis.call('GET', ARGV[2] .. id)
  if json then
    redis.call('DEL', ARGV[2] .. id)
    redis.call('DEL', ARGV[3] .. cjson.decode(json).lookupHash)
    table.insert(out, json)
  end
end
return out
