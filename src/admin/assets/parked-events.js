import { ApiError } from "./api.js";
import { fill, formatDate, h } from "./dom.js";
import { PARKED_LIMIT, parkedCountText } from "./parked-count-text.js";

// Parked events on the portal overview (GET /api/portals/:id/parked, docs/decisions.md §Failures fail alone):
// the webhook events the worker gave up on, with the error of their last attempt. Rendered here because the
// page's server routes do not hold the inbox; every value goes in as text (dom.js), so an error message
// holding markup shows as that markup, never runs.

/** @typedef {import("./types.js").ParkedEvent} ParkedEvent */

/** @param {readonly ParkedEvent[]} parked */
function parkedTable(parked) {
  const head = ["When", "Record", "Subscription type", "Attempts", "Last error"];
  return h(
    "table",
    { class: "parked", "data-testid": "parked-table" },
    h("caption", {}, "Parked webhook events, oldest first"),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        head.map((c) => h("th", { scope: "col" }, c)),
      ),
    ),
    h(
      "tbody",
      {},
      parked.map((p) =>
        h(
          "tr",
          {},
          h(
            "td",
            {},
            formatDate(p.occurredAt),
            h("br"),
            h("small", { class: "hint" }, `parked ${formatDate(p.parkedAt)}`),
          ),
          h("td", {}, `${p.objectType} `, h("code", {}, p.objectId)),
          h("td", {}, h("code", {}, p.subscriptionType)),
          h("td", {}, String(p.attempts)),
          h("td", { class: "error-text" }, p.error ?? "—"),
        ),
      ),
    ),
  );
}

/**
 * Shows the answer of GET /parked: a count and, when there are any, the table.
 * @param {HTMLElement} container
 * @param {{parked?: ParkedEvent[]}} answer
 */
export function renderParked(container, answer) {
  const parked = answer.parked ?? [];
  fill(
    container,
    h("p", { "data-testid": "parked-count" }, parkedCountText(parked)),
    parked.length > 0 && parkedTable(parked),
  );
}

/**
 * Loads and shows the portal's parked events; without a webhook pipeline the API has no such route.
 * @param {import("./types.js").PortalCall} call
 * @param {HTMLElement} container
 */
export async function showParked(call, container) {
  try {
    const answer = /** @type {{parked?: ParkedEvent[]}} */ (
      await call("GET", `/parked?limit=${PARKED_LIMIT}`)
    );
    renderParked(container, answer);
  } catch (error) {
    const message =
      error instanceof ApiError && error.status === 404
        ? "Parked events are not tracked here: this app runs no webhook pipeline."
        : `Parked events unavailable: ${error instanceof Error ? error.message : String(error)}`;
    fill(container, h("p", { class: "warning" }, message));
  }
}
