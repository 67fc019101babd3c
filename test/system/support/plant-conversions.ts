import type { SandboxClient } from "../../../src/cli/sandbox-client.js";

// Contacts with a known conversion process, for "Suggest a score" on the sandbox (docs/scoring.md §Suggested
// scores). 80 contacts are created with their job titles, then the sandbox's clock moves 140 days on; they
// reached marketing qualified lead between 130 and 91 days before the new now, CTOs went on to sales qualified
// lead within 30 days four times in five, engineers once in five, the others never did. Their stage entry
// dates are written as HubSpot calculates them (docs/hubspot.md §Lifecycle stage history). So 40 are labelled
// converted and 40 not, and the job title they had at their decision instant is the signal to find.

const DAY_MS = 86_400_000;
export const PLANTED = { contacts: 80, converted: 40, notConverted: 40 };

const iso = (ms: number) => new Date(ms).toISOString();

export async function plantConversions(sandbox: SandboxClient): Promise<void> {
  const created: { id: string; cto: boolean; converts: boolean }[] = [];
  for (let i = 0; i < PLANTED.contacts; i++) {
    const cto = i % 2 === 0;
    const record = await sandbox.call<{ id: string }>("POST", "/__sandbox/records/contacts", {
      properties: {
        firstname: cto ? "Casey" : "Eli",
        lastname: `Planted ${i}`,
        email: `planted-${i}@example.com`,
        jobtitle: cto ? "CTO" : "Engineer",
        lifecyclestage: "lead",
      },
    });
    created.push({ id: record.id, cto, converts: cto ? i % 10 !== 0 : i % 10 === 1 });
  }
  const { nowMs } = await sandbox.call<{ nowMs: number }>("POST", "/__sandbox/clock", { advance: "140d" });
  for (const [i, contact] of created.entries()) {
    const mqlAtMs = nowMs - (130 - (i % 40)) * DAY_MS;
    await sandbox.call("PATCH", `/__sandbox/records/contacts/${contact.id}`, {
      properties: {
        lifecyclestage: contact.converts ? "salesqualifiedlead" : "marketingqualifiedlead",
        hs_v2_date_entered_marketingqualifiedlead: iso(mqlAtMs),
        ...(contact.converts
          ? { hs_v2_date_entered_salesqualifiedlead: iso(mqlAtMs + (5 + (i % 20)) * DAY_MS) }
          : {}),
      },
    });
  }
}
