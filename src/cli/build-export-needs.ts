import { deriveSnapshotNeeds } from "../app/derive-snapshot-needs.js";
import type { SnapshotNeeds } from "../app/snapshot-needs.js";
import type { FeedName } from "../ports/feed-event-store.js";
import type { ScoreDefinition } from "../scoring/index.js";

export type ExportExtras = {
  /** `--properties a,b,c`: read on top of what the scores need. */
  properties: readonly string[];
  /** `--events`: every engagement object, not only those the scores' rules count. */
  events: boolean;
};

/**
 * What `lead-score export` reads: what the portal's enabled scores of the object need (so the file
 * evaluates offline exactly as the app would score), plus what the user asked for on top.
 * `--no-events` never removes events a score needs: the export would then score differently.
 */
export function buildExportNeeds(
  definitions: readonly ScoreDefinition[],
  extras: ExportExtras,
): SnapshotNeeds {
  const needs = deriveSnapshotNeeds(definitions);
  const properties = [...new Set([...needs.properties, ...extras.properties])].sort();
  if (!extras.events) return { ...needs, properties };
  // EventNeeds without `objects` reads all five engagement objects; keep the `where` properties and the
  // event analytics types the scores count (docs/scoring.md §Event types), so the file scores offline as
  // the portal does. The stored feed events come along too: they cost no HubSpot call (docs/decisions.md
  // §Portal-wide feeds).
  const { objects: _everyObject, ...scored } = needs.events ?? {};
  const feeds: FeedName[] = ["email_events", "form_submissions"];
  return { ...needs, properties, events: { ...scored, feeds } };
}
