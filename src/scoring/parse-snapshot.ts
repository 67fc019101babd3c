import { type FieldProblem, formatIssues, renderProblems } from "./format-issues.js";
import { parseInstant } from "./parse-instant.js";
import { type ObjectType, type PropertyValue, snapshotSchema } from "./snapshot-schema.js";

// The engine's own form of a snapshot: instants parsed once into epoch milliseconds.
export type ScoredEvent = { type: string; atMs: number; properties: Record<string, PropertyValue> };
export type AssociatedRecord = {
  id: string;
  labels: string[];
  properties: Record<string, PropertyValue>;
  lists: string[];
  events: ScoredEvent[];
};
export type RecordSnapshot = {
  id: string;
  object: ObjectType;
  properties: Record<string, PropertyValue>;
  lists: string[];
  resets: Record<string, number>;
  events: ScoredEvent[];
  associations: Partial<Record<ObjectType, AssociatedRecord[]>>;
};

export class SnapshotError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(renderProblems(problems).join("; "));
    this.name = "SnapshotError";
  }
}

/** A record snapshot (docs/scoring.md §Record snapshot) from unknown JSON, or a SnapshotError. */
export function parseSnapshot(input: unknown): RecordSnapshot {
  const parsed = snapshotSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new SnapshotError(formatIssues(parsed.error.issues));
  const problems: FieldProblem[] = [];
  const instant = (value: string | number, path: string) => {
    const ms = parseInstant(value);
    if (Number.isNaN(ms))
      problems.push({ path, message: "expected a date (ISO 8601 or epoch milliseconds)" });
    return ms;
  };
  const events = (
    list: { type: string; occurredAt: string | number; properties: Record<string, PropertyValue> }[],
    at: string,
  ) =>
    list.map((e, i) => ({
      type: e.type,
      atMs: instant(e.occurredAt, `${at}[${i}].occurredAt`),
      properties: e.properties,
    }));

  const s = parsed.data;
  const resets: Record<string, number> = {};
  for (const [scoreId, at] of Object.entries(s.resets)) resets[scoreId] = instant(at, `resets.${scoreId}`);
  const associations: RecordSnapshot["associations"] = {};
  for (const [object, records] of Object.entries(s.associations)) {
    associations[object as ObjectType] = records?.map((r, i) => ({
      ...r,
      events: events(r.events, `associations.${object}[${i}].events`),
    }));
  }
  const snapshot = { ...s, resets, associations, events: events(s.events, "events") };
  if (problems.length > 0) throw new SnapshotError(problems);
  return snapshot;
}
