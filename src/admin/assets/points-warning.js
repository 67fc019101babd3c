// Points a rule gives beyond what its group or its score can hold are allowed (the definition is
// valid) but never counted in full: the engine clamps the group's sum to its limit and the score to
// its limits (docs/scoring.md §Groups and limits). The builder says so beside the points.

/**
 * @typedef {{groupLimit?: number, min?: number, max?: number}} PointsBounds
 */

/**
 * Why `points` cannot count in full, or "" when it can.
 * @param {number} points
 * @param {PointsBounds} bounds
 */
function beyond(points, { groupLimit, min, max }) {
  if (groupLimit !== undefined && Math.abs(points) > groupLimit)
    return `${points} is beyond this group's limit of ${groupLimit}: the group ${points > 0 ? "adds" : "takes away"} at most ${groupLimit} in all.`;
  if (max !== undefined && points > max)
    return `${points} is more than the score's maximum of ${max}: the score stops at ${max}.`;
  if (min !== undefined && points < min)
    return `${points} is below the score's minimum of ${min}: the score stops at ${min}.`;
  return "";
}

/**
 * The warning for a rule's points (each value's, when scored by value), or "" for none.
 * @param {import("./types.js").DraftRule} rule
 * @param {PointsBounds} bounds
 */
export function pointsWarning(rule, bounds) {
  if (!rule.pointsByValue) return typeof rule.points === "number" ? beyond(rule.points, bounds) : "";
  for (const [key, points] of Object.entries(rule.pointsByValue)) {
    const why = beyond(points, bounds);
    if (why) return `“${key}”: ${why}`;
  }
  return "";
}
