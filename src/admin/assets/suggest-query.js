// The suggest page's address while a suggestion runs or after it ended: the job and what was asked,
// so a reload or a way back from the draft follows the same job again
// ("?job=…&object=contacts&type=fit&from=…&to=…&withinDays=30"). Pure, so it is tested without a DOM.

/** @typedef {import("./types.js").SuggestRequest} SuggestRequest */

/**
 * @param {string} jobId
 * @param {SuggestRequest} request
 */
export const suggestQuery = (jobId, request) =>
  `?${new URLSearchParams({ job: jobId, ...request, withinDays: String(request.withinDays) })}`;

/**
 * The job and request of an address `suggestQuery` made; null for any other (a fresh form).
 * @param {string} search
 * @returns {{jobId: string, request: SuggestRequest} | null}
 */
export function parseSuggestQuery(search) {
  const q = new URLSearchParams(search);
  const jobId = q.get("job");
  const object = q.get("object");
  const type = q.get("type");
  const from = q.get("from");
  const to = q.get("to");
  const withinDays = Number(q.get("withinDays"));
  if (!jobId || !from || !to || !Number.isInteger(withinDays)) return null;
  if ((object !== "contacts" && object !== "companies") || (type !== "engagement" && type !== "fit"))
    return null;
  return { jobId, request: { object, type, from, to, withinDays } };
}
