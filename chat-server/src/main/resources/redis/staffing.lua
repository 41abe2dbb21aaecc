-- A function that scripts include (Script.load(..., "staffing")): who serves the queue right now.
-- Everyone on duty on a node that is alive, with their capacity, the slots taken (each
-- counsellor's chats counted up to their capacity) and the most recent chat durations.
-- Returns {{username, capacity, ...}, busy slots, {duration millis, ...}}.
local function staffing(prefix, durations)
  local on = {}
  local busy = 0
  local duty = redis.call('HGETALL', prefix .. 'duty')
  for i = 1, #duty, 2 do
    local isOn, capacity, node = string.match(duty[i + 1], '^(%d)|(%d+)|(.*)$')
    if isOn == '1' and redis.call('EXISTS', prefix .. 'node:' .. node) == 1 then
      on[#on + 1] = duty[i]
      on[#on + 1] = capacity
      busy = busy + math.min(tonumber(capacity), redis.call('SCARD', prefix .. 'chats:' .. duty[i]))
    end
  end
  return {on, busy, redis.call('LRANGE', prefix .. 'durations', -durations, -1)}
end
