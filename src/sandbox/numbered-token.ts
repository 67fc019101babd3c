import { validationError } from "./hubspot-error.js";

// An opaque `after` token that stands for one number (the last id served, or the next index),
// tagged with what it counts so a token of one list is refused by another. Associations, list
// members and forms page with these; HubSpot's tokens are opaque (docs/hubspot.md §Rate limits and batching).

export interface NumberedToken {
  encode(value: number): string;
  /** The number a token stands for; 0 without one; 400 for a token not of this kind. */
  decode(after: unknown): number;
}

export function numberedToken(kind: string): NumberedToken {
  const pattern = new RegExp(`^${kind}:(\\d+)$`);
  return {
    encode: (value) => Buffer.from(`${kind}:${value}`).toString("base64url"),
    decode(after) {
      if (after === undefined) return 0;
      const match = pattern.exec(Buffer.from(String(after), "base64url").toString());
      if (!match) throw validationError(`after is not a valid paging token: ${String(after)}`);
      return Number(match[1]);
    },
  };
}
