// The line above the parked events' table on the portal overview (parked-events.js).

/** @typedef {import("./types.js").ParkedEvent} ParkedEvent */

/** How many parked events the overview asks for (GET /parked?limit=…), the oldest first. */
export const PARKED_LIMIT = 100;

/**
 * The line above the table: none, or how many (the oldest PARKED_LIMIT when there may be more).
 * @param {readonly ParkedEvent[]} parked
 */
export function parkedCountText(parked) {
  if (parked.length === 0)
    return "No parked events: every webhook event was processed or is still being retried.";
  const count = parked.length >= PARKED_LIMIT ? `The oldest ${PARKED_LIMIT}` : String(parked.length);
  return `${count} parked event${parked.length === 1 ? "" : "s"}: the worker gave up on ${
    parked.length === 1 ? "it" : "them"
  } after the last attempt. The last error says why.`;
}
