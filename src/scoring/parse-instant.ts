// docs/scoring.md §Event rules: dates without a zone are UTC, a date alone is midnight UTC;
// HubSpot stores dates as ISO strings or epoch milliseconds (often as a string of digits).
const epochMsText = /^-?\d+$/;
const zoneSuffix = /(Z|[+-]\d{2}(:?\d{2})?)$/i;
const isoDate = /^\d{4}-\d{2}-\d{2}(T|$)/;
const dateTime = /^\d{4}-\d{2}-\d{2}T/;

/** Epoch milliseconds of an instant, or NaN when the value is not one. */
export function parseInstant(value: unknown): number {
  if (typeof value === "number") return Number.isFinite(value) ? value : Number.NaN;
  if (typeof value !== "string" || value === "") return Number.NaN;
  if (epochMsText.test(value)) return Number(value);
  // Only ISO 8601: V8's lenient legacy parser would read "May 5" as a date in 2001.
  if (!isoDate.test(value)) return Number.NaN;
  // Date.parse reads a zone-less date-time as local time; the product decides UTC.
  const text = dateTime.test(value) && !zoneSuffix.test(value) ? `${value}Z` : value;
  return Date.parse(text);
}
