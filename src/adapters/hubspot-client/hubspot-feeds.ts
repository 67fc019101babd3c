import { AppError } from "../../errors.js";
import type { CrmFeeds, EmailCampaign } from "../../ports/crm-feeds.js";
import { chunk } from "./chunk.js";
import { parseCampaign, parseEmailEventPage, parseSubmissionPage } from "./parse-feed-answers.js";
import type { PortalPacer } from "./portal-pacer.js";
import type { SdkApis } from "./sdk-apis.js";

// The portal-wide feeds (docs/hubspot.md §Marketing email events, §Form submissions; port src/ports/crm-feeds.ts). The email events log
// and form submissions are legacy v1 endpoints without a typed SDK API (raw-get.ts); forms and
// contacts by email go through the typed SDK. Each call is one page: the pollers keep their own
// cursors (docs/decisions.md §Portal-wide feeds).

const EVENTS_LIMIT = 1_000;
const SUBMISSIONS_LIMIT = 50;
// The forms API's page size has no documented maximum (docs/hubspot.md §Form submissions); 50 is within every one seen.
const FORMS_LIMIT = 50;
const OBJECT_BATCH = 100;
// Campaign names change rarely and a portal has a few thousand at most; the bound keeps a long-lived
// process from holding every campaign it ever met.
const CAMPAIGN_CACHE = 5_000;

function checkLimit(limit: number, max: number, what: string): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > max)
    throw new AppError(
      "invalid_input",
      `${what}: limit must be a whole number from 1 to ${max}, got ${limit}`,
    );
  return limit;
}

export function createHubSpotFeeds(apis: SdkApis, pacer: PortalPacer): CrmFeeds {
  const campaigns = new Map<string, EmailCampaign>();
  const portalId = pacer.portalId;
  return {
    async readMarketingEmailEvents(query, offset) {
      const limit = checkLimit(query.limit ?? EVENTS_LIMIT, EVENTS_LIMIT, "email events");
      const params: Record<string, string> = {
        startTimestamp: String(query.startMs),
        endTimestamp: String(query.endMs),
        limit: String(limit),
      };
      if (query.recipient !== undefined) params.recipient = query.recipient;
      if (offset !== null) params.offset = offset;
      const answer = await pacer.run("api", "email events read", (signal) =>
        apis.rawGet("/email/public/v1/events", params, signal),
      );
      return parseEmailEventPage(answer, portalId);
    },

    async readEmailCampaign(campaignId) {
      const cached = campaigns.get(campaignId);
      if (cached) return cached;
      try {
        const answer = await pacer.run("api", "email campaign read", (signal) =>
          apis.rawGet(`/email/public/v1/campaigns/${encodeURIComponent(campaignId)}`, {}, signal),
        );
        const campaign = parseCampaign(answer, portalId);
        if (campaigns.size >= CAMPAIGN_CACHE) campaigns.delete(campaigns.keys().next().value ?? "");
        campaigns.set(campaignId, campaign);
        return campaign;
      } catch (error) {
        if (error instanceof AppError && error.code === "not_found") return null;
        throw error;
      }
    },

    async listForms(after) {
      const answer = await pacer.run("api", "forms list", (signal) =>
        apis.forms.getPage(after ?? undefined, FORMS_LIMIT, false, undefined, apis.callOptions(signal)),
      );
      return {
        forms: answer.results.map((form) => ({ id: form.id, name: form.name })),
        after: answer.paging?.next?.after ?? null,
      };
    },

    async readFormSubmissions(formId, after, limit = SUBMISSIONS_LIMIT) {
      const params: Record<string, string> = {
        limit: String(checkLimit(limit, SUBMISSIONS_LIMIT, "form submissions")),
      };
      if (after !== null) params.after = after;
      const answer = await pacer.run("api", `form ${formId} submissions read`, (signal) =>
        apis.rawGet(`/form-integrations/v1/submissions/forms/${encodeURIComponent(formId)}`, params, signal),
      );
      return parseSubmissionPage(answer, portalId);
    },

    async findContactIdsByEmail(emails) {
      const found = new Map<string, string[]>();
      const unique = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter((e) => e !== ""))];
      for (const run of chunk(unique, OBJECT_BATCH)) {
        const answer = await pacer.run("api", "contacts by email batch read", (signal) =>
          apis.objectsBatch.read(
            "contacts",
            {
              inputs: run.map((id) => ({ id })),
              idProperty: "email",
              properties: ["email"],
              propertiesWithHistory: [],
            },
            undefined,
            apis.callOptions(signal),
          ),
        );
        // Addresses no contact has come back as a 207 error, not a result (docs/hubspot.md §Rate limits and batching).
        for (const record of answer.results) {
          const email = record.properties.email?.trim().toLowerCase();
          if (!email) continue;
          const ids = found.get(email) ?? [];
          if (!ids.includes(record.id)) ids.push(record.id);
          found.set(email, ids);
        }
      }
      return found;
    },
  };
}
