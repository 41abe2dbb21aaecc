-- Hands a payload to the node where a client is attached: route.lua alone, and the scripts that
-- write what a frame follows from (append, ack), so that the write and the hand-off are one round
-- trip (Script.load(..., "route_lib")).
-- A node that has died simply never reads its inbox; checking its heartbeat here would only risk
-- dropping a frame for a live node whose heartbeat is late.
-- Returns 1 when published; otherwise why not: 0 no location, 2 located at `here`, 3 left.
local function route(location, inbox, payload, here)
  local node = redis.call('GET', location)
  if not node then
    return 0
  end
  if node == here then
    return 2
  end
  if string.sub(node, 1, 1) == '-' then
    return 3
  end
  redis.call('SPUBLISH', inbox .. node, payload)
  return 1
end

-- Routes the optional frame a write script was given after its own keys and arguments:
-- KEYS[k] the client's location, ARGV[a], ARGV[a + 1], ARGV[a + 2] inbox prefix, payload, this
-- node. 1 when published, 0 when not (or when no frame was given).
local function forward(k, a)
  if KEYS[k] == nil then
    return 0
  end
  return route(KEYS[k], ARGV[a], ARGV[a + 1], ARGV[a + 2]) == 1 and 1 or 0
end
