// HubSpot gives email events, form conversions and analytics events UUID-like ids. The sandbox
// derives them from the row's sequence number and a kind, so a seed gives the same ids every time;
// a cheap integer mix (murmur3's finaliser), as seeding derives tens of thousands of them.

function mix(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const kindHashes = new Map<string, number>();
function hashOf(text: string): number {
  let hash = kindHashes.get(text);
  if (hash !== undefined) return hash;
  hash = 0x811c9dc5;
  for (const char of text) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  kindHashes.set(text, hash);
  return hash;
}

/** A UUID-shaped id (version 4 layout) that follows from its parts alone. */
export function stableUuid(...parts: readonly (string | number)[]): string {
  let seed = 0x9e3779b9;
  for (const part of parts)
    seed = mix(seed ^ (typeof part === "number" ? mix(part) ^ Math.floor(part / 2 ** 32) : hashOf(part)));
  const words = [mix(seed ^ 1), mix(seed ^ 2), mix(seed ^ 3), mix(seed ^ 4)].map((w) =>
    w.toString(16).padStart(8, "0"),
  );
  const hex = words.join("");
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
