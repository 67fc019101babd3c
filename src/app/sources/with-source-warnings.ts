import type { ScoreDefinition } from "../../scoring/index.js";
import type { SnapshotWarning } from "../snapshot-needs.js";
import { sourceOfEventType } from "./event-source-table.js";
import { type SourceStatusDeps, type SourceUnavailableWarning, sourceWarnings } from "./source-statuses.js";

/**
 * The warnings of an evaluation (test a record, preview): the score's unavailable sources, checked after
 * the read so what it just learned counts, then the read's own warnings about other sources.
 */
export async function withSourceWarnings(
  deps: SourceStatusDeps,
  portalId: number,
  definition: ScoreDefinition,
  read: readonly SnapshotWarning[],
): Promise<(SourceUnavailableWarning | SnapshotWarning)[]> {
  const unavailable = await sourceWarnings(deps, portalId, definition);
  const reported = new Set<string | undefined>(
    unavailable.map((w) => sourceOfEventType(w.eventType)?.source),
  );
  return [...unavailable, ...read.filter((w) => !reported.has(w.source))];
}
