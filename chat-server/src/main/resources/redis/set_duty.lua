-- Records a counsellor's duty, and forgets the staffing a queue view keeps (queue_lib.lua) when it
-- changed: a console says its duty again at every welcome, and after a restart hundreds of
-- consoles coming back would otherwise make every view walk the staffing again.
-- KEYS[1] duty hash, KEYS[2] the kept staffing; ARGV[1] username, ARGV[2] 'status|capacity|node'
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  redis.call('DEL', KEYS[2])
end
return 1
