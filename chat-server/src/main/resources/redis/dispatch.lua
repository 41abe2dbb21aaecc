-- Hands the first still-queued candidate to this counsellor and creates the chat, atomically.
-- The candidates come in queue order from the caller, who applied the matching rules; a
-- candidate taken meanwhile by someone else is skipped, so nobody is handed out twice.
-- KEYS[1] queue, KEYS[2] the counsellor's chat set, KEYS[3] chat hash
-- ARGV[1] capacity, ARGV[2] chat id, ARGV[3] chat meta json, ARGV[4] key prefix,
-- ARGV[5] created-at millis, ARGV[6..] candidate entry ids
if redis.call('EXISTS', KEYS[3]) == 1 then
  return {'duplicate'}
end
if redis.call('SCARD', KEYS[2]) >= tonumber(ARGV[1]) then
  return {'capacity'}
end
for i = 6, #ARGV do
  local id = ARGV[i]
  local score = redis.call('ZSCORE', KEYS[1], id)
  if score and redis.call('ZREM', KEYS[1], id) == 1 then
    local entryKey = ARGV[4] .. 'entry:' .. id
    local entry = redis.call('GET', entryKey)
    if entry then
      redis.call('DEL', entryKey)
      redis.call('HSET', KEYS[3], 'meta', ARGV[3], 'visitor', entry, 'state', 'offered', 'createdAt', ARGV[5],
        'score', score)
      redis.call('SADD', KEYS[2], ARGV[2])
      redis.call('SADD', ARGV[4] .. 'chatids', ARGV[2])
      redis.call('SET', ARGV[4] .. 'token:' .. cjson.decode(entry).tokenHash, 'c:' .. ARGV[2])
      return {'dispatched', entry}
    end
  end
end
return {'gone'}
