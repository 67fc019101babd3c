import { describe, expect, it } from "vitest";
import { buildEngagementEvent } from "../../../src/app/build-engagement-event.js";

// docs/scoring.md "Event types": the occurredAt of each engagement object.
describe("buildEngagementEvent", () => {
  it("dates calls, emails and notes by hs_timestamp and names them call, email, note", () => {
    for (const [object, type] of [
      ["calls", "call"],
      ["emails", "email"],
      ["notes", "note"],
    ] as const) {
      expect(
        buildEngagementEvent(object, {
          hs_timestamp: "2026-10-01T00:00:00Z",
          hs_createdate: "2026-01-01T00:00:00Z",
        }),
      ).toMatchObject({
        type,
        occurredAt: "2026-10-01T00:00:00Z",
      });
    }
  });

  it("dates a SCHEDULED meeting by its booking (hs_createdate)", () => {
    const event = buildEngagementEvent("meetings", {
      hs_meeting_outcome: "SCHEDULED",
      hs_createdate: "2026-09-01T00:00:00Z",
      hs_meeting_end_time: "2026-10-01T11:00:00Z",
      hs_timestamp: "2026-10-01T10:00:00Z",
    });
    expect(event?.occurredAt).toBe("2026-09-01T00:00:00Z");
  });

  it("dates any other meeting by hs_meeting_end_time, else hs_timestamp", () => {
    const base = { hs_createdate: "2026-09-01T00:00:00Z", hs_timestamp: "2026-10-01T10:00:00Z" };
    expect(
      buildEngagementEvent("meetings", {
        ...base,
        hs_meeting_outcome: "COMPLETED",
        hs_meeting_end_time: "2026-10-01T11:00:00Z",
      })?.occurredAt,
    ).toBe("2026-10-01T11:00:00Z");
    expect(
      buildEngagementEvent("meetings", { ...base, hs_meeting_outcome: "NO_SHOW", hs_meeting_end_time: "" })
        ?.occurredAt,
    ).toBe("2026-10-01T10:00:00Z");
    expect(buildEngagementEvent("meetings", { ...base, hs_meeting_outcome: null })?.occurredAt).toBe(
      "2026-10-01T10:00:00Z",
    );
  });

  it("dates a completed task by its completion date and makes an open task no event", () => {
    const done = {
      hs_task_status: "COMPLETED",
      hs_task_completion_date: "2026-10-05T00:00:00Z",
      hs_timestamp: "2026-10-09T00:00:00Z",
    };
    expect(buildEngagementEvent("tasks", done)).toMatchObject({
      type: "task",
      occurredAt: "2026-10-05T00:00:00Z",
    });
    expect(buildEngagementEvent("tasks", { ...done, hs_task_status: "NOT_STARTED" })).toBeNull();
    expect(buildEngagementEvent("tasks", { ...done, hs_task_status: "WAITING" })).toBeNull();
  });

  it("reads epoch milliseconds, drops events without a valid time, and keeps only hs_* properties", () => {
    expect(
      buildEngagementEvent("notes", { hs_timestamp: "1790000000000", owner: "x", hs_note_body: "hi" }),
    ).toEqual({
      type: "note",
      occurredAt: new Date(1_790_000_000_000).toISOString(),
      properties: { hs_timestamp: "1790000000000", hs_note_body: "hi" },
    });
    expect(buildEngagementEvent("calls", { hs_timestamp: "not a date" })).toBeNull();
    expect(buildEngagementEvent("calls", {})).toBeNull();
  });
});
