-- Held envelopes above afterSeq, in order, as {seq, ct, seq, ct, ...}. A held envelope that has
-- expired is reported as {'lost', seq} so the caller can say so instead of leaving a silent gap.
-- KEYS[1] chat log hash, KEYS[2] envelopes of this direction; ARGV[1] direction, ARGV[2] afterSeq,
-- ARGV[3] when above 0, only the last that many
local last = tonumber(redis.call('HGET', KEYS[1], 'last:' .. ARGV[1]) or '0')
local acked = tonumber(redis.call('HGET', KEYS[1], 'acked:' .. ARGV[1]) or '0')
local from = math.max(acked, tonumber(ARGV[2])) + 1
local tail = tonumber(ARGV[3] or '0')
if tail > 0 then
  from = math.max(from, last - tail + 1)
end
local out = {}
for s = from, last do
  local ct = redis.call('HGET', KEYS[2], tostring(s))
  if not ct then
    return {'lost', s}
  end
  out[#out + 1] = tostring(s)
  out[#out + 1] = ct
end
return out
