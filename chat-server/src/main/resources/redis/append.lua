-- One envelope into one direction of an open chat, in sequence, within the unacknowledged limit.
-- KEYS[1] chat log hash, KEYS[2] envelopes of this direction
-- ARGV[1] direction, ARGV[2] seq, ARGV[3] ciphertext, ARGV[4] max unacked, ARGV[5] envelope ttl ms,
-- ARGV[6] chat log ttl ms
if redis.call('HGET', KEYS[1], 'open') ~= '1' then
  return 'no_chat'
end
local last = tonumber(redis.call('HGET', KEYS[1], 'last:' .. ARGV[1]) or '0')
local acked = tonumber(redis.call('HGET', KEYS[1], 'acked:' .. ARGV[1]) or '0')
local seq = tonumber(ARGV[2])
if seq <= last then
  return 'duplicate'
end
if seq ~= last + 1 then
  return 'gap'
end
if last - acked >= tonumber(ARGV[4]) then
  return 'full'
end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
redis.call('HSET', KEYS[1], 'last:' .. ARGV[1], seq)
-- The log lives as long as the chat; this only bounds one whose end was never written.
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return 'accepted'
