import type { CrmClient, CrmRecord } from "../src/ports/crm-client.js";
import type { MarketingEmailEvent } from "../src/ports/crm-feeds.js";
import { unsupportedCrmMethods } from "./unsupported-crm-methods.js";

// An in-process portal for the feeds bench: `contacts` contacts (c1@bench.test ...), each with
// `emailsPerContact` marketing emails (delivered, opened, every third clicked) over the last 90 days
// from 12 campaigns, and one submission of one of 5 forms. It answers the door's feed methods in
// HubSpot's paging (1,000 email events a page, 50 submissions a page, 100 addresses a lookup) and
// counts every call by method, which is what the bench reports.

const DAY_MS = 86_400_000;
const CAMPAIGNS = 12;
const FORMS = 5;

export function createFeedPortalClient(options: {
  contacts: number;
  emailsPerContact: number;
  nowMs: number;
}) {
  const calls = new Map<string, number>();
  const count = (method: string) => calls.set(method, (calls.get(method) ?? 0) + 1);
  const emailOf = (i: number) => `c${i}@bench.test`;
  const properties = new Map<string, Record<string, string | null>>();
  const events: MarketingEmailEvent[] = [];
  const submissions = new Map<string, { conversionId: string; submittedAt: number; email: string }[]>();
  for (let f = 0; f < FORMS; f++) submissions.set(`form-${f}`, []);
  for (let i = 1; i <= options.contacts; i++) {
    properties.set(String(i), { email: emailOf(i) });
    for (let e = 0; e < options.emailsPerContact; e++) {
      const at = options.nowMs - ((i * 7 + e * 13) % 90) * DAY_MS - e * 1000;
      const base = {
        recipient: emailOf(i),
        emailCampaignId: String(e % CAMPAIGNS),
        url: null,
        subscriptionChange: null,
      };
      events.push({ ...base, id: `d${i}-${e}`, created: at, type: "DELIVERED" });
      events.push({ ...base, id: `o${i}-${e}`, created: at + 60_000, type: "OPEN" });
      if (e % 3 === 0)
        events.push({
          ...base,
          id: `k${i}-${e}`,
          created: at + 120_000,
          type: "CLICK",
          url: "https://bench.test/pricing",
        });
    }
    submissions.get(`form-${i % FORMS}`)?.push({
      conversionId: `s${i}`,
      submittedAt: options.nowMs - (i % 60) * DAY_MS,
      email: emailOf(i),
    });
  }
  events.sort((a, b) => b.created - a.created);
  for (const list of submissions.values()) list.sort((a, b) => b.submittedAt - a.submittedAt);
  // The query of the last page asked and the events it matches: a backfill pages one query through.
  let last: { key: string; matching: MarketingEmailEvent[] } | null = null;

  const client: CrmClient = {
    ...unsupportedCrmMethods("feeds"),
    portalId: "1",
    async readRecords(_type, ids, asked) {
      count("contacts batch read");
      return ids.flatMap((id): CrmRecord[] => {
        const p = properties.get(id);
        return p ? [{ id, properties: Object.fromEntries(asked.map((n) => [n, p[n] ?? null])) }] : [];
      });
    },
    async readAssociations(_from, _to, ids) {
      count("associations batch read");
      return new Map(ids.map((id) => [id, []]));
    },
    async updateRecords(_type, updates) {
      count("contacts batch update");
      for (const u of updates) Object.assign(properties.get(u.id) ?? {}, u.properties);
    },
    async readMarketingEmailEvents(query, offset) {
      count("email events page");
      const key = `${query.startMs} ${query.endMs} ${query.recipient ?? ""}`;
      if (last?.key !== key) {
        const { startMs, endMs, recipient } = query;
        const matching = events.filter(
          (e) => e.created >= startMs && e.created <= endMs && (!recipient || e.recipient === recipient),
        );
        last = { key, matching };
      }
      const matching = last.matching;
      const from = Number(offset ?? 0);
      const limit = query.limit ?? 1_000;
      const next = from + limit < matching.length ? String(from + limit) : null;
      return { events: matching.slice(from, from + limit), offset: next };
    },
    async readEmailCampaign(id) {
      count("email campaign");
      return { id, name: `Campaign ${id}`, subject: `Subject ${id}` };
    },
    async listForms() {
      count("forms page");
      return { forms: [...submissions.keys()].map((id) => ({ id, name: `Form ${id}` })), after: null };
    },
    async readFormSubmissions(formId, after, limit = 50) {
      count("form submissions page");
      const list = submissions.get(formId) ?? [];
      const from = Number(after ?? 0);
      const page = list.slice(from, from + limit).map((s) => ({ ...s, pageUrl: "https://bench.test/" }));
      return { submissions: page, after: from + limit < list.length ? String(from + limit) : null };
    },
    async findContactIdsByEmail(emails) {
      const unique = [...new Set(emails.map((e) => e.toLowerCase()))];
      for (let at = 0; at < unique.length; at += 100) count("contacts by email");
      const found = new Map<string, string[]>();
      for (const email of unique) {
        const id = email.match(/^c(\d+)@bench\.test$/)?.[1];
        if (id && properties.has(id)) found.set(email, [id]);
      }
      return found;
    },
  };
  return { client, calls, events: events.length };
}
