-- Hands the longest-waiting visitor this counsellor accepts to them and creates the chat,
-- atomically, so nobody is handed out twice. Which visitors a counsellor accepts is decided in
-- Java (CounsellorProfile); the caller sends it as the preference/language pairs accepted, and
-- the script walks the queue from its head until one matches: usually the first entry.
-- The counsellor's duty is read here too, not by the caller first: one round trip per accept,
-- and a counsellor who went on a break a moment ago cannot be handed a visitor by a stale read.
-- KEYS[1] queue, KEYS[2] the counsellor's chat set, KEYS[3] chat hash, KEYS[4] duty hash
-- ARGV[1] username, ARGV[2] chat id, ARGV[3] chat meta json, ARGV[4] key prefix,
-- ARGV[5] created-at millis, ARGV[6..] accepted 'preference/language' pairs
-- Answers {'dispatched', entry json, left} or {'none', left}, where left is how many visitors the
-- queue holds afterwards (a node answers accepts pressed before this one locally when it is 0), or
-- one of {'break'}, {'off'}, {'duplicate'}, {'capacity'}: the counsellor's own, nothing about the queue.
local duty = redis.call('HGET', KEYS[4], ARGV[1])
local status, capacity = string.match(duty or '', '^(%d)|(%d+)')
if status == '2' then
  return {'break'}
end
if status ~= '1' then
  return {'off'}
end
if redis.call('EXISTS', KEYS[3]) == 1 then
  return {'duplicate'}
end
if redis.call('SCARD', KEYS[2]) >= tonumber(capacity) then
  return {'capacity'}
end
local accepted = {}
for i = 6, #ARGV do
  accepted[ARGV[i]] = true
end
local batch = 100
local start = 0
while true do
  local page = redis.call('ZRANGE', KEYS[1], start, start + batch - 1, 'WITHSCORES')
  if #page == 0 then
    return {'none', redis.call('ZCARD', KEYS[1])}
  end
  for i = 1, #page, 2 do
    local id, score = page[i], page[i + 1]
    local entryKey = ARGV[4] .. 'entry:' .. id
    local entry = redis.call('GET', entryKey)
    if entry then
      local visitor = cjson.decode(entry)
      if accepted[visitor.preference .. '/' .. visitor.language] then
        redis.call('ZREM', KEYS[1], id)
        redis.call('DEL', entryKey)
        redis.call('HSET', KEYS[3], 'meta', ARGV[3], 'visitor', entry, 'state', 'offered',
          'createdAt', ARGV[5], 'score', score)
        redis.call('SADD', KEYS[2], ARGV[2])
        redis.call('SADD', ARGV[4] .. 'chatids', ARGV[2])
        redis.call('DEL', ARGV[4] .. 'staffing')
        redis.call('SET', ARGV[4] .. 'token:' .. visitor.tokenHash, 'c:' .. ARGV[2])
        return {'dispatched', entry, redis.call('ZCARD', KEYS[1])}
      end
    end
  end
  start = start + batch
end
