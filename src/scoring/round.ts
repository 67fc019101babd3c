/**
 * Half away from zero to 2 decimals, on the decimal the user sees (docs/scoring.md §Groups and limits):
 * 1.005 is 1.00499999999999989… in binary, so scale, trim the float noise to 15 significant
 * digits, then round.
 */
export function round2(value: number): number {
  // Most scores are whole numbers: nothing to round (and toPrecision is the costly part).
  if (Number.isInteger(value) || !Number.isFinite(value)) return value === 0 ? 0 : value;
  const scaled = Number((Math.abs(value) * 100).toPrecision(15));
  const rounded = Math.round(scaled) / 100;
  return value < 0 ? -rounded || 0 : rounded;
}
