-- Counts one under each field, in one day's counters: the counts of one event arrive together.
-- KEYS[1] the day's hash; ARGV fields
for _, field in ipairs(ARGV) do
  redis.call('HINCRBY', KEYS[1], field, 1)
end
return #ARGV
