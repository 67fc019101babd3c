// Properties of a new engagement as HubSpot's UI would log it (docs/hubspot.md §Engagement objects), at `atMs`,
// for POST /__sandbox/engagements and the seeds. A meeting logged at `atMs` is one that has taken
// place: the 30 minutes up to `atMs`. (It used to start at `atMs`, so `lead-score sandbox
// log-meeting` made a COMPLETED meeting that ends in the future: the app dates a meeting by its
// end, docs/scoring.md §Event types, and rightly did not count it for another 30 minutes.) A completed
// task was completed at `atMs`. Call outcome GUIDs are HubSpot's (docs/hubspot.md §Engagement objects).

export const engagementKinds = ["meeting", "call", "email", "note", "task"] as const;
export type EngagementKind = (typeof engagementKinds)[number];

export const engagementObjectOf = {
  meeting: "meetings",
  call: "calls",
  email: "emails",
  note: "notes",
  task: "tasks",
} as const;

export const callDispositions = {
  connected: "f240bbac-87c9-4f6e-bf70-924b57d47db7",
  noAnswer: "73a0d17f-1163-4015-bdd5-ec830791da20",
  leftVoicemail: "b2cf5968-551e-4856-9783-52b3da59a7d0",
  busy: "9d9162e7-6cf3-4944-bf63-4dff82258764",
} as const;

export function buildEngagementDefaults(kind: EngagementKind, atMs: number): Record<string, string> {
  const at = new Date(atMs).toISOString();
  switch (kind) {
    case "meeting": {
      const start = new Date(atMs - 30 * 60_000).toISOString();
      return {
        hs_timestamp: start,
        hs_meeting_title: "Discovery call",
        hs_meeting_start_time: start,
        hs_meeting_end_time: at,
        hs_meeting_outcome: "COMPLETED",
        hs_activity_type: "Discovery",
      };
    }
    case "call":
      return {
        hs_timestamp: at,
        hs_call_title: "Follow-up call",
        hs_call_status: "COMPLETED",
        hs_call_direction: "OUTBOUND",
        hs_call_disposition: callDispositions.connected,
        hs_call_duration: "300000",
      };
    case "email":
      return {
        hs_timestamp: at,
        hs_email_subject: "Re: your question",
        hs_email_direction: "INCOMING_EMAIL",
        hs_email_status: "SENT",
      };
    case "note":
      return { hs_timestamp: at, hs_note_body: "Spoke with the prospect." };
    case "task":
      return {
        hs_timestamp: at,
        hs_task_subject: "Send proposal",
        hs_task_status: "COMPLETED",
        hs_task_priority: "MEDIUM",
        hs_task_type: "TODO",
        hs_task_completion_date: at,
      };
  }
}
