import type { RecordSnapshot } from "../scoring/index.js";
import type { Outcome, SuggestInput } from "./suggestion.js";

/** A record with its label: the snapshot, whether it converted, and its decision instant. */
export type LabelledRecord = { snapshot: RecordSnapshot; converted: boolean; atMs: number };

export type Labelling = { labelled: LabelledRecord[]; leftOut: Record<string, number> };

/**
 * Pairs snapshots with outcomes by id (docs/scoring.md §Suggested scores). Left out, by reason: a
 * record without an outcome, an outcome without a snapshot, a second outcome or snapshot for one id,
 * a snapshot of another object. Sorted by id so the input's order does not change the draft.
 */
export function labelRecords(input: Pick<SuggestInput, "object" | "records" | "outcomes">): Labelling {
  const leftOut: Record<string, number> = {};
  const leave = (reason: string) => {
    leftOut[reason] = (leftOut[reason] ?? 0) + 1;
  };
  const outcomes = new Map<string, Outcome>();
  for (const outcome of input.outcomes) {
    if (outcomes.has(outcome.id)) leave("repeatedOutcome");
    else outcomes.set(outcome.id, outcome);
  }
  const seen = new Set<string>();
  const labelled: LabelledRecord[] = [];
  for (const snapshot of input.records) {
    if (snapshot.object !== input.object) leave("otherObject");
    else if (seen.has(snapshot.id)) leave("repeatedRecord");
    else {
      seen.add(snapshot.id);
      const outcome = outcomes.get(snapshot.id);
      if (outcome === undefined) leave("noOutcome");
      else labelled.push({ snapshot, converted: outcome.converted, atMs: outcome.atMs });
    }
  }
  for (const id of outcomes.keys()) if (!seen.has(id)) leave("noSnapshot");
  labelled.sort((a, b) => (a.snapshot.id < b.snapshot.id ? -1 : a.snapshot.id > b.snapshot.id ? 1 : 0));
  return { labelled, leftOut };
}
