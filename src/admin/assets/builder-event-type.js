import { comboboxField } from "./picker-combobox.js";

// The event type of an event rule, picked by name (docs/scoring.md §Event types, docs/decisions.md
// §Builder pickers). A type whose source the portal's events do not reach is still offered, with the
// reason beside it; a name the catalog does not know (a custom behavioural event) is kept as typed.

/** The types offered when HubSpot cannot be asked: docs/scoring.md §Event types, by their names. */
export const KNOWN_EVENT_TYPES = [
  "meeting",
  "call",
  "email",
  "note",
  "task",
  "form_submission",
  "marketing_email_delivered",
  "marketing_email_open",
  "marketing_email_click",
  "marketing_email_bounce",
  "marketing_email_unsubscribe",
  "page_view",
  "cta_click",
  "ad_interaction",
  "ticket",
];

/**
 * Picker options for event types: the label, and why a type's events would not arrive.
 * @param {readonly import("./types.js").PickerEventType[]} types
 * @returns {import("./types.js").PickOption[]}
 */
export const eventTypeOptions = (types) =>
  types.map((t) => ({
    value: t.type,
    label: t.label,
    hint: t.available ? t.type : `${t.type} · not available: ${t.reason ?? "no source"}`,
    ...(t.available ? {} : { unavailable: true }),
  }));

/**
 * @param {import("./types.js").DraftEventRule} rule
 * @param {string} path
 * @param {import("./types.js").FormContext} ctx
 */
export function eventTypeField(rule, path, ctx) {
  const types = ctx.pickers?.eventTypes() ?? { status: "none" };
  const fallback = KNOWN_EVENT_TYPES.map((type) => ({ value: type, label: type }));
  // Whether the chosen type's events arrive is said under it by builder-sources.js (GET /sources).
  return comboboxField({
    label: "Event type",
    path: `${path}.event`,
    value: rule.event,
    // Without the catalog the known names are still offered; the note says they are not checked.
    state:
      types.status === "ready"
        ? { status: "ready", data: eventTypeOptions(types.data) }
        : types.status === "none"
          ? { status: "ready", data: fallback }
          : types,
    what: "event types",
    placeholder: "Search event types",
    onText: (type) => {
      rule.event = type;
      ctx.changed();
    },
    // Its where conditions pick from the new type's properties: draw them again.
    onPick: (type) => {
      rule.event = type;
      ctx.rerender(`${path}.event`);
    },
  });
}
