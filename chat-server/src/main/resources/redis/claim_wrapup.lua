-- Takes the one wrap-up of an ended chat for one counsellor.
-- KEYS[1] the ended chat's key; ARGV[1] 'owner:' .. username
-- Returns 1 claimed, 0 unknown (never ended here, or forgotten), 2 not the owner, 3 saved before.
-- The marker keeps its expiry, so a saved wrap-up is forgotten when the ended chat would have been.
local v = redis.call('GET', KEYS[1])
if not v then
  return 0
end
if v == 'saved' then
  return 3
end
if v ~= ARGV[1] then
  return 2
end
redis.call('SET', KEYS[1], 'saved', 'KEEPTTL')
return 1
