import type { Redis } from "ioredis";
import type { InboxEntry } from "../../ports/inbox.js";

// Events the BullMQ inbox gave up on (GET /parked), kept as HubSpot sent them with their last error:
// a sorted set per portal, oldest entry first, and one counter for /metrics. Kept until a person
// deals with them, as the SQLite inbox keeps its parked rows.

export type ParkedEvents = {
  add(entries: readonly InboxEntry[]): Promise<void>;
  list(portalId: number, limit: number): Promise<InboxEntry[]>;
  count(): Promise<number>;
};

export function createParkedEvents(redis: Redis, keyBase: string): ParkedEvents {
  const portalKey = (portalId: number) => `${keyBase}:parked:${portalId}`;
  const countKey = `${keyBase}:parked-count`;
  return {
    async add(entries) {
      if (entries.length === 0) return;
      const multi = redis.multi();
      for (const entry of entries)
        multi.zadd(portalKey(entry.event.portalId), String(entry.id), JSON.stringify(entry));
      multi.incrby(countKey, entries.length);
      await multi.exec();
    },
    async list(portalId, limit) {
      const members = await redis.zrange(portalKey(portalId), "0", String(limit - 1));
      return members.map((member) => JSON.parse(member) as InboxEntry);
    },
    async count() {
      return Number((await redis.get(countKey)) ?? 0);
    },
  };
}
