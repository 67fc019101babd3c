import { expect, it, onTestFinished } from "vitest";
import type { DueIndex, DueRecord } from "../../src/ports/due-index.js";

// What the app relies on from every DueIndex (src/ports/due-index.ts), whichever store holds it:
// SQLite (test/unit/adapters/queue) and Redis (test/system). A shared index may claim what `due`
// returns (DueIndex.due), so each test asks `due` at most once about the same records unless it has
// set them again in between: that is how the decay cron uses it, and what both must answer alike.

/** "portal:object:record@dueAtMs": one string per record, so a failure shows every field. */
const describeDue = (records: readonly DueRecord[]) =>
  records.map((d) => `${d.portalId}:${d.object}:${d.recordId}@${d.dueAtMs}`);

/** The due times of some records, in the order given: `dueTimes(["a", 100], ["b", null])`. */
const dueTimes = <DueAtMs extends number | null>(...dues: [recordId: string, dueAtMs: DueAtMs][]) =>
  new Map(dues);

/** Registers the contract's tests in the caller's describe; `openEmpty` opens an index holding nothing. */
export function dueIndexContract(openEmpty: () => Promise<DueIndex>): void {
  async function open(): Promise<DueIndex> {
    const index = await openEmpty();
    onTestFinished(() => index.close());
    return index;
  }

  it("answers what is due at or before the instant, earliest first across portals and objects", async () => {
    const index = await open();
    await index.set(1, "contacts", dueTimes(["a", 500], ["b", 100], ["c", 300]));
    await index.set(1, "companies", dueTimes(["d", 250]));
    await index.set(2, "deals", dueTimes(["e", 150]));
    await index.set(3, "contacts", dueTimes(["f", 200]));
    expect(describeDue(await index.due(300, 10))).toEqual([
      "1:contacts:b@100",
      "2:deals:e@150",
      "3:contacts:f@200",
      "1:companies:d@250",
      "1:contacts:c@300",
    ]);
  });

  it("answers at most `limit` records, the earliest ones", async () => {
    const index = await open();
    await index.set(1, "contacts", dueTimes(["a", 300], ["b", 100]));
    await index.set(2, "contacts", dueTimes(["c", 200]));
    expect(describeDue(await index.due(1_000, 2))).toEqual(["1:contacts:b@100", "2:contacts:c@200"]);
  });

  it("moves a record later or earlier on set, and forgets it when set to null", async () => {
    const index = await open();
    await index.set(1, "contacts", dueTimes(["a", 100]));
    await index.set(1, "contacts", dueTimes(["a", 500]));
    expect(await index.due(400, 10)).toEqual([]);
    await index.set(1, "contacts", dueTimes(["a", 300]));
    expect(describeDue(await index.due(400, 10))).toEqual(["1:contacts:a@300"]);
    await index.set(1, "contacts", dueTimes(["a", null]));
    expect(await index.count()).toBe(0);
  });

  it("lowers due times, never raises them, and adds records it did not hold", async () => {
    const index = await open();
    await index.set(1, "contacts", dueTimes(["a", 300], ["b", 100]));
    await index.lower(1, "contacts", dueTimes(["a", 200], ["b", 400], ["c", 500]));
    expect(describeDue(await index.due(1_000, 10))).toEqual([
      "1:contacts:b@100",
      "1:contacts:a@200",
      "1:contacts:c@500",
    ]);
  });

  it("takes the exact next time of a record it answered, as the decay cron sets after a rescore", async () => {
    const index = await open();
    await index.set(1, "contacts", dueTimes(["a", 100]));
    expect(describeDue(await index.due(200, 10))).toEqual(["1:contacts:a@100"]);
    await index.set(1, "contacts", dueTimes(["a", 1_000]));
    expect(await index.due(999, 10)).toEqual([]);
    expect(describeDue(await index.due(1_000, 10))).toEqual(["1:contacts:a@1000"]);
  });

  it("forgets removed records and a removed portal, and keeps a portal whose id extends it", async () => {
    const index = await open();
    for (const portalId of [7, 70]) {
      await index.set(portalId, "contacts", dueTimes(["1", 100], ["2", 200]));
      await index.set(portalId, "companies", dueTimes(["1", 150]));
    }
    await index.remove(70, "contacts", ["2", "404"]);
    await index.removePortal(7);
    expect(await index.count()).toBe(2);
    expect(describeDue(await index.due(1_000, 10))).toEqual(["70:contacts:1@100", "70:companies:1@150"]);
  });

  it("counts the same id in another portal or object as another record", async () => {
    const index = await open();
    await index.set(1, "contacts", dueTimes(["1", 100]));
    await index.set(1, "companies", dueTimes(["1", 200]));
    await index.set(2, "contacts", dueTimes(["1", 300]));
    expect(await index.count()).toBe(3);
    await index.remove(1, "contacts", ["1"]);
    expect(await index.count()).toBe(2);
    expect(describeDue(await index.due(1_000, 10))).toEqual(["1:companies:1@200", "2:contacts:1@300"]);
  });

  it("takes thousands of records in one call and answers them in order", async () => {
    const index = await open();
    // Descending ids with ascending times: the order must come from the times, not the ids.
    const dues = new Map(Array.from({ length: 2_500 }, (_, i) => [String(2_500 - i), 1_000 + i]));
    await index.set(1, "contacts", dues);
    expect(await index.count()).toBe(2_500);
    const due = await index.due(1_000 + 2_499, 3_000);
    expect(due.map((d) => d.dueAtMs)).toEqual([...dues.values()]);
    expect(due[0]).toEqual({ portalId: 1, object: "contacts", recordId: "2500", dueAtMs: 1_000 });
  });

  it("answers nothing when empty, and ignores removals of records and portals it never held", async () => {
    const index = await open();
    await index.set(1, "contacts", new Map());
    await index.remove(1, "contacts", ["404"]);
    await index.removePortal(404);
    expect(await index.due(Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
    expect(await index.count()).toBe(0);
  });
}
