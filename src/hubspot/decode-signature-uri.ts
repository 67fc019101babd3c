// docs/hubspot.md §Webhook signatures (v3) step 2: HubSpot signs the URI with these escapes decoded; every other escape
// (%20, %25, ...) stays as sent. A literal `?` starting the query string is kept as is.
// Percent-escapes are case-insensitive (RFC 3986 §2.1), so `%3a` is decoded like `%3A`.
const DECODED: Record<string, string> = {
  "3A": ":",
  "2F": "/",
  "3F": "?",
  "40": "@",
  "21": "!",
  "24": "$",
  "27": "'",
  "28": "(",
  "29": ")",
  "2A": "*",
  "2C": ",",
  "3B": ";",
};

const ESCAPE = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;

/** The request URI as HubSpot's v3 signature sees it. */
export function decodeSignatureUri(uri: string): string {
  return uri.replace(ESCAPE, (_match, hex: string) => DECODED[hex.toUpperCase()] as string);
}
