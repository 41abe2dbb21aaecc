-- Functions that queue scripts include (Script.load(..., "queue_lib")).

-- The first `want` entries of the queue, as entry json, first come first. An entry that outlived
-- its record (expired) is not a visitor any more and leaves the queue on the way.
local function head(queue, prefix, want)
  local out = {}
  local start = 0
  while #out < want do
    local ids = redis.call('ZRANGE', queue, start, start + want - #out - 1)
    if #ids == 0 then
      break
    end
    for _, id in ipairs(ids) do
      local entry = redis.call('GET', prefix .. 'entry:' .. id)
      if entry then
        out[#out + 1] = entry
        start = start + 1
      else
        redis.call('ZREM', queue, id)
      end
    end
  end
  return out
end

-- Who serves the queue right now: everyone on duty on a node that is alive, with their capacity,
-- the slots taken (each counsellor's chats counted up to their capacity) and the most recent chat
-- durations. Returns {{username, capacity, ...}, busy slots, {duration millis, ...}}.
--
-- Reading it costs a look at every counsellor on duty, and every queue view reads it: with
-- hundreds on duty and views asked for many times a second (consoles reconnecting after a
-- restart), that walk took most of Redis's time. So the answer is kept for a second under
-- 'staffing'; whatever changes it at once deletes it (a duty changed, a chat opened, ended, taken back
-- or handed over, a stale chat id dropped), and what it cannot see change — a node that stopped
-- beating — shows at most that second later.
local function staffing(prefix, durations)
  local kept = redis.call('GET', prefix .. 'staffing')
  local on, busy
  if kept then
    local s = cjson.decode(kept)
    on, busy = s.on, s.busy
  else
    on, busy = {}, 0
    local alive = {}
    local duty = redis.call('HGETALL', prefix .. 'duty')
    for i = 1, #duty, 2 do
      local isOn, capacity, node = string.match(duty[i + 1], '^(%d)|(%d+)|(.*)$')
      if isOn == '1' then
        if alive[node] == nil then
          alive[node] = redis.call('EXISTS', prefix .. 'node:' .. node) == 1
        end
        if alive[node] then
          on[#on + 1] = duty[i]
          on[#on + 1] = capacity
          busy = busy + math.min(tonumber(capacity), redis.call('SCARD', prefix .. 'chats:' .. duty[i]))
        end
      end
    end
    redis.call('SET', prefix .. 'staffing', cjson.encode({on = on, busy = busy}), 'PX', 1000)
  end
  return {on, busy, redis.call('LRANGE', prefix .. 'durations', -durations, -1)}
end
