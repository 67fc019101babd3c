import { describe, expect, it } from "vitest";
import { createWorkerState } from "../../../../src/app/pipeline/worker-state.js";
import { normalizeWebhookEvent } from "../../../../src/hubspot/normalize-webhook-event.js";
import type { RawWebhookEvent } from "../../../../src/hubspot/webhook-event-schema.js";
import type { InboxEntry } from "../../../../src/ports/inbox.js";
import { createDummyPropertyChange, T0 } from "../../../fixtures/hubspot/webhook-payloads.js";

// The life of a claimed inbox entry in the webhook worker (worker-state.ts): held with its records,
// rescoring, then completed or failed once every record it leads to is done.

const claimed = (id: number): InboxEntry => ({
  id,
  event: normalizeWebhookEvent(createDummyPropertyChange({ eventId: id }) as RawWebhookEvent),
  status: "processing",
  attempts: 1,
  lastError: null,
  receivedAtMs: T0 - 1_000,
  updatedAtMs: T0,
});
const contact = (id: string) => ({ object: "contacts" as const, id });
const ids = (records: { id: string }[]) => records.map((r) => r.id);

describe("worker state", () => {
  it("holds an entry's records once each, and does not claim an entry that reaches none", () => {
    const state = createWorkerState();
    expect(state.hold(claimed(1), [], T0)).toBe(false);
    expect(state.isClaimed(1)).toBe(false);
    expect(state.hold(claimed(2), [contact("1"), contact("1"), contact("2")], T0)).toBe(true);
    expect(state.isClaimed(2)).toBe(true);
    expect(state.entries()).toBe(1);
    expect(state.heldRecords()).toBe(2);
  });

  it("coalesces entries of one record: the window runs from its first event", () => {
    const state = createWorkerState();
    state.hold(claimed(1), [contact("1")], T0 + 2_000);
    state.hold(claimed(2), [contact("1")], T0 + 3_000);
    expect(state.heldRecords()).toBe(1);
    expect(state.due(T0 + 1_999, false, 10)).toEqual([]);
    const [record] = state.due(T0 + 2_000, false, 10);
    expect(record).toMatchObject({ id: "1", dueAtMs: T0 + 2_000, entries: new Set([1, 2]) });
    expect(state.nextDueAtMs()).toBe(T0 + 2_000);
  });

  it("hands out at most `limit` due records, any of them when forced", () => {
    const state = createWorkerState();
    state.hold(claimed(1), [contact("1"), contact("2"), contact("3")], T0 + 2_000);
    expect(ids(state.due(T0, true, 2))).toEqual(["1", "2"]);
    expect(state.due(T0, false, 2)).toEqual([]);
  });

  it("postpones records another rescore holds", () => {
    const state = createWorkerState();
    state.hold(claimed(1), [contact("1")], T0);
    state.postpone(state.due(T0, false, 10), T0 + 500);
    expect(state.due(T0, false, 10)).toEqual([]);
    expect(state.nextDueAtMs()).toBe(T0 + 500);
  });

  it("completes an entry only when every record it leads to was rescored", () => {
    const state = createWorkerState();
    state.hold(claimed(1), [contact("1"), contact("2")], T0);
    const [one, two] = state.due(T0, false, 10);
    if (!one || !two) throw new Error("both records are due");
    state.start([one, two]);
    expect(state.heldRecords()).toBe(0);
    expect(state.finish(one, null)).toEqual({ completed: [], failed: [] });
    expect(state.isClaimed(1)).toBe(true);
    expect(state.finish(two, null)).toEqual({ completed: [claimed(1)], failed: [] });
    expect(state.isClaimed(1)).toBe(false);
    expect(state.entries()).toBe(0);
  });

  it("fails an entry one of whose records failed, once all of them are done, and settles it once", () => {
    const state = createWorkerState();
    state.hold(claimed(1), [contact("1"), contact("2")], T0);
    state.hold(claimed(2), [contact("2")], T0);
    const [one, two] = state.due(T0, false, 10);
    if (!one || !two) throw new Error("both records are due");
    state.start([one, two]);
    expect(state.finish(one, "contacts 1: HubSpot answered 400")).toEqual({ completed: [], failed: [] });
    expect(state.finish(two, null)).toEqual({
      completed: [claimed(2)],
      failed: [{ entry: claimed(1), error: "contacts 1: HubSpot answered 400" }],
    });
    expect(state.finish(two, null)).toEqual({ completed: [], failed: [] });
  });

  it("holds a record being rescored afresh for a new entry, due only once that rescore is released", () => {
    const state = createWorkerState();
    state.hold(claimed(1), [contact("1")], T0);
    const rescoring = state.due(T0, false, 10);
    state.start(rescoring);
    state.hold(claimed(2), [contact("1")], T0);
    expect(state.heldRecords()).toBe(1);
    expect(state.due(T0, true, 10)).toEqual([]);
    expect(state.nextDueAtMs()).toBe(Number.POSITIVE_INFINITY);
    state.release(rescoring);
    const [again] = state.due(T0, false, 10);
    expect(again?.entries).toEqual(new Set([2]));
  });
});
