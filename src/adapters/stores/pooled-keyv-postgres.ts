import { KeyvPostgres } from "@keyv/postgres";
import pg from "pg";

type SharedPool = { pool: pg.Pool; users: number };
type Query = Awaited<ReturnType<KeyvPostgres["connect"]>>;

// One pg pool per URI, ended when the last store on it disconnects. @keyv/postgres 2.x keeps a single
// module-wide pool instead: every namespace shares it, the first disconnect() ends it under the others,
// the second rejects ("Called end on pool more than once"), and opening another URI orphans it.
const pools = new Map<string, SharedPool>();

function createPool(uri: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: uri });
  // An idle connection that dies (server restart) is dropped from the pool and emits "error"; with no
  // listener that event would crash the process. The next query simply opens a fresh connection.
  pool.on("error", () => {});
  return pool;
}

function acquirePool(uri: string): pg.Pool {
  const shared = pools.get(uri) ?? { pool: createPool(uri), users: 0 };
  shared.users += 1;
  pools.set(uri, shared);
  return shared.pool;
}

async function releasePool(uri: string): Promise<void> {
  const shared = pools.get(uri);
  if (shared === undefined) return;
  shared.users -= 1;
  if (shared.users > 0) return;
  pools.delete(uri);
  await shared.pool.end();
}

/**
 * KeyvPostgres with a pool per URI, an atomic delete, and an iterator that throws: the stock one
 * reports a failed page as an "error" event and ends early, so erasing a portal or listing
 * installations would quietly act on part of the data.
 */
export class PooledKeyvPostgres extends KeyvPostgres {
  #released = false;

  constructor(uri: string) {
    // Keyset pages of 500 keys: the default 10 costs a round trip per 10 entries.
    super({ uri, iterationLimit: 500 });
  }

  // Called by the base constructor, before this class's fields exist: it may only read this.opts.
  override async connect(): Promise<Query> {
    const pool = acquirePool(this.opts.uri as string);
    return async (sql, values) => (await pool.query(sql, values)).rows;
  }

  override async disconnect(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    await releasePool(this.opts.uri as string);
  }

  // One statement instead of the stock SELECT-then-DELETE: with several app instances on one database,
  // only the instance whose DELETE removed the row may answer true (taking a one-time sign-in link).
  override async delete(key: string): Promise<boolean> {
    const sql = `DELETE FROM ${this.opts.schema}.${this.opts.table} WHERE key = $1 RETURNING key`;
    return (await this.query(sql, [key])).length > 0;
  }

  override async *iterator(namespace?: string): AsyncGenerator<string[], void, unknown> {
    const failures: unknown[] = [];
    const record = (error: unknown) => failures.push(error);
    this.on("error", record);
    try {
      yield* super.iterator(namespace);
    } finally {
      this.off("error", record);
    }
    if (failures.length > 0) throw failures[0];
  }
}
