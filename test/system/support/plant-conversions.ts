import type { SandboxClient } from "../../../src/cli/sandbox-client.js";

// Contacts with a known conversion process, for "Suggest a score" on the sandbox (docs/scoring.md §Suggested
// scores): 80 contacts reached marketing qualified lead between 130 and 90 days before the sandbox's now; CTOs
// went on to sales qualified lead within 30 days four times in five, engineers once in five; the others never
// did. Their stage entry dates are written as HubSpot calculates them (docs/hubspot.md §Lifecycle stage
// history), so the labels are 40 converted and 40 not, and the job title is the signal to find.

const DAY_MS = 86_400_000;
export const PLANTED = { contacts: 80, converted: 40, notConverted: 40 };

export async function plantConversions(sandbox: SandboxClient): Promise<void> {
  const { nowMs } = await sandbox.call<{ nowMs: number }>("GET", "/__sandbox/clock");
  for (let i = 0; i < PLANTED.contacts; i++) {
    const cto = i % 2 === 0;
    const converts = cto ? i % 10 !== 0 : i % 10 === 1;
    const mqlAtMs = nowMs - (130 - (i % 40)) * DAY_MS;
    const entered = {
      hs_v2_date_entered_lead: new Date(mqlAtMs - 20 * DAY_MS).toISOString(),
      hs_v2_date_entered_marketingqualifiedlead: new Date(mqlAtMs).toISOString(),
      ...(converts
        ? { hs_v2_date_entered_salesqualifiedlead: new Date(mqlAtMs + (5 + (i % 20)) * DAY_MS).toISOString() }
        : {}),
    };
    await sandbox.call("POST", "/__sandbox/records/contacts", {
      properties: {
        firstname: cto ? "Casey" : "Eli",
        lastname: `Planted ${i}`,
        email: `planted-${i}@example.com`,
        jobtitle: cto ? "CTO" : "Engineer",
        lifecyclestage: converts ? "salesqualifiedlead" : "marketingqualifiedlead",
        ...entered,
      },
    });
  }
}
