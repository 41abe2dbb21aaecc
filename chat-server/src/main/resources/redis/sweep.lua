-- Finds visitors and chats whose grace period has run out without anyone releasing them: their
-- node died (its grace timers with it), or Redis was away when the timer fired. Also finds offers
-- nobody answered (an offer frame lost on the way): those visitors go back to their place.
-- KEYS[1] queue, KEYS[2] set of all chat ids, KEYS[3] whose turn it is (exists while a sweep's turn lasts),
-- KEYS[4] where the walk over the chats stopped (an SSCAN cursor; absent: at the start)
-- ARGV[1] key prefix, ARGV[2] now millis, ARGV[3] grace millis, ARGV[4] offer timeout millis,
-- ARGV[5] how long (millis) other nodes leave the sweeping to this one, ARGV[6] chats to look at per call
-- at least, ARGV[7] the sweep period (millis)
-- Returns {queue entry ids to release, chat ids to end, offered chat ids to take back}.
local prefix, now, grace = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])

-- The walk blocks Redis while it runs: one node sweeping per period is enough, however many nodes
-- there are.
if not redis.call('SET', KEYS[3], ARGV[2], 'NX', 'PX', ARGV[5]) then
  return {{}, {}, {}}
end

local function alive(node)
  return redis.call('EXISTS', prefix .. 'node:' .. node) == 1
end

-- When this client was last seen on a live node, or nil while a live node answers for it.
local function awaySince(kind, id)
  local location = prefix .. 'at:' .. kind .. ':' .. id
  local at = redis.call('GET', location)
  if at and string.sub(at, 1, 1) == '-' then
    -- Left at t: released after the grace period whether or not the node it left is alive, so a
    -- release its own timer could not make (Redis away at that moment) still happens.
    return tonumber(string.match(at, '@(%d+)$')) or 0
  end
  if at and alive(at) then
    -- A node whose heartbeat was only late: forget that it was ever noticed missing.
    redis.call('DEL', location .. ':gone')
    return nil
  end
  -- Attached to a dead node, or no record at all: away since first noticed here.
  local gone = location .. ':gone'
  redis.call('SET', gone, ARGV[2], 'NX')
  -- Renewed at every look: however long a pass over the chats takes, the mark outlives it.
  redis.call('PEXPIRE', gone, grace * 2 + 60000)
  return tonumber(redis.call('GET', gone))
end

local function expired(kind, id)
  local since = awaySince(kind, id)
  return since ~= nil and now - since > grace
end

local release = {}
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if expired('v', id) then
    release[#release + 1] = id
  end
end

-- The queue is capped (limits.queue-length), the chats are not: each call looks at a batch of
-- them and the next goes on from there, so a call blocks Redis for a short time however many
-- chats run. The batch grows with the chats so that a whole pass takes at most half a grace
-- period: a chat whose sides are gone is ended at most that late. A chat seen twice in a pass
-- (SSCAN may return one again) is only checked twice.
local turns = math.max(1, math.floor(grace / 2 / tonumber(ARGV[7])))
local batch = math.max(tonumber(ARGV[6]), math.ceil(redis.call('SCARD', KEYS[2]) / turns))
local scanned = redis.call('SSCAN', KEYS[2], redis.call('GET', KEYS[4]) or '0', 'COUNT', batch)
if scanned[1] == '0' then
  redis.call('DEL', KEYS[4])
else
  redis.call('SET', KEYS[4], scanned[1])
end
local ending, unanswered = {}, {}
for _, chatId in ipairs(scanned[2]) do
  local chat = redis.call('HMGET', prefix .. 'chat:' .. chatId, 'visitor', 'meta', 'state', 'createdAt')
  if not chat[1] then
    redis.call('SREM', KEYS[2], chatId)
  elseif expired('v', cjson.decode(chat[1]).id) or expired('c', cjson.decode(chat[2]).counsellor) then
    ending[#ending + 1] = chatId
  elseif chat[3] == 'offered' and now - tonumber(chat[4]) > tonumber(ARGV[4]) then
    unanswered[#unanswered + 1] = chatId
  end
end
return {release, ending, unanswered}
