import { signalSources } from "./conversion-process.js";
import { emailEventExtrasOf } from "./email-event-details.js";
import type { EmailCampaign } from "./email-event-repo.js";
import { buildEngagementDefaults } from "./engagement-defaults.js";
import type { StoredForm } from "./form-repo.js";
import type { Prng } from "./prng.js";
import type { StoredRecord } from "./record-repo.js";
import type { SandboxPortal } from "./sandbox-portal.js";
import { PAGE_VIEW, pageViewProperties } from "./web-event-types.js";

// The engagement a qualifying contact shows in the 30 days before its decision instant T (docs/decisions.md
// §Sandbox conversion process), in the stores the sandbox serves it from: form submissions, event
// analytics page views, COMPLETED meetings (engagement records associated with the contact and its
// primary company) and marketing email clicks of a monthly nurture campaign. Each count is drawn on its
// own, so the signals are independent of each other and of the contact's fit.

const MINUTE = 60_000;
const DAY = 86_400_000;
const quiet = (nowMs: number) => ({ nowMs, changeSource: null });

/** A nurture email every 30 days over the seeds' lifecycle year, the newest 20 days ago. */
export function createNurtureCampaigns(portal: SandboxPortal, nowMs: number): EmailCampaign[] {
  return Array.from({ length: 14 }, (_, i) =>
    portal.emailEvents.createCampaign({
      name: `Nurture: pricing guide #${14 - i}`,
      subject: "Which plan fits your team?",
      createdAtMs: nowMs - (20 + 30 * (13 - i)) * DAY,
    }),
  );
}

/** 0 with probability `none`, else 1, or 2 with probability `two`. */
const fewOrNone = (rng: Prng, none: number, two: number) => {
  const r = rng.next();
  return r < none ? 0 : r < none + two ? 2 : 1;
};

export interface PlantingContext {
  portal: SandboxPortal;
  rng: Prng;
  forms: ReadonlyMap<string, StoredForm>;
  nurture: readonly EmailCampaign[];
  primaryCompanyId: number | null;
}

export function plantConversionSignals(
  context: PlantingContext,
  contact: StoredRecord,
  decisionAtMs: number,
) {
  const { portal, rng } = context;
  const windowStart = Math.max(contact.createdAtMs, decisionAtMs - 30 * DAY);
  // Strictly before T: an event at T is not known at the decision.
  const when = () => windowStart + rng.int(Math.max(1, decisionAtMs - windowStart - MINUTE));
  const email = contact.properties.email ?? "";
  const submit = (formName: string, pageUrl: string) => {
    const form = context.forms.get(formName);
    if (!form || !email) return;
    portal.forms.submit({
      formGuid: form.guid,
      submittedAt: when(),
      pageUrl,
      values: [
        { name: "email", value: email },
        { name: "firstname", value: contact.properties.firstname ?? "" },
        { name: "lastname", value: contact.properties.lastname ?? "" },
      ],
    });
  };
  const view = (url: string, title: string) =>
    portal.webEvents.append({
      eventType: PAGE_VIEW,
      objectType: "contacts",
      objectId: contact.id,
      occurredAt: when(),
      properties: pageViewProperties(url, title),
    });

  for (let n = fewOrNone(rng, 0.7, 0.05); n > 0; n--)
    submit(signalSources.demoForm, "https://www.example.com/contact");
  for (let n = rng.chance(0.5) ? 0 : 1 + rng.int(4); n > 0; n--) view(signalSources.pricingPage, "Pricing");
  for (let n = fewOrNone(rng, 0.7, 0.05); n > 0; n--) plantMeeting(context, contact.id, when());
  plantClicks(context, contact, fewOrNone(rng, 0.7, 0.1), windowStart, decisionAtMs);
  // Noise: the same kinds of events, carrying no weight in the process.
  for (let n = rng.chance(0.5) ? 0 : 1 + rng.int(3); n > 0; n--) view(signalSources.careersPage, "Careers");
  for (let n = rng.chance(0.7) ? 0 : 1; n > 0; n--)
    submit(signalSources.newsletterForm, "https://www.example.com/blog/lead-scoring-basics");
}

/** A meeting that took place (ended at `endedAtMs`), booked up to a week before. */
function plantMeeting(context: PlantingContext, contactId: number, endedAtMs: number) {
  const { portal, rng } = context;
  const bookedAtMs = endedAtMs - 30 * MINUTE - rng.int(7 * DAY);
  const meeting = portal.records.create("meetings", buildEngagementDefaults("meeting", endedAtMs), {
    ...quiet(bookedAtMs),
    createdAtMs: bookedAtMs,
  });
  portal.associations.associate(
    { fromType: "meetings", fromId: meeting.id, toType: "contacts", toId: contactId },
    quiet(bookedAtMs),
  );
  if (context.primaryCompanyId !== null)
    portal.associations.associate(
      { fromType: "meetings", fromId: meeting.id, toType: "companies", toId: context.primaryCompanyId },
      quiet(bookedAtMs),
    );
}

/** The nurture email sent in the window, delivered, opened and clicked `clicks` times before T. */
function plantClicks(
  context: PlantingContext,
  contact: StoredRecord,
  clicks: number,
  windowStart: number,
  decisionAtMs: number,
) {
  const { portal, rng } = context;
  const email = contact.properties.email?.toLowerCase();
  const campaign = context.nurture.find(
    (c) => c.createdAtMs >= windowStart && c.createdAtMs < decisionAtMs - 10 * MINUTE,
  );
  if (clicks === 0 || !campaign || !email) return;
  const { city, state, country } = contact.properties;
  const add = (type: string, created: number, url?: string) =>
    portal.emailEvents.append({
      campaignId: campaign.id,
      recipient: email,
      type,
      created,
      details: { ...emailEventExtrasOf(type, { city, state, country }, url) },
    });
  const sentAt = campaign.createdAtMs;
  add("SENT", sentAt);
  add("DELIVERED", sentAt + 5_000);
  const span = decisionAtMs - sentAt - 2 * MINUTE;
  const openedAt = sentAt + MINUTE + rng.int(Math.max(1, span / 2));
  add("OPEN", openedAt);
  for (let i = 0; i < clicks; i++)
    add(
      "CLICK",
      openedAt + rng.int(Math.max(1, decisionAtMs - openedAt - MINUTE)),
      signalSources.pricingPage,
    );
}
