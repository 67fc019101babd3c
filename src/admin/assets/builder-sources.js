import { h } from "./dom.js";

// Rules on event types the portal cannot supply (docs/decisions.md §Sources status): the builder marks them
// and says what to do, from GET /api/portals/:portalId/sources, instead of letting them score a silent 0.

/** @typedef {import("./types.js").SourceStatusRow} SourceStatusRow */
/** @typedef {{status: SourceStatusRow["status"], text: string, action?: {href: string, label: string}}} SourceAdvice */

/** A roll-up contact property (docs/hubspot.md §Contact roll-up properties) a fit rule can score below Enterprise, per event type. */
const ROLL_UPS = /** @type {Record<string, string>} */ ({
  page_view: "hs_analytics_num_page_views ≥ 5",
  cta_click: "hs_analytics_num_event_completions ≥ 1",
  ad_interaction: "hs_analytics_num_visits ≥ 3",
  marketing_email_open: "hs_email_open ≥ 3",
  marketing_email_click: "hs_email_click ≥ 1",
  marketing_email_delivered: "hs_email_delivered ≥ 5",
  form_submission: "num_conversion_events ≥ 1",
});
const rollUpOf = (/** @type {string} */ eventType) =>
  ROLL_UPS[eventType] ?? "hs_analytics_num_page_views ≥ 5";

/** The statuses the page last loaded, by event type. @type {Map<string, SourceStatusRow>} */
let loaded = new Map();

/** @param {readonly SourceStatusRow[]} rows */
export function setSourceStatuses(rows) {
  loaded = new Map(rows.map((row) => [row.eventType, row]));
}

/**
 * What a rule on `eventType` needs said, or null when its source is available (or unknown to the app).
 * @param {string} eventType
 * @param {ReadonlyMap<string, SourceStatusRow>} statuses
 * @returns {SourceAdvice | null}
 */
export function sourceAdvice(eventType, statuses) {
  const row = statuses.get(eventType);
  if (!row || row.status === "available") return null;
  const instead = `or score a roll-up property with a fit rule instead, e.g. ${rollUpOf(eventType)}`;
  switch (row.status) {
    case "missing_scope":
      return {
        status: row.status,
        text: `This rule scores nothing: ${row.detail}; ${instead}.`,
        action: { href: "/oauth/install", label: "Install the app again to grant it" },
      };
    case "needs_enterprise":
      return {
        status: row.status,
        text: `This rule scores nothing: HubSpot gives these events to Enterprise portals only. Use a fit rule on a roll-up property instead, e.g. ${rollUpOf(eventType)}.`,
      };
    default:
      return { status: row.status, text: `This rule scores nothing while its source fails: ${row.detail}.` };
  }
}

/**
 * The notice under a rule's event type, or null.
 * @param {string} eventType
 */
export function sourceNotice(eventType) {
  const advice = sourceAdvice(eventType, loaded);
  if (!advice) return null;
  return h(
    "p",
    { class: "warning source-unavailable", dataset: { sourceStatus: advice.status } },
    advice.text,
    advice.action && [" ", h("a", { href: advice.action.href }, advice.action.label)],
  );
}

/**
 * The warnings an answer carries (save, enable), as one line each for the messages area.
 * @param {unknown} answer
 * @returns {string[]}
 */
export function warningLines(answer) {
  const warnings = /** @type {{warnings?: {message?: string}[]}} */ (answer)?.warnings ?? [];
  return warnings.map((w) => w.message ?? JSON.stringify(w));
}
