import type { InboxEntry } from "../../ports/inbox.js";
import type { HistoryReason } from "../../ports/record-store.js";
import type { ObjectType } from "../../scoring/index.js";
import { recordKey } from "../rescore/record-key.js";
import type { ScoredRef } from "./resolve-reaches.js";
import { addReason, webhookReason } from "./webhook-reason.js";

// The webhook worker's state: the inbox entries it holds and the records they lead to (docs/architecture.md
// §Worker claim, §Coalescing). An entry lives like this (pipeline-worker.ts drives it, flush-records.ts
// reports each record's outcome):
//
//   claimed    the inbox handed it to this worker (status "processing"); planEntries fans it out to
//              the records whose scores it can change. One that reaches none is completed at once,
//              one that cannot be planned is failed at once; neither enters this state.
//   held       hold(): each of its records waits COALESCE_MS from the first event that reached it,
//              so a burst of changes to one record is one rescore; later entries join the record.
//   rescoring  start(): a due record whose lock the worker took (a record another rescore holds is
//              postponed instead) is rescored with every entry that joined it. While it is, a new
//              entry for it holds it afresh, rescored after this one: never two at once.
//   completed  finish(): every record of the entry was rescored → inbox.complete.
//   failed     finish(): one of its records failed → inbox.fail, which retries it with backoff and
//   / parked   parks it after its last attempt (GET /parked).
//
// release() ends a record's rescore, whatever its outcome, so that the record may be taken again.

/** A record waiting for its coalescing window to end, with the entries that lead to it. */
export type HeldRecord = {
  key: string;
  portalId: number;
  object: ObjectType;
  id: string;
  dueAtMs: number;
  entries: Set<number>;
  /** What the entries that joined it say happened, for the history of the values written. */
  reasons: Map<string, HistoryReason>;
};
/** An entry settled by the records finished so far: every one of its records is done. */
export type SettledEntries = { completed: InboxEntry[]; failed: { entry: InboxEntry; error: string }[] };

export type WorkerState = {
  /** True while the entry is held or rescoring: the inbox may hand it out again meanwhile. */
  isClaimed(entryId: number): boolean;
  /** Entries held or rescoring. */
  entries(): number;
  /** Records waiting, whatever their window. */
  heldRecords(): number;
  /** Holds a claimed entry's records until `dueAtMs`; false when it reaches none (it is done at once). */
  hold(entry: InboxEntry, targets: readonly ScoredRef[], dueAtMs: number): boolean;
  /** Up to `limit` held records due at `nowMs` (any with `force`), none of them being rescored. */
  due(nowMs: number, force: boolean, limit: number): HeldRecord[];
  /** Another rescore holds these records: they wait until `dueAtMs`. */
  postpone(records: readonly HeldRecord[], dueAtMs: number): void;
  /** Held → rescoring. */
  start(records: readonly HeldRecord[]): void;
  /** A record's rescore succeeded (`error` null) or failed: the entries that have no record left open. */
  finish(record: HeldRecord, error: string | null): SettledEntries;
  /** The records' rescores are over: they may be taken again. */
  release(records: readonly HeldRecord[]): void;
  /** When the earliest record not being rescored is due; Infinity when none is. */
  nextDueAtMs(): number;
};

type InFlight = { entry: InboxEntry; open: number; error: string | null };

export function createWorkerState(): WorkerState {
  const held = new Map<string, HeldRecord>();
  const rescoring = new Set<string>();
  const inFlight = new Map<number, InFlight>();
  return {
    isClaimed: (entryId) => inFlight.has(entryId),
    entries: () => inFlight.size,
    heldRecords: () => held.size,
    hold(entry, targets, dueAtMs) {
      const { portalId } = entry.event;
      const unique = new Map(targets.map((t) => [recordKey(portalId, t.object, t.id), t]));
      if (unique.size === 0) return false;
      inFlight.set(entry.id, { entry, open: unique.size, error: null });
      for (const [key, t] of unique) {
        const record = held.get(key) ?? {
          key,
          portalId,
          object: t.object,
          id: t.id,
          dueAtMs,
          entries: new Set(),
          reasons: new Map(),
        };
        record.entries.add(entry.id);
        addReason(record.reasons, webhookReason(entry.event));
        held.set(key, record);
      }
      return true;
    },
    due(nowMs, force, limit) {
      const due: HeldRecord[] = [];
      for (const r of held.values()) {
        if (due.length === limit) break;
        if (!rescoring.has(r.key) && (force || r.dueAtMs <= nowMs)) due.push(r);
      }
      return due;
    },
    postpone(records, dueAtMs) {
      for (const r of records) r.dueAtMs = dueAtMs;
    },
    start(records) {
      for (const r of records) {
        held.delete(r.key);
        rescoring.add(r.key);
      }
    },
    finish(record, error) {
      const settled: SettledEntries = { completed: [], failed: [] };
      for (const id of record.entries) {
        const open = inFlight.get(id);
        if (!open) continue;
        open.open--;
        if (error !== null) open.error = error;
        if (open.open > 0) continue;
        inFlight.delete(id);
        if (open.error === null) settled.completed.push(open.entry);
        else settled.failed.push({ entry: open.entry, error: open.error });
      }
      return settled;
    },
    release(records) {
      for (const r of records) rescoring.delete(r.key);
    },
    nextDueAtMs() {
      let next = Number.POSITIVE_INFINITY;
      for (const r of held.values()) if (!rescoring.has(r.key) && r.dueAtMs < next) next = r.dueAtMs;
      return next;
    },
  };
}
