import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { Keyv, type KeyvStoreAdapter } from "keyv";

/** A storage adapter and how keyv must use it. */
type OpenedStore = { store: KeyvStoreAdapter; useKeyPrefix: boolean };
type AdapterFactory = (uri: string, options: OpenKeyvOptions) => Promise<OpenedStore>;

export type OpenKeyvOptions = {
  /**
   * Entries a SQLite listing reads a page (200 by default): a namespace of many small entries (the history
   * journal) lists faster in larger pages (docs/decisions.md §Score performance). The other stores page
   * on their own terms.
   */
  sqlitePageSize?: number;
};

// DATABASE_URL scheme → keyv storage adapter. Each driver is imported on demand, so a SQLite
// deployment never loads the Redis or PostgreSQL clients (docs/decisions.md §Several instances: they are for
// several instances).
const ADAPTERS: Record<string, AdapterFactory> = {
  "sqlite:": openSqlite,
  "redis:": openRedis,
  "rediss:": openRedis,
  "postgres:": openPostgres,
  "postgresql:": openPostgres,
};

async function openSqlite(uri: string, options: OpenKeyvOptions): Promise<OpenedStore> {
  const file = uri.replace(/^sqlite:\/\//, "");
  // DATA_DIR holds every file the app writes (docs/decisions.md §Every file under DATA_DIR); create it on
  // first start.
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const { KeysetKeyvSqlite } = await import("./keyset-keyv-sqlite.js");
  // Listing pages of 200 entries, each a keyset page (keyset-keyv-sqlite.ts), rather than the stock 10.
  const iterationLimit = options.sqlitePageSize ?? 200;
  return { store: new KeysetKeyvSqlite({ uri, busyTimeout: 5_000, iterationLimit }), useKeyPrefix: true };
}

async function openRedis(uri: string): Promise<OpenedStore> {
  const { default: KeyvRedis, defaultReconnectStrategy } = await import("@keyv/redis");
  const client = {
    url: uri,
    socket: { reconnectStrategy: defaultReconnectStrategy },
    // While Redis is down the client keeps reconnecting; without this every call would wait for it
    // (forever, if it never returns) instead of failing so the caller's retry or 5xx can take over.
    disableOfflineQueue: true,
  };
  // Without throwOnErrors the adapter would answer a failed read with "not found"; the timeout bounds
  // the first connection, which the offline queue setting does not cover.
  const store = new KeyvRedis(client, { throwOnErrors: true, connectionTimeout: 10_000 });
  // Connect now, not on first use: with the offline queue off, calls made while that first connection
  // is being set up would fail ("The client is offline"); and a wrong URL is reported at start-up.
  let cause: unknown;
  const remember = (error: unknown) => {
    cause ??= error;
  };
  store.on("error", remember);
  try {
    await store.getClient();
  } catch {
    const reason = cause instanceof Error ? cause.message : String(cause);
    // URL.host leaves out the password the URL may carry.
    throw new Error(`DATABASE_URL: cannot connect to Redis at ${new URL(uri).host}: ${reason}`, { cause });
  } finally {
    store.off("error", remember);
  }
  // The adapter prefixes keys with its namespace itself ("installations::62515"); keyv's own prefix
  // would double it.
  return { store, useKeyPrefix: false };
}

async function openPostgres(uri: string): Promise<OpenedStore> {
  const { PooledKeyvPostgres } = await import("./pooled-keyv-postgres.js");
  return { store: new PooledKeyvPostgres(uri), useKeyPrefix: true };
}

/** A keyv namespace on the store named by a keyv URI (DATABASE_URL). Errors throw instead of only emitting. */
export async function openKeyv<Value>(
  uri: string,
  namespace: string,
  options: OpenKeyvOptions = {},
): Promise<Keyv<Value>> {
  const scheme = uri.slice(0, uri.indexOf(":") + 1);
  const factory = ADAPTERS[scheme];
  if (factory === undefined) {
    throw new Error(
      `DATABASE_URL scheme "${scheme}" is not supported; use one of ${Object.keys(ADAPTERS).join(", ")} (see src/adapters/stores/open-keyv.ts)`,
    );
  }
  const { store, useKeyPrefix } = await factory(uri, options);
  const keyv = new Keyv<Value>({ store, namespace, useKeyPrefix, throwOnErrors: true });
  // throwOnErrors rejects the failing call; the listener keeps the emitted copy from crashing the process.
  keyv.on("error", () => {});
  // Adapters create their table lazily on the first call (@keyv/sqlite, @keyv/postgres). One read
  // here makes the store ready when this resolves: a broken DATABASE_URL fails at start, and a
  // late CREATE TABLE cannot run after the app (or a test) has moved on.
  await keyv.get("__lead_score_open_check__");
  return keyv;
}
