// What went wrong the last time the app read each event source of a portal (docs/decisions.md §Sources
// status): the sources status endpoint and score warnings report it, so a source that cannot be read is
// never taken for "no events". A success forgets the problem.

/**
 * Where events come from (docs/scoring.md §Event types): the CRM engagement objects and tickets, the
 * portal-wide marketing email events and form submissions feeds, and event analytics.
 */
export const EVENT_SOURCE_NAMES = [
  "meetings",
  "calls",
  "emails",
  "notes",
  "tasks",
  "tickets",
  "marketing_email_events",
  "form_submissions",
  "event_analytics",
] as const;
export type EventSourceName = (typeof EVENT_SOURCE_NAMES)[number];

/**
 * `needs_enterprise`: HubSpot answered the source's read with a 4xx that means the portal's tier lacks it
 * (event analytics); `failing`: any other error of the last read.
 */
export type SourceProblemKind = "failing" | "needs_enterprise";

export interface SourceProblem {
  kind: SourceProblemKind;
  /** What HubSpot or the app said, for a person: shown as the status's `detail`. */
  message: string;
  /** When it happened (ms). */
  atMs: number;
}

export interface SourceStatusStore {
  /** Every source of the portal whose last read went wrong. */
  problems(portalId: number): Promise<Partial<Record<EventSourceName, SourceProblem>>>;
  /** The source's last read went wrong (replaces an earlier problem). */
  recordProblem(portalId: number, source: EventSourceName, problem: SourceProblem): Promise<void>;
  /** The source's last read worked: its problem, if any, is forgotten. */
  recordSuccess(portalId: number, source: EventSourceName): Promise<void>;
  deletePortal(portalId: number): Promise<void>;
}
