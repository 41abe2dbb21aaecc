-- Compare-and-set: writes the new item only over the version it was made from, so of two nodes
-- changing one item at once (two counsellors claiming it), exactly one wins.
-- KEYS[1] item; ARGV[1] expected current version, ARGV[2] new json, ARGV[3] ttl ms
local current = redis.call('GET', KEYS[1])
if not current then
  return 0
end
if cjson.decode(current).version ~= ARGV[1] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
