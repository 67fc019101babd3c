import { describe, expect, it } from "vitest";
import { createKeyvSourceStatusStore } from "../../../../src/adapters/stores/keyv-source-status-store.js";
import { openKeyv } from "../../../../src/adapters/stores/open-keyv.js";
import type { SourceProblem } from "../../../../src/ports/source-status-store.js";

const T0 = Date.UTC(2026, 11, 6, 12, 0, 0);
const failing: SourceProblem = { kind: "failing", message: "HubSpot answered 500", atMs: T0 };
const enterprise: SourceProblem = { kind: "needs_enterprise", message: "HubSpot answered 403", atMs: T0 };

async function openStore() {
  return createKeyvSourceStatusStore(await openKeyv<SourceProblem>("sqlite://:memory:", "source-status"));
}

describe("keyv source status store (sqlite)", () => {
  it("keeps the last problem of each source per portal, apart from other portals", async () => {
    const store = await openStore();
    await store.recordProblem(7, "marketing_email_events", failing);
    await store.recordProblem(7, "marketing_email_events", {
      ...failing,
      message: "timed out",
      atMs: T0 + 1,
    });
    await store.recordProblem(7, "event_analytics", enterprise);
    await store.recordProblem(8, "tickets", failing);
    expect(await store.problems(7)).toEqual({
      marketing_email_events: { kind: "failing", message: "timed out", atMs: T0 + 1 },
      event_analytics: enterprise,
    });
    expect(await store.problems(8)).toEqual({ tickets: failing });
    expect(await store.problems(9)).toEqual({});
  });

  it("forgets a source's problem after a successful read, and only that source's", async () => {
    const store = await openStore();
    await store.recordProblem(7, "form_submissions", failing);
    await store.recordProblem(7, "tickets", failing);
    await store.recordSuccess(7, "form_submissions");
    await store.recordSuccess(7, "calls");
    expect(await store.problems(7)).toEqual({ tickets: failing });
  });

  it("erases one portal's problems and keeps the others'", async () => {
    const store = await openStore();
    await store.recordProblem(7, "tickets", failing);
    await store.recordProblem(70, "tickets", failing);
    await store.deletePortal(7);
    expect(await store.problems(7)).toEqual({});
    expect(await store.problems(70)).toEqual({ tickets: failing });
  });
});
