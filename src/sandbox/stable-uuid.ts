import { createHash } from "node:crypto";

// HubSpot gives email events, form conversions and analytics events UUID-like ids. The sandbox
// derives them from the row's sequence number (and a kind), so a seed gives the same ids every time.

/** A UUID-shaped id (version 5 layout) that follows from its parts alone. */
export function stableUuid(...parts: readonly (string | number)[]): string {
  const hex = createHash("sha1").update(parts.join(":")).digest("hex");
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
