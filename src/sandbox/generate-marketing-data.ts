import { refreshContactRollups } from "./compute-contact-rollups.js";
import { emailEventExtrasOf } from "./email-event-details.js";
import { defaultFormFields } from "./form-repo.js";
import {
  adCampaigns,
  campaignTopics,
  ctaNames,
  customEvents,
  seededForms,
  sitePages,
  ticketSubjects,
} from "./marketing-seed-pools.js";
import type { Prng } from "./prng.js";
import { ticketCategories, ticketPriorities, ticketStages } from "./property-catalog.js";
import type { StoredRecord } from "./record-repo.js";
import type { SandboxPortal } from "./sandbox-portal.js";
import {
  AD_INTERACTION,
  adInteractionProperties,
  CTA_CLICK,
  ctaClickProperties,
  customEventType,
  PAGE_VIEW,
  pageViewProperties,
} from "./web-event-types.js";

// The portal's marketing and web past, over the seed's months (docs/decisions.md §Sandbox marketing
// and web sources): two email campaigns a month, each sent to part of the contacts that existed by
// then (delivered or bounced, then opens, clicks and a few unsubscribes), four forms and their
// submissions, website sessions of page views, CTA clicks, ad interactions, custom behavioural events,
// and support tickets on some contacts and their primary company. Nothing here is news for the app
// (no change rows); the contacts' roll-ups are computed from it at the end, so they agree with the feeds.

const MINUTE = 60_000;
const DAY = 86_400_000;
const quiet = (nowMs: number) => ({ nowMs, changeSource: null });

export function generateMarketingData(portal: SandboxPortal, months: number, rng: Prng, nowMs: number): void {
  const span = months * 30 * DAY;
  const campaigns = Array.from({ length: months * 2 }, (_, i) => {
    const [name, subject] = campaignTopics[i % campaignTopics.length] ?? campaignTopics[0];
    const createdAtMs = nowMs - span + Math.round(((i + 0.5) * span) / (months * 2));
    return portal.emailEvents.createCampaign({ name: `${name} #${i + 1}`, subject, createdAtMs });
  });
  const forms = seededForms.map((name, i) =>
    portal.forms.create({
      name,
      fields: defaultFormFields,
      createdAtMs: nowMs - span - (seededForms.length - i) * DAY,
    }),
  );

  const contacts: StoredRecord[] = [];
  for (let page = portal.records.page("contacts", 0, 1_000); page.length > 0; ) {
    contacts.push(...page);
    page = portal.records.page("contacts", page.at(-1)?.id ?? 0, 1_000);
  }
  for (const contact of contacts) {
    const email = contact.properties.email;
    const from = Math.max(contact.createdAtMs, nowMs - span);
    const when = () => from + rng.int(Math.max(1, nowMs - from));
    if (email) {
      for (const campaign of campaigns)
        if (campaign.createdAtMs >= contact.createdAtMs && rng.chance(0.45))
          sendCampaign(
            portal,
            rng,
            campaign.id,
            contact,
            campaign.createdAtMs + rng.int(2 * 60 * MINUTE),
            nowMs,
          );
      const submissions = rng.chance(0.4) ? 1 + rng.int(3) : 0;
      for (let i = 0; i < submissions; i++) {
        const form = rng.pick(forms);
        portal.forms.submit({
          formGuid: form.guid,
          submittedAt: when(),
          pageUrl: rng.pick(sitePages)[0],
          values: [
            { name: "email", value: email },
            { name: "firstname", value: contact.properties.firstname ?? "" },
            { name: "lastname", value: contact.properties.lastname ?? "" },
          ],
        });
      }
    }
    seedWebActivity(portal, rng, contact.id, when, nowMs);
    if (rng.chance(0.08)) seedTickets(portal, rng, contact.id, when);
    refreshContactRollups(portal, contact.id, quiet(nowMs));
  }
}

/** SENT, then DELIVERED (or a BOUNCE), then perhaps opens, clicks and an unsubscribe; none after now. */
function sendCampaign(
  portal: SandboxPortal,
  rng: Prng,
  campaignId: number,
  contact: StoredRecord,
  sentAt: number,
  nowMs: number,
) {
  const { email = "", city, state, country } = contact.properties;
  const add = (type: string, created: number, url?: string) => {
    if (created <= nowMs)
      portal.emailEvents.append({
        campaignId,
        recipient: email,
        type,
        created,
        details: { ...emailEventExtrasOf(type, { city, state, country }, url) },
      });
  };
  add("SENT", sentAt);
  if (rng.chance(0.03)) return add("BOUNCE", sentAt + 5_000);
  add("DELIVERED", sentAt + 5_000);
  if (rng.chance(0.35)) {
    const opens = 1 + rng.int(3);
    let t = sentAt + 10 * MINUTE + rng.int(3 * DAY);
    for (let i = 0; i < opens; i++, t += rng.int(DAY)) add("OPEN", t);
    if (rng.chance(0.3)) add("CLICK", t + rng.int(5 * MINUTE), rng.pick(sitePages)[0]);
  }
  if (rng.chance(0.01)) add("STATUSCHANGE", sentAt + DAY);
}

/** Sessions of one to four page views, a few minutes apart; CTA clicks, ad interactions, custom events. */
function seedWebActivity(
  portal: SandboxPortal,
  rng: Prng,
  contactId: number,
  when: () => number,
  nowMs: number,
) {
  const add = (eventType: string, occurredAt: number, properties: Record<string, string>) => {
    if (occurredAt <= nowMs)
      portal.webEvents.append({
        eventType,
        objectType: "contacts",
        objectId: contactId,
        occurredAt,
        properties,
      });
  };
  const sessions = Math.floor(rng.next() ** 1.5 * 6);
  for (let i = 0; i < sessions; i++) {
    let t = when();
    for (let views = 1 + rng.int(4); views > 0; views--, t += MINUTE + rng.int(5 * MINUTE)) {
      const [url, title] = rng.pick(sitePages);
      add(PAGE_VIEW, t, pageViewProperties(url, title));
    }
  }
  for (let i = rng.chance(0.2) ? 1 + rng.int(2) : 0; i > 0; i--) {
    const [url] = rng.pick(sitePages);
    add(CTA_CLICK, when(), ctaClickProperties(rng.pick(ctaNames), url));
  }
  for (let i = rng.chance(0.15) ? 1 + rng.int(2) : 0; i > 0; i--) {
    const [network, campaign, ad] = rng.pick(adCampaigns);
    add(
      AD_INTERACTION,
      when(),
      adInteractionProperties(network, campaign, ad, rng.chance(0.7) ? "CLICK" : "VIEW"),
    );
  }
  for (let i = rng.chance(0.1) ? 1 + rng.int(3) : 0; i > 0; i--) {
    const [label, options] = rng.pick(customEvents);
    const properties = Object.fromEntries(
      Object.entries(options).map(([name, values]) => [name, rng.pick(values)]),
    );
    add(customEventType(portal.portalId, label), when(), properties);
  }
}

/** One or two tickets on the contact and, as HubSpot's help desk does, its primary company. */
function seedTickets(portal: SandboxPortal, rng: Prng, contactId: number, when: () => number) {
  const primary = portal.associations
    .targets("contacts", contactId, "companies", 0, 50)
    .find((t) => t.associationTypes.some((a) => a.label === "Primary"))?.toObjectId;
  for (let i = 1 + rng.int(2); i > 0; i--) {
    const createdAtMs = when();
    const ticket = portal.records.create(
      "tickets",
      {
        subject: rng.pick(ticketSubjects),
        hs_pipeline: "0",
        hs_pipeline_stage: rng.pick(ticketStages),
        hs_ticket_priority: rng.pick(ticketPriorities),
        hs_ticket_category: rng.pick(ticketCategories),
      },
      { ...quiet(createdAtMs), createdAtMs },
    );
    portal.associations.associate(
      { fromType: "tickets", fromId: ticket.id, toType: "contacts", toId: contactId },
      quiet(createdAtMs),
    );
    if (primary !== undefined)
      portal.associations.associate(
        { fromType: "tickets", fromId: ticket.id, toType: "companies", toId: primary, label: "Primary" },
        quiet(createdAtMs),
      );
  }
}
