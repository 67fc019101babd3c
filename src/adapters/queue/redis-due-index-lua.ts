import { defineRedisScript } from "./redis-script.js";

// The Redis due-index's layout (redis-due-index.ts), kept by these scripts alone:
//   <prefix>portals          sorted set: portal id → the earliest due time among its records
//   <prefix>portal:<id>      sorted set: "<object>:<record id>" → due time in ms
// One set per portal so that forgetting a portal (uninstalled, erased) is one UNLINK, freed in the
// background, instead of a walk over every record of every portal. The portals set is what lets
// `due` find the earliest records of all portals without reading every portal's set. Each script
// runs atomically, so that set always holds each portal's true earliest time and no empty portal.
// Claims and counts derive portal keys from the prefix: a standalone Redis, not a Redis Cluster.

/** Lua helper: rewrites a portal's entry in the portals set after its records changed. */
const REFRESH_PORTAL = `
local function refreshPortal(portals, portal, portalId)
  local earliest = redis.call("ZRANGE", portal, 0, 0, "WITHSCORES")
  if earliest[2] then
    redis.call("ZADD", portals, earliest[2], portalId)
  else
    redis.call("ZREM", portals, portalId)
  end
end
`;

/**
 * KEYS: the portal's set, the portals set. ARGV: portal id, "set" or "lower", then pairs of member
 * and due ms, where "" forgets the member. ZADD LT (Redis 6.2+) only ever moves a time earlier and
 * still adds members the set did not hold, which is what DueIndex.lower means.
 */
export const writeDues = defineRedisScript(`${REFRESH_PORTAL}
local portal, portals, portalId = KEYS[1], KEYS[2], ARGV[1]
local lower = ARGV[2] == "lower"
for i = 3, #ARGV, 2 do
  local member, dueMs = ARGV[i], ARGV[i + 1]
  if dueMs == "" then
    redis.call("ZREM", portal, member)
  elseif lower then
    redis.call("ZADD", portal, "LT", dueMs, member)
  else
    redis.call("ZADD", portal, dueMs, member)
  end
end
refreshPortal(portals, portal, portalId)
`);

/**
 * KEYS: the portals set. ARGV: the portal key prefix, at ms, limit, lease end ms. Returns a flat list
 * of portal id, member, due ms. Takes the earliest records due by `at` across portals (a merge: from
 * the portal due first, its records up to the next portal's earliest time) and moves each to the
 * lease end, all in one step, so that a second instance asking at the same moment gets other records.
 * Every turn claims a record or raises a portal's entry, so the loop ends.
 */
export const claimDue = defineRedisScript(`${REFRESH_PORTAL}
local portals, portalPrefix, atMs, leaseEndMs = KEYS[1], ARGV[1], ARGV[2], ARGV[4]
local left = tonumber(ARGV[3])
local claimed = {}
while left > 0 do
  local firstTwo = redis.call("ZRANGE", portals, 0, 1, "WITHSCORES")
  if firstTwo[2] == nil or tonumber(firstTwo[2]) > tonumber(atMs) then break end
  local portalId = firstTwo[1]
  local portal = portalPrefix .. portalId
  local upToMs = atMs
  if firstTwo[4] ~= nil and tonumber(firstTwo[4]) < tonumber(atMs) then upToMs = firstTwo[4] end
  local due = redis.call("ZRANGE", portal, "-inf", upToMs, "BYSCORE", "LIMIT", 0, left, "WITHSCORES")
  for i = 1, #due, 2 do
    redis.call("ZADD", portal, "XX", leaseEndMs, due[i])
    claimed[#claimed + 1] = portalId
    claimed[#claimed + 1] = due[i]
    claimed[#claimed + 1] = due[i + 1]
  end
  left = left - #due / 2
  refreshPortal(portals, portal, portalId)
end
return claimed
`);

/** KEYS: the portals set. ARGV: the portal key prefix. One ZCARD per portal, not per record. */
export const countDues = defineRedisScript(`
local total = 0
for _, portalId in ipairs(redis.call("ZRANGE", KEYS[1], 0, -1)) do
  total = total + redis.call("ZCARD", ARGV[1] .. portalId)
end
return total
`);

/** KEYS: the portal's set, the portals set. ARGV: portal id. UNLINK frees a big set off the main thread. */
export const removePortalDues = defineRedisScript(`
redis.call("UNLINK", KEYS[1])
redis.call("ZREM", KEYS[2], ARGV[1])
`);
