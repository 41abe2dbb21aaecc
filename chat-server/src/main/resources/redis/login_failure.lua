-- Counts one failed log-in service-wide (Store#countLoginFailure).
-- KEYS[1] failures in this clock minute, KEYS[2] in the minute before: strings
--         lytt:{login-failures}:<epoch minute> (one hash tag, so one Cluster slot)
-- ARGV[1] how long a minute's count is kept (ms)
-- Returns the failures in both minutes.
local n = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return n + tonumber(redis.call('GET', KEYS[2]) or '0')
