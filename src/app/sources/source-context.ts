import { AppError } from "../../errors.js";
import type {
  EventSourceName,
  SourceProblemKind,
  SourceStatusStore,
} from "../../ports/source-status-store.js";
import type { FeedEventReader } from "../feeds/load-feed-events.js";
import type { SnapshotWarning } from "../snapshot-needs.js";

// Where the snapshot loaders report how each source read went (docs/decisions.md §Sources status): the
// portal's SourceStatusStore when the app runs, nothing in the CLI's export or where a test leaves it out.

export type SourceContext = {
  portalId: number;
  store?: SourceStatusStore;
  /** The time of evaluation (ms): problems are stamped with it, rule windows end at it. */
  atMs: number;
  /** Contacts' stored marketing email events and form submissions (docs/decisions.md §Portal-wide feeds). */
  feedEvents?: FeedEventReader;
};

/** The source was read: an earlier problem is forgotten. */
export async function sourceRead(context: SourceContext | undefined, source: EventSourceName): Promise<void> {
  await context?.store?.recordSuccess(context.portalId, source);
}

/** The source could not be read: remembered for the sources status, and a warning for the caller. */
export async function sourceProblem(
  context: SourceContext | undefined,
  source: EventSourceName,
  kind: SourceProblemKind,
  message: string,
): Promise<SnapshotWarning> {
  await context?.store?.recordProblem(context.portalId, source, {
    kind,
    message,
    atMs: context.atMs,
  });
  return { source, code: kind, message };
}

/** HubSpot's status of a failed call, when it answered one (the door's AppError details). */
export function hubspotStatusOf(error: unknown): number | null {
  if (!(error instanceof AppError)) return null;
  const status = error.details.status;
  return typeof status === "number" ? status : null;
}
