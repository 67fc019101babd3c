import { Keyv } from "keyv";
import { describe, expect, it } from "vitest";
import { createKeyvJobStore } from "../../../../src/adapters/stores/keyv-job-store.js";
import type { Job } from "../../../../src/ports/job-store.js";
import { createDummyJob } from "../../../fixtures/job.js";

// A score's last run, for the overview's "rescored 3,000 records at 14:02 UTC".

const job = (overrides: Partial<Job>): Job =>
  createDummyJob({ portalId: 1, progress: { done: 0, total: 10 }, ...overrides });

describe("keyv job store: the last finished job of a score", () => {
  it("is the latest job of that score and kind that ended, done or failed; a running one is not", async () => {
    const store = createKeyvJobStore(new Keyv());
    await store.save(job({ status: "running" }));
    expect(await store.lastFinished(1, "lead", "rescore")).toBeUndefined();
    await store.save(job({ status: "done", updatedAtMs: 5, result: { evaluated: 10, updated: 2 } }));
    await store.save(job({ id: "00000000-0000-4000-8000-000000000002", status: "running", updatedAtMs: 6 }));
    expect(await store.lastFinished(1, "lead", "rescore")).toMatchObject({ status: "done", updatedAtMs: 5 });
    await store.save(job({ id: "00000000-0000-4000-8000-000000000002", status: "failed", updatedAtMs: 9 }));
    expect(await store.lastFinished(1, "lead", "rescore")).toMatchObject({
      status: "failed",
      updatedAtMs: 9,
    });
  });

  it("keeps scores, kinds and portals apart, and forgets a portal's with the portal", async () => {
    const store = createKeyvJobStore(new Keyv());
    await store.save(job({ status: "done" }));
    await store.save(job({ portalId: 2, status: "done" }));
    expect(await store.lastFinished(1, "other", "rescore")).toBeUndefined();
    expect(await store.lastFinished(1, "lead", "preview")).toBeUndefined();
    await store.deletePortal(1);
    expect(await store.lastFinished(1, "lead", "rescore")).toBeUndefined();
    expect(await store.lastFinished(2, "lead", "rescore")).toMatchObject({ portalId: 2 });
  });
});
