-- One log-in attempt for a name (Store#loginAttempt; the block is LoginBackoff#blockAfter).
-- KEYS[1] the name's attempts: hash lytt:login:<name hash> {n = attempts since the last success,
--         until = end of the current block, epoch ms}; forgotten ARGV[5] ms after the last attempt
-- ARGV[1] now (epoch ms, the caller's clock), ARGV[2] free attempts, ARGV[3] first block (ms),
-- ARGV[4] longest block (ms), ARGV[5] how long the count is kept (ms)
-- Returns {1, attempts, 0} when admitted, {0, 0, end of the block} when refused (nothing changes).
local now = tonumber(ARGV[1])
local blocked = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if now < blocked then
  return {0, 0, blocked}
end
local n = redis.call('HINCRBY', KEYS[1], 'n', 1)
local free = tonumber(ARGV[2])
local untilMs = now
if n >= free then
  local block = tonumber(ARGV[4])
  local doublings = n - free
  if doublings < 40 then
    block = math.min(block, tonumber(ARGV[3]) * 2 ^ doublings)
  end
  untilMs = now + block
end
redis.call('HSET', KEYS[1], 'until', string.format('%.0f', untilMs))
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return {1, n, 0}
