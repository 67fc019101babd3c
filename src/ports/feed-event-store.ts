// The events of the portal-wide feeds, held per contact between polls (docs/decisions.md §Portal-wide
// feeds): marketing email events and form submissions have no per-contact read cheap enough for
// every rescore, so the pollers store them as snapshot events and loadSnapshots reads them here.

/** The portal-wide feeds, each polled on its own. */
export type FeedName = "email_events" | "form_submissions";

/** A feed event, already in the engine's shape (docs/scoring.md §Event types). */
export interface FeedEvent {
  /** Its identity within the feed: an email event's `(id, created)`, a submission's conversionId. */
  key: string;
  type: string;
  /** ISO 8601. */
  occurredAt: string;
  properties: Record<string, string>;
}

/** An event no contact held the address of yet, kept aside to be matched at a later poll. */
export interface PendingFeedEvent {
  email: string;
  event: FeedEvent;
  /** When a poll first met it (epoch ms): it is dropped a day later (docs/decisions.md §Portal-wide feeds). */
  firstSeenMs: number;
}

export interface FeedError {
  /** Epoch ms. */
  atMs: number;
  /** AppError code, "forbidden" for a missing scope or tier. */
  code: string;
  message: string;
}

/** Where a feed's polling stands for one portal. */
export interface FeedCursor {
  /** The instant (epoch ms) up to which the feed has been read; the next poll starts a little before. */
  sinceMs: number;
  /** The earliest instant read (the first poll's backfill): a score reading further back widens it. */
  fromMs: number;
  /**
   * Keys of the events the last poll read within FEED_OVERLAP_MS of its end: the next poll reads them
   * again and skips them, so an address that changed hands meanwhile does not give them to its new
   * holder. Absent before the first success.
   */
  recentKeys?: string[];
  /** The last poll's failure; null once a poll succeeds again. The cursor did not move past it. */
  lastError: FeedError | null;
  /** Epoch ms of the last poll that succeeded; null before the first. */
  lastSuccessMs: number | null;
}

export interface FeedEventStore {
  /**
   * Adds events to contacts, skipping any the contact holds already (same key), keeping at most
   * `maxPerContact` newest per contact and feed; the ids of the contacts whose events changed.
   */
  add(
    portalId: number,
    feed: FeedName,
    byContact: ReadonlyMap<string, readonly FeedEvent[]>,
  ): Promise<string[]>;
  /** Each contact's events of both feeds, oldest first; a contact without any is absent. */
  events(portalId: number, contactIds: readonly string[]): Promise<Map<string, FeedEvent[]>>;
  pending(portalId: number, feed: FeedName): Promise<PendingFeedEvent[]>;
  setPending(portalId: number, feed: FeedName, pending: readonly PendingFeedEvent[]): Promise<void>;
  cursor(portalId: number, feed: FeedName): Promise<FeedCursor | undefined>;
  setCursor(portalId: number, feed: FeedName, cursor: FeedCursor): Promise<void>;
  /** A contact deleted for privacy or merged away: its feed events go. */
  deleteContact(portalId: number, contactId: string): Promise<void>;
  deletePortal(portalId: number): Promise<void>;
}

/**
 * Events kept per contact and feed: the newest 1,000. A rescore reads every stored event of the
 * contacts it scores, so the bound keeps one contact's read under ~250 KB; a contact sent three
 * marketing emails a week makes ~450 email events a year (delivered, open, some clicks), so a year
 * of any realistic engagement fits (docs/decisions.md §Portal-wide feeds).
 */
export const MAX_FEED_EVENTS_PER_CONTACT = 1_000;
