-- Marks a chat's envelope log open (appends are refused until it is) and keeps it for its time.
-- KEYS[1] log hash; ARGV[1] time to keep it, in milliseconds
redis.call('HSET', KEYS[1], 'open', '1')
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
