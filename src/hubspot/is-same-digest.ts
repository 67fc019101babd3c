import { timingSafeEqual } from "node:crypto";

/**
 * Constant-time comparison of two digests (docs/hubspot.md §Webhook signatures (v3) step 5; the SDK's `===` leaks timing, docs/hubspot.md §SDK signature helper).
 * timingSafeEqual needs equal lengths; a digest's length is public, so checking it first leaks nothing.
 */
export function isSameDigest(given: Buffer, expected: Buffer): boolean {
  return given.length === expected.length && timingSafeEqual(given, expected);
}
