/**
 * One line of a diff: kept (" "), only in the first text ("-"), or only in the second ("+").
 * @typedef {{op: " " | "-" | "+", line: string}} DiffLine
 */

/**
 * A line diff (longest common subsequence) of two texts. Definitions are a few hundred lines at most,
 * so the quadratic table is fine.
 * @param {string} before
 * @param {string} after
 * @returns {DiffLine[]}
 */
export function diffLines(before, after) {
  const a = before.split("\n");
  const b = after.split("\n");
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..]; row and column past the end are 0.
  const lcs = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  /** @type {(i: number, j: number) => number} */
  const at = (i, j) => lcs[i]?.[j] ?? 0;
  for (let i = a.length - 1; i >= 0; i--) {
    const row = /** @type {number[]} */ (lcs[i]);
    for (let j = b.length - 1; j >= 0; j--) {
      row[j] = a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  /** @type {DiffLine[]} */
  const out = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const left = /** @type {string} */ (a[i]);
    const right = /** @type {string} */ (b[j]);
    if (left === right) {
      out.push({ op: " ", line: left });
      i++;
      j++;
    } else if (at(i + 1, j) >= at(i, j + 1)) {
      out.push({ op: "-", line: left });
      i++;
    } else {
      out.push({ op: "+", line: right });
      j++;
    }
  }
  for (; i < a.length; i++) out.push({ op: "-", line: /** @type {string} */ (a[i]) });
  for (; j < b.length; j++) out.push({ op: "+", line: /** @type {string} */ (b[j]) });
  return out;
}
