// The BullMQ inbox's de-duplication (bullmq-inbox.ts), one script so that two instances claiming a
// delivery and its retry at once cannot both take an event.
// KEYS: the events' marks. ARGV[1]: the owning job (a retry's origin), ARGV[2]: how long a mark lasts
// (ms). Returns per key 1 when the owner holds the mark (set now, or set by it before), else 0.
export const CLAIM_EVENTS_LUA = `
local owned = {}
for i, key in ipairs(KEYS) do
  if redis.call('SET', key, ARGV[1], 'NX', 'PX', ARGV[2]) then
    owned[i] = 1
  elseif redis.call('GET', key) == ARGV[1] then
    owned[i] = 1
  else
    owned[i] = 0
  end
end
return owned`;
