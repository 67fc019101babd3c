import { timingSafeEqual } from "node:crypto";

/**
 * Constant-time comparison of two digests (HUBSPOT.md §3.1 step 5; the SDK's `===` leaks timing, §3.3).
 * timingSafeEqual needs equal lengths; a digest's length is public, so checking it first leaks nothing.
 */
export function isSameDigest(given: Buffer, expected: Buffer): boolean {
  return given.length === expected.length && timingSafeEqual(given, expected);
}
