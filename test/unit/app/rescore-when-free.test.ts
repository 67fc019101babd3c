import { describe, expect, it } from "vitest";
import { createLocalRecordLocks, RECORD_LOCK_MS, recordKey } from "../../../src/app/record-locks.js";
import { rescoreWhenFree } from "../../../src/app/rescore-when-free.js";

// Enable jobs and resets wait for a record another rescore holds (record-locks.ts), without holding
// locks while they wait. Time is injected: `sleep` is where the other rescore gets to finish.

const held = recordKey(7, "contacts", "2");

describe("rescoreWhenFree", () => {
  it("rescores free records at once, in one pass, and releases their locks after", async () => {
    const locks = createLocalRecordLocks();
    const passes: string[][] = [];
    await rescoreWhenFree(locks, 7, "contacts", ["1", "2"], async (free) => passes.push(free));
    expect(passes).toEqual([["1", "2"]]);
    expect(await locks.take([recordKey(7, "contacts", "1"), held], 1_000)).toHaveLength(2);
  });

  it("rescores a record another rescore holds only once that one released it", async () => {
    const locks = createLocalRecordLocks();
    await locks.take([held], 60_000);
    const order: string[] = [];
    const results = await rescoreWhenFree(
      locks,
      7,
      "contacts",
      ["1", "2"],
      async (free) => {
        order.push(`rescore ${free.join(",")}`);
        return free.length;
      },
      {
        sleep: async () => {
          order.push("other rescore done");
          await locks.release([held]);
        },
      },
    );
    expect(order).toEqual(["rescore 1", "other rescore done", "rescore 2"]);
    expect(results).toEqual([1, 1]);
  });

  it("does not keep a record's lock when its rescore throws", async () => {
    const locks = createLocalRecordLocks();
    await expect(
      rescoreWhenFree(locks, 7, "contacts", ["2"], () => Promise.reject(new Error("HubSpot down"))),
    ).rejects.toThrow("HubSpot down");
    expect(await locks.take([held], 1_000)).toEqual([held]);
  });

  it("rescores anyway once it waited as long as a lock can last", async () => {
    const locks = createLocalRecordLocks();
    await locks.take([held], 60_000);
    const clock = { nowMs: 0 };
    const passes: string[][] = [];
    await rescoreWhenFree(locks, 7, "contacts", ["2"], async (free) => passes.push(free), {
      now: () => clock.nowMs,
      sleep: async () => {
        clock.nowMs += 60_000;
      },
    });
    expect(passes).toEqual([["2"]]);
    expect(clock.nowMs).toBe(RECORD_LOCK_MS);
  });
});
