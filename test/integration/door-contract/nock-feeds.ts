import { randomUUID } from "node:crypto";
import type { Scope } from "nock";
import { HUBSPOT } from "../../fixtures/hubspot/create-test-crm-client.js";
import { buildErrorBody } from "../../fixtures/hubspot/crm-payloads.js";
import {
  buildCampaign,
  buildEmailEvent,
  buildForm,
  buildSubmission,
  type WireEmailEvent,
  type WireSubmission,
} from "../../fixtures/hubspot/feed-payloads.js";
import type { SentEmailEvent, SubmittedForm } from "./tiny-world.js";

// The portal-wide feeds of the nock world (docs/hubspot.md §Marketing email events, §Form submissions): the email events log (inclusive
// start/end, newest first, an opaque offset that is the position of the next event), email campaigns
// (404 for an id the portal lacks), forms v3 and each form's submissions (newest first, `after`).

const PORTAL_ID = 123;

const encode = (n: number) => Buffer.from(`pos:${n}`).toString("base64url");
const decode = (token: string) => Number(Buffer.from(token, "base64url").toString().slice(4));

export function mockNockFeeds(scope: Scope, nowMs: () => number) {
  const events: WireEmailEvent[] = [];
  const campaigns = new Map<string, { name: string; subject: string }>();
  const forms = new Map<string, { name: string; submissions: WireSubmission[] }>();
  let nextCampaignId = 310_000_000;

  scope
    .get(/^\/email\/public\/v1\/events(\?.*)?$/)
    .reply((uri) => {
      const q = new URL(uri, HUBSPOT).searchParams;
      const start = Number(q.get("startTimestamp") ?? 0);
      const end = Number(q.get("endTimestamp") ?? Number.MAX_SAFE_INTEGER);
      const limit = Number(q.get("limit") ?? 10);
      const recipient = q.get("recipient");
      const from = q.get("offset") ? decode(q.get("offset") ?? "") : 0;
      const matching = events
        .filter((e) => e.created >= start && e.created <= end && (!recipient || e.recipient === recipient))
        .sort((a, b) => b.created - a.created);
      const page = matching.slice(from, from + limit);
      const hasMore = from + limit < matching.length;
      // HubSpot names an offset on the last page too; only hasMore says whether to follow it.
      return [200, { events: page, hasMore, offset: encode(from + page.length) }];
    })
    .get(/^\/email\/public\/v1\/campaigns\/\w+$/)
    .reply((uri) => {
      const id = uri.split("/")[5] ?? "";
      const campaign = campaigns.get(id);
      if (!campaign)
        return [404, buildErrorBody(404, `Campaign ${id} not found`, { category: "OBJECT_NOT_FOUND" })];
      return [200, buildCampaign(Number(id), campaign.name, campaign.subject)];
    })
    .get(/^\/marketing\/v3\/forms\/?(\?.*)?$/)
    .reply((uri) => {
      const q = new URL(uri, HUBSPOT).searchParams;
      const limit = Number(q.get("limit") ?? 20);
      const all = [...forms.entries()];
      const from = q.get("after") ? Number(q.get("after")) : 0;
      const results = all.slice(from, from + limit).map(([id, f]) => buildForm(id, f.name));
      const next = from + limit < all.length ? String(from + limit) : null;
      return [
        200,
        {
          results,
          ...(next
            ? { paging: { next: { after: next, link: `${HUBSPOT}/marketing/v3/forms?after=${next}` } } }
            : {}),
        },
      ];
    })
    .get(/^\/form-integrations\/v1\/submissions\/forms\/[\w-]+(\?.*)?$/)
    .reply((uri) => {
      const url = new URL(uri, HUBSPOT);
      const id = url.pathname.split("/")[5] ?? "";
      const form = forms.get(id);
      if (!form) return [404, buildErrorBody(404, `Form ${id} not found`, { category: "OBJECT_NOT_FOUND" })];
      const limit = Number(url.searchParams.get("limit") ?? 20);
      const from = url.searchParams.get("after") ? decode(url.searchParams.get("after") ?? "") : 0;
      const newest = [...form.submissions].sort((a, b) => b.submittedAt - a.submittedAt);
      const results = newest.slice(from, from + limit);
      const next = from + limit < newest.length ? encode(from + limit) : null;
      return [
        200,
        {
          results,
          ...(next ? { paging: { next: { after: next, link: `${url.pathname}?after=${next}` } } } : {}),
        },
      ];
    });

  return {
    createEmailCampaign(campaign: { name: string; subject: string }): string {
      const id = String(nextCampaignId++);
      campaigns.set(id, campaign);
      return id;
    },
    sendMarketingEmailEvent(event: SentEmailEvent) {
      const wire = buildEmailEvent({ ...event, id: randomUUID(), created: nowMs(), portalId: PORTAL_ID });
      events.push(wire);
      return { id: wire.id, created: wire.created };
    },
    createForm(name: string): string {
      const id = randomUUID();
      forms.set(id, { name, submissions: [] });
      return id;
    },
    submitForm(formId: string, submission: SubmittedForm) {
      const form = forms.get(formId);
      if (!form) throw new Error(`no form ${formId}`);
      const wire = buildSubmission({ ...submission, conversionId: randomUUID(), submittedAt: nowMs() });
      form.submissions.push(wire);
      return { conversionId: wire.conversionId, submittedAt: wire.submittedAt };
    },
  };
}
