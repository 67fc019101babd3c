import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { Keyv, type KeyvStoreAdapter } from "keyv";

type AdapterFactory = (uri: string) => Promise<KeyvStoreAdapter>;

// DATABASE_URL scheme → keyv storage adapter, imported on demand so unused drivers need not be
// installed. Adding one is a line here plus its npm package, e.g.
//   "redis:": async (uri) => new (await import("@keyv/redis")).default(uri),
//   "postgresql:": async (uri) => new (await import("@keyv/postgres")).default({ uri }),
const ADAPTERS: Record<string, AdapterFactory> = {
  "sqlite:": openSqlite,
};

async function openSqlite(uri: string): Promise<KeyvStoreAdapter> {
  const file = uri.replace(/^sqlite:\/\//, "");
  // DATA_DIR holds every file the app writes (issue 3); create it on first start.
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const { KeyvSqlite } = await import("@keyv/sqlite");
  return new KeyvSqlite({ uri, busyTimeout: 5_000 });
}

/** A keyv namespace on the store named by a keyv URI (DATABASE_URL). Errors throw instead of only emitting. */
export async function openKeyv<Value>(uri: string, namespace: string): Promise<Keyv<Value>> {
  const scheme = uri.slice(0, uri.indexOf(":") + 1);
  const factory = ADAPTERS[scheme];
  if (factory === undefined) {
    throw new Error(
      `DATABASE_URL scheme "${scheme}" is not supported; use one of ${Object.keys(ADAPTERS).join(", ")} (see src/adapters/stores/open-keyv.ts)`,
    );
  }
  const keyv = new Keyv<Value>({ store: await factory(uri), namespace, throwOnErrors: true });
  // throwOnErrors rejects the failing call; the listener keeps the emitted copy from crashing the process.
  keyv.on("error", () => {});
  return keyv;
}
