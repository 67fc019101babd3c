import { seedGroups } from "../support/seed-groups.js";

// The seed example of docs/scoring.md §Groups and limits: total limit 100, sales group limit 60,
// marketing group limit 40; one meeting, two opens and three clicks give 10 + 19 = 29.

export const NOW = "2026-11-20T12:00:00Z";
const threeDaysAgo = "2026-11-17T12:00:00.000Z";

export const seedDefinition = {
  id: "seed",
  name: "Seed example",
  object: "contacts",
  type: "engagement",
  limits: { max: 100 },
  thresholds: { high: 70, medium: 40 },
  property: { name: "ls_seed" },
  groups: seedGroups,
};

const at = (type: string, occurredAt = threeDaysAgo) => ({ type, occurredAt, properties: {} });

/** A contact snapshot with `events` (event type names, three days before NOW). */
export const contact = (id: string, ...types: string[]) => ({
  id,
  object: "contacts",
  events: types.map((type) => at(type)),
});

export const seedContact = contact(
  "101",
  "meeting",
  "marketing_email_open",
  "marketing_email_open",
  "marketing_email_click",
  "marketing_email_click",
  "marketing_email_click",
);

/** The Result of docs/scoring.md §Result for seedContact, byte for byte. */
export const seedResultLine =
  '{"id":"101","score":29,"threshold":"low","groups":[' +
  '{"name":"Engagement with sales","value":10,"rules":[{"index":0,"value":0,"matches":0},{"index":1,"value":10,"matches":1},{"index":2,"value":0,"matches":0}]},' +
  '{"name":"Engagement with marketing","value":19,"rules":[{"index":0,"value":0,"matches":0},{"index":1,"value":4,"matches":2},{"index":2,"value":15,"matches":3}]}],' +
  '"nextChangeAt":null}';
