-- A visitor by token hash: {'q', entry json} or {'c', chat fields...} or {}.
-- KEYS[1] token pointer; ARGV[1] key prefix
local where = redis.call('GET', KEYS[1])
if not where then
  return {}
end
local kind, id = string.sub(where, 1, 1), string.sub(where, 3)
if kind == 'q' then
  local entry = redis.call('GET', ARGV[1] .. 'entry:' .. id)
  if entry then
    return {'q', entry}
  end
  return {}
end
local chat = redis.call('HGETALL', ARGV[1] .. 'chat:' .. id)
if #chat == 0 then
  return {}
end
local out = {'c'}
for _, v in ipairs(chat) do
  out[#out + 1] = v
end
return out
