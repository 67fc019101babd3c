import { validationError } from "./hubspot-error.js";

// Opaque paging tokens of the marketing and web sources: the position of the last row served
// (its time and sequence number, the order every feed pages in), the query it belongs to, and
// when it was issued. HubSpot's tokens are opaque (docs/hubspot.md §Marketing email events, §Form submissions, §Event analytics); a client must not
// read them, and the sandbox refuses a token that was altered or belongs to another query.

export interface CursorPosition {
  atMs: number;
  seq: number;
}

interface CursorBody extends CursorPosition {
  /** The query's own key (its filters), so a token is used only with the query that issued it. */
  query: string;
  issuedAtMs: number;
}

export function encodeCursor(position: CursorPosition, query: string, issuedAtMs: number): string {
  const body: CursorBody = { ...position, query, issuedAtMs };
  return Buffer.from(JSON.stringify([body.atMs, body.seq, body.query, body.issuedAtMs])).toString(
    "base64url",
  );
}

/**
 * The position a token stands for; 400 when it is not one of ours, belongs to another query, or is
 * older than `maxAgeMs` (the email events' offset is "meant to be short-lived", docs/hubspot.md §Marketing email events).
 */
export function decodeCursor(
  name: string,
  token: string,
  query: string,
  options: { nowMs: number; maxAgeMs?: number },
): CursorPosition {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(token, "base64url").toString());
  } catch {
    parts = null;
  }
  const [atMs, seq, ofQuery, issuedAtMs] = Array.isArray(parts) ? parts : [];
  if (![atMs, seq, issuedAtMs].every(Number.isInteger) || typeof ofQuery !== "string")
    throw validationError(`${name} is not a valid paging token: ${token}`);
  if (ofQuery !== query)
    throw validationError(`${name} belongs to another query: reuse it only with the same filters`);
  if (options.maxAgeMs !== undefined && options.nowMs - (issuedAtMs as number) > options.maxAgeMs)
    throw validationError(`${name} has expired: start again without it`);
  return { atMs: atMs as number, seq: seq as number };
}

/**
 * A page of `limit` from rows fetched with one extra, and HubSpot's `paging.next` ({after, link})
 * when that extra row shows more follow.
 */
export function pageWithNext<T>(
  rows: readonly T[],
  limit: number,
  positionOf: (row: T) => CursorPosition,
  token: { query: string; nowMs: number; linkOf: (after: string) => string },
): { page: T[]; paging: { paging?: { next: { after: string; link: string } } } } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  if (rows.length <= limit || last === undefined) return { page, paging: {} };
  const after = encodeCursor(positionOf(last), token.query, token.nowMs);
  return { page, paging: { paging: { next: { after, link: token.linkOf(after) } } } };
}
