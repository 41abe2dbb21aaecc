-- One envelope into one direction of an open chat, in sequence, within the unacknowledged limit;
-- when it is accepted (or was already), the frame that carries it on to the receiver's node.
-- KEYS[1] chat log hash, KEYS[2] envelopes of this direction, KEYS[3] (optional) the receiver's
-- location
-- ARGV[1] direction, ARGV[2] seq, ARGV[3] ciphertext, ARGV[4] max unacked, ARGV[5] envelope ttl ms,
-- ARGV[6] chat log ttl ms, ARGV[7..9] (with KEYS[3]) inbox prefix, frame payload, this node
-- Returns {outcome, 1 when the frame was published}.
local log = redis.call('HMGET', KEYS[1], 'open', 'last:' .. ARGV[1], 'acked:' .. ARGV[1])
if log[1] ~= '1' then
  return {'no_chat', 0}
end
local last = tonumber(log[2] or '0')
local acked = tonumber(log[3] or '0')
local seq = tonumber(ARGV[2])
if seq <= last then
  return {'duplicate', forward(3, 7)}
end
if seq ~= last + 1 then
  return {'gap', 0}
end
if last - acked >= tonumber(ARGV[4]) then
  return {'full', 0}
end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
redis.call('HSET', KEYS[1], 'last:' .. ARGV[1], seq)
-- The log lives as long as the chat; this only bounds one whose end was never written.
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return {'accepted', forward(3, 7)}
