import type { CrmClient, CrmPropertyGroup } from "../../../src/ports/crm-client.js";
import type { SentEmailEvent, SubmittedForm } from "../../fixtures/hubspot/feed-payloads.js";

export type { SentEmailEvent, SubmittedForm };

// The tiny portal both targets of the door contract hold (docs/decisions.md §Door contract tests): three
// contacts, one company with a Primary and a labelled ("Decision maker") association, two
// meetings, twelve page views and a ticket of Alice's, one contact list, the lead_score property
// group, and 101 deals so that listing needs a second page. nock-tiny-world.ts scripts it as HubSpot's answers;
// sandbox.test.ts writes it into a sandbox through /__sandbox/*. Both worlds' clocks stand still
// unless a test or the door's own pauses move them, so a test knows when each write happened.

export const tinyWorld = {
  contacts: {
    alice: { email: "alice@acme.test", firstname: "Alice", lastname: "Archer", jobtitle: "CTO" },
    bob: { email: "bob@acme.test", firstname: "Bob", lastname: "Baker", jobtitle: "Engineer" },
    carol: {
      email: "carol@solo.test",
      firstname: "Carol",
      lastname: "Cole",
      jobtitle: "Founder",
      company: "Solo Studio",
    },
  },
  company: { name: "Acme", domain: "acme.test" },
  /** Contact → the company, with the label of the association. */
  companyLinks: [
    { contact: "alice", label: "Primary" },
    { contact: "bob", label: "Decision maker" },
  ],
  /** Meetings logged on Alice (HubSpot also associates them with her primary company). */
  meetings: [
    { contact: "alice", start: "2026-10-20T09:30:00.000Z", end: "2026-10-20T10:00:00.000Z" },
    { contact: "alice", start: "2026-10-27T14:00:00.000Z", end: "2026-10-27T14:30:00.000Z" },
  ],
  list: { name: "Hot leads", members: ["alice", "carol"] },
  /** Alice's page views in event analytics, oldest first: more than one page of 10 (docs/hubspot.md §Event analytics). */
  pageViews: Array.from({ length: 12 }, (_, i) => ({
    contact: "alice" as const,
    url: `https://acme.test/docs/page-${i + 1}`,
    title: `Docs ${i + 1}`,
    at: new Date(Date.parse("2026-10-01T08:00:00.000Z") + i * 86_400_000).toISOString(),
  })),
  /** A support ticket of Alice's (docs/hubspot.md §Tickets). */
  tickets: [
    {
      contact: "alice" as const,
      subject: "Cannot export",
      hs_pipeline_stage: "1",
      hs_ticket_priority: "HIGH",
    },
  ],
  dealCount: 101,
  propertyGroup: { name: "lead_score", label: "Lead score", displayOrder: -1 } satisfies CrmPropertyGroup,
} as const;

export type ContactKey = keyof typeof tinyWorld.contacts;

export const ticketProperties = ({ contact: _, ...properties }: (typeof tinyWorld.tickets)[number]) =>
  properties;

export const meetingProperties = (meeting: (typeof tinyWorld.meetings)[number]) => ({
  hs_timestamp: meeting.start,
  hs_meeting_title: "Discovery call",
  hs_meeting_start_time: meeting.start,
  hs_meeting_end_time: meeting.end,
  hs_meeting_outcome: "COMPLETED",
});

/** The ids a target gave the tiny world's records (HubSpot picks them; the suite never guesses). */
export interface WorldIds {
  contacts: Record<ContactKey, string>;
  company: string;
  meetings: string[];
  tickets: string[];
  deals: string[];
  listId: string;
}

export interface CompletedCallback {
  callbackId: string;
  outputFields: Record<string, string>;
}

/** One target of the contract: the app's real door, pointed at a portal holding the tiny world. */
export interface DoorTarget {
  /** A marketing email (an email campaign, docs/hubspot.md §Marketing email events) with its name and subject: its id. */
  createEmailCampaign(campaign: { name: string; subject: string }): Promise<string>;
  /** Logs an email event now: its identity `(id, created)`. */
  sendMarketingEmailEvent(event: SentEmailEvent): Promise<{ id: string; created: number }>;
  /** A form named so: its GUID. */
  createForm(name: string): Promise<string>;
  /** A submission of the form now: its conversionId and submittedAt. */
  submitForm(
    formId: string,
    submission: SubmittedForm,
  ): Promise<{ conversionId: string; submittedAt: number }>;
  client: CrmClient;
  ids: WorldIds;
  /** Workflow-action callbacks the portal saw completed, oldest first. */
  completedCallbacks(): Promise<CompletedCallback[]>;
  /** The portal's clock, in epoch milliseconds. */
  nowMs(): Promise<number>;
  advanceClock(ms: number): Promise<void>;
  /**
   * More deals at once, as an import makes them: "Deal n" numbered on from the last, created at
   * the portal's present. Their ids, oldest first.
   */
  addDeals(count: number): Promise<string[]>;
  /** Requests the portal answered (refusals included) at one endpoint, "POST /crm/v3/objects/deals/search". */
  calls(endpoint: string): Promise<number>;
  /** The pauses the door took (its injected sleep), in milliseconds: each also moves the portal's clock. */
  pauses(): number[];
  close(): Promise<void>;
}
