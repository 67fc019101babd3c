import { z } from "zod";
import { AppError } from "../../errors.js";
import type { FormSubmission, MarketingEmailEvent } from "../../ports/crm-feeds.js";

// The legacy v1 feeds' answers, checked with zod at the door (docs/hubspot.md §Marketing email events, §Form submissions): the SDK does
// not type them, so a shape HubSpot changes fails here with a message naming the field, not later as
// an undefined deep in a poller. Unknown fields pass: HubSpot adds fields to these logs.

const subscriptionStatus = z.object({ status: z.string().optional() }).passthrough();

const emailEvent = z
  .object({
    id: z.string(),
    created: z.number(),
    // UNBOUNCE carries no type nor recipient (docs/hubspot.md §Marketing email events); such events are dropped below.
    type: z.string().optional(),
    recipient: z.string().optional(),
    emailCampaignId: z.union([z.number(), z.string()]).nullish(),
    url: z.string().nullish(),
    // STATUSCHANGE (legacy docs, "User status events"): the portal-wide status and each subscription's.
    portalSubscriptionStatus: z.string().nullish(),
    subscriptions: z.array(subscriptionStatus).nullish(),
  })
  .passthrough();

const emailEventPage = z.object({
  events: z.array(emailEvent),
  hasMore: z.boolean().optional(),
  offset: z.string().nullish(),
});

const campaign = z
  .object({
    id: z.union([z.number(), z.string()]),
    name: z.string().nullish(),
    subject: z.string().nullish(),
  })
  .passthrough();

const submission = z
  .object({
    conversionId: z.string(),
    submittedAt: z.number(),
    pageUrl: z.string().nullish(),
    values: z.array(z.object({ name: z.string(), value: z.unknown() }).passthrough()).default([]),
  })
  .passthrough();

const submissionPage = z.object({
  results: z.array(submission),
  paging: z
    .object({ next: z.object({ after: z.string() }).passthrough().nullish() })
    .passthrough()
    .nullish(),
});

function parsed<T>(schema: z.ZodType<T>, answer: unknown, what: string, portalId: string): T {
  const result = schema.safeParse(answer);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join(".") || "(answer)"}: ${i.message}`);
  throw new AppError(
    "upstream_failed",
    `HubSpot ${what} for portal ${portalId} answered an unexpected shape: ${problems.join("; ")}`,
    { portalId, operation: what, status: 200, retryable: false },
  );
}

/** Unsubscribe semantics: an UNSUBSCRIBED event, or a STATUSCHANGE that leaves the portal or a subscription. */
function subscriptionChangeOf(event: z.infer<typeof emailEvent>): string | null {
  if (event.type === "UNSUBSCRIBED") return "UNSUBSCRIBED";
  if (event.type !== "STATUSCHANGE") return null;
  const statuses = [event.portalSubscriptionStatus, ...(event.subscriptions ?? []).map((s) => s.status)];
  if (statuses.includes("UNSUBSCRIBED")) return "UNSUBSCRIBED";
  return event.portalSubscriptionStatus ?? null;
}

export function parseEmailEventPage(answer: unknown, portalId: string) {
  const page = parsed(emailEventPage, answer, "email events read", portalId);
  const events: MarketingEmailEvent[] = [];
  for (const e of page.events) {
    if (e.type === undefined || e.recipient === undefined) continue;
    events.push({
      id: e.id,
      created: e.created,
      type: e.type,
      recipient: e.recipient,
      emailCampaignId:
        e.emailCampaignId === null || e.emailCampaignId === undefined ? null : String(e.emailCampaignId),
      url: e.url ?? null,
      subscriptionChange: subscriptionChangeOf(e),
    });
  }
  // hasMore decides, not the offset: HubSpot sends an offset on the last page too.
  const offset = page.hasMore === true && page.offset ? page.offset : null;
  return { events, offset };
}

export function parseCampaign(answer: unknown, portalId: string) {
  const c = parsed(campaign, answer, "email campaign read", portalId);
  return { id: String(c.id), name: c.name ?? "", subject: c.subject ?? "" };
}

export function parseSubmissionPage(answer: unknown, portalId: string) {
  const page = parsed(submissionPage, answer, "form submissions read", portalId);
  const submissions: FormSubmission[] = page.results.map((s) => {
    const email = s.values.find((v) => v.name === "email")?.value;
    return {
      conversionId: s.conversionId,
      submittedAt: s.submittedAt,
      pageUrl: s.pageUrl ?? null,
      email: typeof email === "string" && email.trim() !== "" ? email.trim() : null,
    };
  });
  return { submissions, after: page.paging?.next?.after ?? null };
}
