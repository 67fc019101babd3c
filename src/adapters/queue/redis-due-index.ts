import type { Redis } from "ioredis";
import type { DueIndex, DueRecord } from "../../ports/due-index.js";
import type { ObjectType } from "../../scoring/index.js";
import { connectRedis } from "./connect-redis.js";
import { claimDue, countDues, removePortalDues, writeDues } from "./redis-due-index-lua.js";

/**
 * How long a record `due` returned stays hidden from other instances. It must outlast the rescore of
 * one page of the decay cron, or another instance rescores the page too; it is also how soon a page
 * whose rescore never finished (a crash) is due again, the same wait as DUE_RETRY_MS after a failure.
 */
export const DEFAULT_DUE_LEASE_MS = 5 * 60_000;
const DEFAULT_DUE_KEY_PREFIX = "lead-score:due:";
// Records per script call: each call holds Redis for its length, so a rescore of a whole portal's
// records writes in slices rather than in one call (slices are independent: one record each).
const WRITE_SLICE = 1_000;

export type RedisDueIndexOptions = ({ url: string } | { client: Redis }) & {
  /** Prefix of every key the index writes; distinct prefixes share one Redis without meeting. */
  prefix?: string;
  leaseMs?: number;
};

/**
 * The due-index on Redis, shared by every app instance on REDIS_URL (docs/decisions.md §Several instances).
 * `due` claims what it returns (see DueIndex.due) so instances split the due records. Given a `url` it
 * connects and its close() disconnects; given a `client` it leaves that client open for its owner.
 */
export async function openRedisDueIndex(options: RedisDueIndexOptions): Promise<DueIndex> {
  const leaseMs = options.leaseMs ?? DEFAULT_DUE_LEASE_MS;
  if (!(Number.isSafeInteger(leaseMs) && leaseMs > 0)) {
    throw new Error(`due-index leaseMs must be a positive whole number of ms, not ${leaseMs}`);
  }
  const client = "url" in options ? await connectRedis(options.url) : options.client;
  const prefix = options.prefix ?? DEFAULT_DUE_KEY_PREFIX;
  const portalsKey = `${prefix}portals`;
  const portalKeyPrefix = `${prefix}portal:`;
  const portalKeys = (portalId: number) => [portalKeyPrefix + portalId, portalsKey];

  async function write(
    portalId: number,
    object: ObjectType,
    mode: "set" | "lower",
    dues: ReadonlyMap<string, number | null>,
  ) {
    const entries = [...dues];
    for (let at = 0; at < entries.length; at += WRITE_SLICE) {
      const pairs = entries
        .slice(at, at + WRITE_SLICE)
        .flatMap(([recordId, dueMs]) => [`${object}:${recordId}`, dueMs === null ? "" : String(dueMs)]);
      await writeDues(client, portalKeys(portalId), [portalId, mode, ...pairs]);
    }
  }

  return {
    set: (portalId, object, dues) => write(portalId, object, "set", dues),
    lower: (portalId, object, dues) => write(portalId, object, "lower", dues),
    remove: (portalId, object, recordIds) =>
      write(portalId, object, "set", new Map(recordIds.map((id) => [id, null]))),
    async due(atMs, limit) {
      const args = [portalKeyPrefix, atMs, limit, atMs + leaseMs];
      return parseClaimed((await claimDue(client, [portalsKey], args)) as string[]);
    },
    async removePortal(portalId) {
      await removePortalDues(client, portalKeys(portalId), [portalId]);
    },
    async count() {
      return Number(await countDues(client, [portalsKey], [portalKeyPrefix]));
    },
    async close() {
      if (!("url" in options)) return;
      // QUIT waits for the replies of calls still in flight; with Redis down there is nothing to wait for.
      await client.quit().catch(() => client.disconnect());
    },
  };
}

/** The claim script's flat reply (portal id, "<object>:<record id>", due ms, …) as records. */
function parseClaimed(reply: readonly string[]): DueRecord[] {
  const records: DueRecord[] = [];
  for (let i = 0; i + 2 < reply.length; i += 3) {
    const member = reply[i + 1] as string;
    const colon = member.indexOf(":");
    records.push({
      portalId: Number(reply[i]),
      // Only writeDues writes members, always as `${object}:${recordId}` with an ObjectType.
      object: member.slice(0, colon) as ObjectType,
      recordId: member.slice(colon + 1),
      dueAtMs: Number(reply[i + 2]),
    });
  }
  return records;
}
