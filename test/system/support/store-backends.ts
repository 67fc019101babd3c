import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@keyv/redis";
import Database from "better-sqlite3";
import pg from "pg";
import { startPostgres } from "./start-postgres.js";
import { startRedis } from "./start-redis.js";

/** A running store server the contract suite can hand out empty stores from. */
export type StoreServer = {
  /** The DATABASE_URL of a store holding nothing. */
  emptyStore(): Promise<string>;
  /** Makes every later call on the store at `url` fail, as a lost server or a dropped table would. */
  breakStore(url: string): Promise<void>;
  /** Undoes breakStore where the server itself was stopped; stores from emptyStore() work again. */
  repair(): Promise<void>;
  dispose(): Promise<void>;
};

export type StoreBackend = {
  name: string;
  /**
   * Whether several app instances may share one store (docs/decisions.md §Several instances); a SQLite file
   * belongs to one.
   */
  sharedByInstances: boolean;
  start(): Promise<StoreServer>;
};

async function startSqlite(): Promise<StoreServer> {
  const dir = mkdtempSync(join(tmpdir(), "ls-sqlite-"));
  let files = 0;
  return {
    async emptyStore() {
      files += 1;
      return `sqlite://${join(dir, `store-${files}.sqlite`)}`;
    },
    async breakStore(url) {
      const db = new Database(url.replace(/^sqlite:\/\//, ""));
      db.exec("DROP TABLE keyv");
      db.close();
    },
    async repair() {},
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startRedisStore(): Promise<StoreServer> {
  const server = await startRedis();
  return {
    // One database, emptied: every store of a test shares it, as app instances would.
    async emptyStore() {
      const client = createClient({ url: server.url });
      await client.connect();
      await client.flushAll();
      await client.close();
      return server.url;
    },
    breakStore: () => server.stop(),
    repair: () => server.restart(),
    dispose: () => server.dispose(),
  };
}

async function startPostgresStore(): Promise<StoreServer> {
  const server = await startPostgres();
  return {
    emptyStore: () => server.createDatabase(),
    async breakStore(url) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query("DROP TABLE keyv");
      await client.end();
    },
    async repair() {},
    dispose: () => server.dispose(),
  };
}

/** Every DATABASE_URL scheme family open-keyv.ts supports, each on a server of its own. */
export const STORE_BACKENDS: StoreBackend[] = [
  { name: "SQLite", sharedByInstances: false, start: startSqlite },
  { name: "Redis", sharedByInstances: true, start: startRedisStore },
  { name: "PostgreSQL", sharedByInstances: true, start: startPostgresStore },
];
