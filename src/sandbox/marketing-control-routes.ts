import { Router } from "express";
import { z } from "zod";
import { emailEventToWire } from "./email-event-details.js";
import type { EmailCampaign } from "./email-event-repo.js";
import { defaultFormFields } from "./form-repo.js";
import { HubSpotError, validationError } from "./hubspot-error.js";
import { parseBody } from "./parse-body.js";
import {
  contactOf,
  instantOf,
  recordEmailEvent,
  recordFormSubmission,
  recordWebEvent,
} from "./record-marketing-activity.js";
import type { SandboxPortal } from "./sandbox-portal.js";
import { createWebEventInput, webEventKinds } from "./web-event-input.js";

// /__sandbox/* for the marketing and web sources (docs/decisions.md §Sandbox marketing and web sources):
// email campaigns and a contact's email events (delivered, opened, clicked, bounced, unsubscribed),
// forms and submissions, analytics events (page views, CTA clicks, ad interactions, custom events).
// Each answer shows what the app will see: the feed entries and the contact's roll-ups after it.

const ref = z.union([z.string().min(1), z.number()]);
const time = z.union([z.string(), z.number()]).optional();
const emailEventKinds = {
  DELIVERED: "DELIVERED",
  OPEN: "OPEN",
  CLICK: "CLICK",
  BOUNCE: "BOUNCE",
  UNSUBSCRIBE: "STATUSCHANGE",
} as const;

const newCampaign = z.object({ name: z.string().min(1), subject: z.string().min(1), sentAt: time });
const emailEvent = z.object({
  contact: ref,
  type: z.enum(Object.keys(emailEventKinds) as [keyof typeof emailEventKinds]),
  campaignId: ref.optional(),
  url: z.url().optional(),
  occurredAt: time,
});
const newForm = z.object({
  name: z.string().min(1),
  fields: z
    .array(
      z.object({
        name: z.string().min(1),
        label: z.string().min(1),
        fieldType: z.string().default("single_line_text"),
      }),
    )
    .optional(),
});
const submission = z.object({
  contact: ref,
  formId: z.string().min(1).optional(),
  pageUrl: z.url().optional(),
  values: z.record(z.string(), z.string()).optional(),
  submittedAt: time,
});
const webEvent = z.object({
  contact: ref,
  kind: z.enum(webEventKinds),
  /** A custom event's label (kind `custom`): the event is pe{portalId}_{label}. */
  label: z
    .string()
    .regex(/^[a-z0-9_]+$/, "lower-case letters, digits and _")
    .optional(),
  url: z.url().optional(),
  title: z.string().optional(),
  ctaName: z.string().optional(),
  network: z.string().optional(),
  campaignName: z.string().optional(),
  adName: z.string().optional(),
  properties: z.record(z.string(), z.string()).optional(),
  occurredAt: time,
});

const rollupsOf = (portal: SandboxPortal, contactId: number) => {
  const { properties } = portal.records.get("contacts", contactId) ?? { properties: {} };
  return Object.fromEntries(
    Object.entries(properties).filter(([name]) =>
      /^(hs_email_|hs_analytics_|num_conversion|recent_conversion|first_conversion)/.test(name),
    ),
  );
};

export function createMarketingControlRoutes(portal: SandboxPortal): Router {
  const router = Router();
  const now = () => portal.clock.nowMs();

  router.get(
    "/__sandbox/email-campaigns",
    (_req, res) => void res.json({ campaigns: portal.emailEvents.campaigns() }),
  );
  router.post("/__sandbox/email-campaigns", (req, res) => {
    const input = parseBody(newCampaign, req.body);
    res.status(201).json(
      portal.emailEvents.createCampaign({
        name: input.name,
        subject: input.subject,
        createdAtMs: instantOf(input.sentAt, now()),
      }),
    );
  });

  router.post("/__sandbox/email-events", (req, res) => {
    const input = parseBody(emailEvent, req.body);
    const contact = contactOf(portal, input.contact);
    const atMs = instantOf(input.occurredAt, now());
    const campaign = campaignFor(portal, input.campaignId, atMs);
    const events = recordEmailEvent(
      portal,
      { contact, campaign, type: emailEventKinds[input.type], atMs, url: input.url },
      now(),
    );
    res.status(201).json({
      contactId: String(contact.id),
      events: events.map((event) => emailEventToWire(event, campaign, portal.portalId)),
      rollups: rollupsOf(portal, contact.id),
    });
  });

  router.get("/__sandbox/forms", (_req, res) => void res.json({ forms: portal.forms.all() }));
  router.post("/__sandbox/forms", (req, res) => {
    const input = parseBody(newForm, req.body);
    res.status(201).json(
      portal.forms.create({
        name: input.name,
        fields: input.fields ?? defaultFormFields,
        createdAtMs: now(),
      }),
    );
  });

  router.post("/__sandbox/form-submissions", (req, res) => {
    const input = parseBody(submission, req.body);
    const form = input.formId
      ? portal.forms.get(input.formId)
      : (portal.forms.all()[0] ??
        portal.forms.create({ name: "Contact us", fields: defaultFormFields, createdAtMs: now() }));
    if (!form) throw new HubSpotError(404, "OBJECT_NOT_FOUND", `no form with id ${input.formId}`);
    const contact = submittingContact(portal, input.contact, now());
    const atMs = instantOf(input.submittedAt, now());
    const saved = recordFormSubmission(
      portal,
      {
        form,
        contact,
        atMs,
        pageUrl: input.pageUrl ?? "https://www.example.com/contact",
        values: input.values,
      },
      now(),
    );
    res.status(201).json({
      contactId: String(contact.id),
      formId: form.guid,
      formName: form.name,
      submission: saved,
      rollups: rollupsOf(portal, contact.id),
    });
  });

  router.post("/__sandbox/web-events", (req, res) => {
    const input = parseBody(webEvent, req.body);
    const contact = contactOf(portal, input.contact);
    const { eventType, properties } = createWebEventInput(portal.portalId, input);
    const event = recordWebEvent(
      portal,
      { contact, eventType, atMs: instantOf(input.occurredAt, now()), properties },
      now(),
    );
    res.status(201).json({ contactId: String(contact.id), event, rollups: rollupsOf(portal, contact.id) });
  });
  return router;
}

/** The given campaign; else the newest one sent by `atMs`; else a new "Sandbox newsletter". */
function campaignFor(portal: SandboxPortal, id: string | number | undefined, atMs: number): EmailCampaign {
  if (id !== undefined) {
    const campaign = /^\d+$/.test(String(id)) ? portal.emailEvents.campaign(Number(id)) : null;
    if (!campaign) throw new HubSpotError(404, "OBJECT_NOT_FOUND", `no email campaign with id ${id}`);
    return campaign;
  }
  return (
    portal.emailEvents.campaigns().find((c) => c.createdAtMs <= atMs) ??
    portal.emailEvents.createCampaign({
      name: "Sandbox newsletter",
      subject: "News from the sandbox",
      createdAtMs: atMs,
    })
  );
}

/** A form submitted with an address no contact has creates the contact, as HubSpot's forms do. */
function submittingContact(portal: SandboxPortal, ref: string | number, nowMs: number) {
  const text = String(ref).trim();
  try {
    return contactOf(portal, text);
  } catch (error) {
    if (!(error instanceof HubSpotError) || !text.includes("@")) throw error;
    if (!z.email().safeParse(text).success) throw validationError(`not an email address: ${text}`);
    return portal.records.create("contacts", { email: text.toLowerCase() }, { nowMs, changeSource: "FORM" });
  }
}
