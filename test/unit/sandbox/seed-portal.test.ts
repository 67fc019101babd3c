import { describe, expect, it } from "vitest";
import { createSandboxServer } from "../../../src/sandbox/create-sandbox-server.js";

const at = Date.parse("2026-11-02T09:00:00.000Z");
const open = (seed: "small" | "none") => createSandboxServer({ dataDir: ":memory:", seed, now: () => at });

describe("seedPortal", () => {
  it("builds the same small portal every time, with 140 contacts and every engagement kind", () => {
    const [a, b] = [open("small"), open("small")];
    try {
      expect(a.seedReport.counts).toEqual(b.seedReport.counts);
      expect(a.seedReport.counts.contacts).toBe(140);
      for (const type of ["meetings", "calls", "emails", "notes", "tasks"] as const)
        expect(a.seedReport.counts[type]).toBeGreaterThan(0);
      const dump = (s: typeof a) => s.portal.records.page("contacts", 0, 1_000);
      expect(dump(a)).toEqual(dump(b));
    } finally {
      a.close();
      b.close();
    }
  });

  it("seeds meetings and tasks in the shapes build-engagement-event reads", () => {
    const sandbox = open("small");
    try {
      const meetings = sandbox.portal.records.page("meetings", 0, 1_000);
      const outcomes = new Set(meetings.map((m) => m.properties.hs_meeting_outcome));
      expect(outcomes.has("SCHEDULED") && outcomes.has("COMPLETED")).toBe(true);
      for (const m of meetings) expect(Date.parse(m.properties.hs_meeting_end_time ?? "")).not.toBeNaN();
      const tasks = sandbox.portal.records.page("tasks", 0, 1_000);
      for (const t of tasks.filter((task) => task.properties.hs_task_status === "COMPLETED"))
        expect(Date.parse(t.properties.hs_task_completion_date ?? "")).toBeLessThanOrEqual(at);
    } finally {
      sandbox.close();
    }
  });

  it("gives `none` HubSpot's own properties and no records", () => {
    const sandbox = open("none");
    try {
      expect(Object.values(sandbox.seedReport.counts).every((n) => n === 0)).toBe(true);
      expect(sandbox.portal.properties.get("contacts", "jobtitle")).toMatchObject({ hubspotDefined: true });
    } finally {
      sandbox.close();
    }
  });
});
