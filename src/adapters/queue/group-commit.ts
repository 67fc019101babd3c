import type { Database } from "better-sqlite3";

// Why: a commit writes every page the transaction touched to the WAL, and the last, half-filled
// table and index pages are written again by the next commit: ~50 µs of CPU per commit, more WAL for
// the checkpointer to copy, and with QUEUE_FSYNC=1 one fsync per delivery (400 → 760 deliveries/s at
// concurrency 10 with fsync once they shared commits, bench/webhook-ingest.ts). So deliveries that
// arrive in the same turn of the event loop (concurrent requests whose bodies completed together)
// share one transaction, committed at setImmediate.
//
// Why it is still "one transaction per delivery" as docs/decisions.md §Group commit means it (all of a
// delivery's events or none, acknowledged only once durable):
// - each delivery runs in its own SAVEPOINT (better-sqlite3 nests db.transaction that way): a
//   delivery that fails is rolled back to its savepoint, so none of its rows stay, and the others
//   in the group go on;
// - a delivery's promise settles only after the group's COMMIT returned, so no delivery is
//   acknowledged before its rows are in the WAL;
// - if the group's transaction itself is lost (a failed COMMIT, or an error that makes SQLite roll
//   the whole transaction back), every delivery of the group is rejected: none of them is stored,
//   none acknowledged, and HubSpot retries them all (a 5xx, docs/hubspot.md §Webhook delivery).

type Waiting<A extends unknown[], R> = {
  args: A;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
};
type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export type GroupCommit<A extends unknown[], R> = {
  /** Runs `write(...args)` in the next group transaction; resolves once that transaction committed. */
  run(...args: A): Promise<R>;
  /** Commits what is waiting now, rather than at setImmediate (before closing the database). */
  flush(): void;
};

export function createGroupCommit<A extends unknown[], R>(
  db: Database,
  write: (...args: A) => R,
): GroupCommit<A, R> {
  const writeOne = db.transaction(write); // called inside groupOf's transaction: a SAVEPOINT
  const groupOf = db.transaction((waiting: readonly Waiting<A, R>[]): Outcome<R>[] =>
    waiting.map(({ args }) => {
      try {
        return { ok: true, value: writeOne(...args) };
      } catch (error) {
        // Rolled back to its savepoint: only this delivery failed. Unless SQLite rolled back the whole
        // transaction (it may on SQLITE_FULL, IOERR, ...): then the group's earlier rows are gone too.
        if (!db.inTransaction) throw error;
        return { ok: false, error };
      }
    }),
  );

  let waiting: Waiting<A, R>[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const group = waiting;
    waiting = [];
    if (group.length === 0) return;
    let outcomes: Outcome<R>[];
    try {
      outcomes = groupOf(group);
    } catch (error) {
      for (const w of group) w.reject(error);
      return;
    }
    group.forEach((w, i) => {
      const outcome = outcomes[i] as Outcome<R>;
      if (outcome.ok) w.resolve(outcome.value);
      else w.reject(outcome.error);
    });
  };

  return {
    run(...args) {
      return new Promise<R>((resolve, reject) => {
        waiting.push({ args, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    flush,
  };
}
