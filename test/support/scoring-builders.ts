import {
  compileScore,
  evaluateRecord,
  parseDefinition,
  parseSnapshot,
  type ScoreResult,
} from "../../src/scoring/index.js";

// Fixture builders with valid defaults (docs/architecture.md §Tests): tests state only what they are about.

export const dayMs = 86_400_000;
export const NOW = "2026-11-20T12:00:00Z";
export const nowMs = Date.parse(NOW);

/** An ISO instant `days` before NOW (negative: in the future). */
export const daysAgo = (days: number) => new Date(nowMs - days * dayMs).toISOString();

export type Json = Record<string, unknown>;

export function definition(overrides: Json = {}): Json {
  return {
    id: "test-score",
    name: "Test score",
    object: "contacts",
    type: "engagement",
    property: { name: "ls_test" },
    groups: [{ name: "Group", kind: "engagement", rules: [{ event: "meeting", points: 10 }] }],
    ...overrides,
  };
}

export const engagementScore = (rules: Json[], group: Json = {}, overrides: Json = {}) =>
  definition({ groups: [{ name: "Group", kind: "engagement", rules, ...group }], ...overrides });

export const fitScore = (rules: Json[], overrides: Json = {}) =>
  definition({ type: "fit", groups: [{ name: "Fit", kind: "fit", rules }], ...overrides });

export const event = (type: string, occurredAt: string, properties: Json = {}) => ({
  type,
  occurredAt,
  properties,
});

export function record(overrides: Json = {}): Json {
  return { id: "101", object: "contacts", properties: {}, lists: [], events: [], ...overrides };
}

/** Parse, compile and evaluate as the CLI and the app do. */
export function score(def: Json, rec: Json, at: number = nowMs, explain = false): ScoreResult {
  return evaluateRecord(compileScore(parseDefinition(def)), parseSnapshot(rec), at, { explain });
}
