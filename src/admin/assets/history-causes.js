// A history entry's cause in words (docs/scoring.md §History): what happened, from the reasons kept
// with the entry, else from its cause alone (entries written before reasons were kept).

/** @typedef {import("./types.js").HistoryEntry} HistoryEntry */
/** @typedef {import("./types.js").HistoryReason} HistoryReason */

/** @type {Record<string, string>} */
const SINGULAR = {
  contacts: "contact",
  companies: "company",
  deals: "deal",
  meetings: "meeting",
  calls: "call",
  emails: "email",
  notes: "note",
  tasks: "task",
};
/** What a salesperson does when an engagement is created. */
/** @type {Record<string, string>} */
const CREATED = {
  meetings: "meeting logged",
  calls: "call logged",
  emails: "email logged",
  notes: "note added",
  tasks: "task created",
};
/** HubSpot's labels of properties scores often read; any other is shown by its internal name. */
/** @type {Record<string, string>} */
const PROPERTY_LABELS = {
  jobtitle: "job title",
  lifecyclestage: "lifecycle stage",
  hs_lead_status: "lead status",
  numberofemployees: "number of employees",
  annualrevenue: "annual revenue",
  industry: "industry",
  country: "country",
  city: "city",
  state: "state",
  email: "email",
  hs_meeting_outcome: "meeting outcome",
  hs_call_disposition: "call outcome",
  hs_email_direction: "email direction",
  hs_task_status: "task status",
  hs_timestamp: "activity date",
  dealstage: "deal stage",
  amount: "amount",
  closedate: "close date",
};
/** @type {Record<import("./types.js").HistoryEntry["cause"], string>} */
const CAUSES = {
  enable: "score enabled",
  update: "score edited",
  rescore: "rescored on request",
  webhook: "change in HubSpot",
  poll: "modified in HubSpot (found by the poll)",
  decay: "decay step or time window",
  sweep: "daily check",
  reset: "reset",
  scope: "list membership changed",
};

const singular = (/** @type {string} */ object) => SINGULAR[object] ?? object;

/**
 * One reason in words; a property or record of another object than the score's names that object
 * ("contact job title changed" on a company's history).
 * @param {HistoryReason} reason
 * @param {string} scoreObject the object the score is for ("contacts")
 */
export function describeReason(reason, scoreObject) {
  switch (reason.kind) {
    case "property": {
      const label = PROPERTY_LABELS[reason.property] ?? reason.property;
      return `${reason.object === scoreObject ? "" : `${singular(reason.object)} `}${label} changed`;
    }
    case "record": {
      const what = singular(reason.object);
      if (reason.change === "creation") return CREATED[reason.object] ?? `${what} created`;
      if (reason.change === "privacyDeletion") return `${what} erased (privacy request)`;
      const done = { deletion: "deleted", restore: "restored", merge: "merged" }[reason.change];
      return `${what} ${done}`;
    }
    case "association":
      return `${singular(reason.from)} ↔ ${singular(reason.to)} association changed`;
    case "reset":
      return reason.by === "workflow" ? "reset by workflow" : "reset from the admin page";
    default:
      return "changed";
  }
}

/**
 * What made a value change, in words: its reasons joined ("meeting logged, job title changed"), or
 * its cause's words when it has none.
 * @param {Pick<HistoryEntry, "cause" | "reasons">} entry
 * @param {string} scoreObject
 */
export function describeChange(entry, scoreObject) {
  const reasons = entry.reasons ?? [];
  if (reasons.length === 0) return CAUSES[entry.cause] ?? entry.cause;
  return [...new Set(reasons.map((r) => describeReason(r, scoreObject)))].join(", ");
}
