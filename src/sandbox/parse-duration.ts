// Durations for POST /__sandbox/clock: milliseconds as a number, a short form ("90s", "15m", "2h",
// "3d", "1w", also combined: "1d12h"), or ISO-8601 ("PT2H", "P3D", "P1DT30M", the form HubSpot
// itself uses for durations, docs/hubspot.md §Workflow action responses hs_expiration_duration).

const unitMs: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const shortForm = /^(\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/;
const shortPart = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;
const isoForm =
  /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds of a duration; throws a message that shows the accepted forms. */
export function parseDuration(input: string | number): number {
  if (typeof input === "number") {
    if (Number.isFinite(input)) return Math.round(input);
  } else {
    const text = input.trim();
    if (/^-?\d+$/.test(text)) return Number(text);
    if (shortForm.test(text)) {
      let total = 0;
      for (const [, amount, unit] of text.matchAll(shortPart))
        total += Number(amount) * (unitMs[unit ?? "ms"] ?? 0);
      return Math.round(total);
    }
    const iso = isoForm.exec(text.toUpperCase());
    if (iso && text.length > 1 && !text.toUpperCase().endsWith("T")) {
      const n = (index: number) => Number(iso[index] ?? 0);
      const seconds = (((n(1) * 7 + n(2)) * 24 + n(3)) * 60 + n(4)) * 60 + n(5);
      return Math.round(seconds * 1_000);
    }
  }
  throw new Error(
    `not a duration: ${JSON.stringify(input)}; use milliseconds (3600000), a short form (90s, 15m, 2h, 3d, 1w, 1d12h) or ISO-8601 (PT2H, P3D)`,
  );
}
