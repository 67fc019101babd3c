import { AppError } from "../errors.js";

// A paging cursor HubSpot hands out twice would have the reader loop for ever, calling HubSpot at
// the portal's whole budget; the drill saw it on a misbehaving proxy. So a repeated cursor ends the
// read with an error that names the listing, and retrying it would only loop again. The door guards
// the listings it pages itself (list memberships, associations); use cases that page through the
// door one call at a time (the sweep, the pollers, rescore and preview jobs) guard theirs with it too.

export type PagingCursors = { next(key: string, after: string): string };

/** Remembers the cursors followed per listing (`key`: one list, one record's associations). */
export function createPagingCursors(portalId: string, what: string): PagingCursors {
  const seen = new Map<string, Set<string>>();
  return {
    next(key, after) {
      const cursors = seen.get(key) ?? new Set<string>();
      if (cursors.has(after)) {
        throw new AppError(
          "upstream_failed",
          `HubSpot ${what} for portal ${portalId} gave the paging cursor "${after}" twice for ${key}: stopped instead of looping`,
          { portalId, operation: what, status: null, retryable: false, reason: "repeated_cursor" },
        );
      }
      cursors.add(after);
      seen.set(key, cursors);
      return after;
    },
  };
}
