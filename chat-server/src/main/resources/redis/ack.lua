-- Cumulative acknowledgement; when it holds and a frame is given, that frame (the sender's
-- `delivered`) goes on to the sender's node.
-- KEYS[1] chat log hash, KEYS[2] envelopes of this direction, KEYS[3] (optional) the sender's
-- location; ARGV[1] direction, ARGV[2] seq, ARGV[3..5] (with KEYS[3]) inbox prefix, frame payload,
-- this node
-- Returns 0 when seq was never received (or the chat is gone), 1 when acknowledged, 2 when
-- acknowledged and the frame published.
-- The log is written with its 'open' field when the chat opens and deleted when it ends.
local log = redis.call('HMGET', KEYS[1], 'open', 'last:' .. ARGV[1], 'acked:' .. ARGV[1])
if not log[1] then
  return 0
end
local last = tonumber(log[2] or '0')
local acked = tonumber(log[3] or '0')
local seq = tonumber(ARGV[2])
if seq > last or seq < 0 then
  return 0
end
if seq > acked then
  for s = acked + 1, seq do
    redis.call('HDEL', KEYS[2], tostring(s))
  end
  redis.call('HSET', KEYS[1], 'acked:' .. ARGV[1], seq)
end
return 1 + forward(3, 3)
