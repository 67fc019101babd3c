import type { CrmProperties } from "../ports/crm-client.js";
import type { SnapshotInput } from "../scoring/snapshot-schema.js";

// docs/scoring.md "Event types" (decided): CRM engagement objects become events named meeting, call,
// email, note, task, carrying their hs_* properties, at these times:
//   calls, emails, notes: hs_timestamp;
//   meetings: hs_createdate (the booking) while hs_meeting_outcome is SCHEDULED, otherwise
//             hs_meeting_end_time, else hs_timestamp;
//   tasks: hs_task_completion_date once hs_task_status is COMPLETED; an open task is no event;
//   tickets (event `ticket`): createdate, with subject besides their hs_* properties (docs/hubspot.md §Tickets).

export type EngagementObject = "meetings" | "calls" | "emails" | "notes" | "tasks" | "tickets";
export type SnapshotEvent = NonNullable<SnapshotInput["events"]>[number];

/** The CRM engagement objects, read when no object is named; tickets only when a rule counts them. */
export const engagementObjects: readonly EngagementObject[] = [
  "meetings",
  "calls",
  "emails",
  "notes",
  "tasks",
];

export const eventTypeOf: Record<EngagementObject, string> = {
  meetings: "meeting",
  calls: "call",
  emails: "email",
  notes: "note",
  tasks: "task",
  tickets: "ticket",
};

/** Properties read for every engagement (docs/hubspot.md §Engagement objects); rules may ask for more. */
export const baseEngagementProperties: Record<EngagementObject, readonly string[]> = {
  meetings: [
    "hs_timestamp",
    "hs_createdate",
    "hs_meeting_outcome",
    "hs_meeting_start_time",
    "hs_meeting_end_time",
    "hs_activity_type",
  ],
  calls: [
    "hs_timestamp",
    "hs_call_status",
    "hs_call_disposition",
    "hs_call_direction",
    "hs_call_duration",
    "hs_activity_type",
  ],
  emails: ["hs_timestamp", "hs_email_direction", "hs_email_status"],
  notes: ["hs_timestamp"],
  tasks: ["hs_timestamp", "hs_task_status", "hs_task_priority", "hs_task_type", "hs_task_completion_date"],
  tickets: ["createdate", "hs_pipeline_stage", "hs_ticket_priority", "hs_ticket_category", "subject"],
};

function present(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === "" ? null : value;
}

function occurredAtOf(object: EngagementObject, p: CrmProperties): string | null {
  switch (object) {
    case "meetings":
      return p.hs_meeting_outcome === "SCHEDULED"
        ? present(p.hs_createdate)
        : (present(p.hs_meeting_end_time) ?? present(p.hs_timestamp));
    case "tasks":
      return p.hs_task_status === "COMPLETED" ? present(p.hs_task_completion_date) : null;
    case "tickets":
      return present(p.createdate);
    default:
      return present(p.hs_timestamp);
  }
}

/** HubSpot sends datetimes as ISO strings, older data sometimes as epoch milliseconds. */
function toInstant(value: string): string | null {
  if (/^\d+$/.test(value)) return new Date(Number(value)).toISOString();
  return Number.isNaN(Date.parse(value)) ? null : value;
}

/** The event for one engagement record; null when it is no event (an open task, no time). */
export function buildEngagementEvent(
  object: EngagementObject,
  properties: CrmProperties,
): SnapshotEvent | null {
  const raw = occurredAtOf(object, properties);
  const occurredAt = raw === null ? null : toInstant(raw);
  if (occurredAt === null) return null;
  const eventProperties: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(properties))
    if (name.startsWith("hs_") || (object === "tickets" && name === "subject")) eventProperties[name] = value;
  return { type: eventTypeOf[object], occurredAt, properties: eventProperties };
}
