import { describe, expect, it } from "vitest";
import { parseSnapshot, SnapshotError } from "../../../src/scoring/index.js";
import { definition, record, score } from "../../support/scoring-builders.js";

const problemsOf = (input: unknown) => {
  try {
    parseSnapshot(input);
    return [];
  } catch (error) {
    if (!(error instanceof SnapshotError)) throw error;
    return error.problems.map((p) => `${p.path}: ${p.message}`);
  }
};

describe("parseSnapshot", () => {
  it("reads docs/scoring.md's snapshot example, instants as epoch milliseconds", () => {
    const snapshot = parseSnapshot({
      id: "101",
      object: "contacts",
      properties: { jobtitle: "CTO", state: "Northeast" },
      lists: ["12"],
      resets: { "contact-engagement": "2026-09-01T00:00:00Z" },
      events: [
        {
          type: "meeting",
          occurredAt: "2026-10-01T10:00:00Z",
          properties: { hs_meeting_outcome: "SCHEDULED" },
        },
      ],
      associations: {
        companies: [{ id: "9", labels: ["Primary"], properties: { industry: "Hospitality" } }],
        contacts: [{ id: "102", labels: ["Decision maker"], properties: {}, events: [] }],
      },
    });
    expect(snapshot.resets).toEqual({ "contact-engagement": Date.parse("2026-09-01T00:00:00Z") });
    expect(snapshot.events[0]?.atMs).toBe(Date.parse("2026-10-01T10:00:00Z"));
    expect(snapshot.associations.companies?.[0]).toMatchObject({ id: "9", lists: [], events: [] });
  });

  it("accepts numeric ids and epoch-millisecond instants", () => {
    const snapshot = parseSnapshot({
      id: 7,
      object: "contacts",
      events: [{ type: "call", occurredAt: 1767225600000 }],
    });
    expect(snapshot.id).toBe("7");
    expect(snapshot.events[0]).toEqual({ type: "call", atMs: 1767225600000, properties: {} });
  });

  it("names the field path of every problem", () => {
    expect(problemsOf({ object: "tickets", events: [{ occurredAt: 1 }] })).toEqual([
      "id: required",
      'object: expected "contacts" or "companies" or "deals"',
      "events[0].type: required",
    ]);
    expect(problemsOf(record({ events: [{ type: "call", occurredAt: "yesterday" }] }))).toEqual([
      "events[0].occurredAt: expected a date (ISO 8601 or epoch milliseconds)",
    ]);
    expect(problemsOf(record({ properties: { a: { nested: true } } }))).toEqual([
      "properties.a: expected a string or a number or true or false or null",
    ]);
  });

  it("refuses to score a record of another object than the score's", () => {
    expect(() => score(definition(), record({ object: "companies" }))).toThrow('object: expected "contacts"');
  });
});
