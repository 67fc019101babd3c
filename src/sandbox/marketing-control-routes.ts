import { type Request, type Response, Router } from "express";
import { z } from "zod";
import { findContactIdByEmail } from "./compute-contact-rollups.js";
import { emailEventToWire } from "./email-event-details.js";
import { type EmailCampaign, emailEventTypes } from "./email-event-repo.js";
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
/** HubSpot's email event types, and UNSUBSCRIBE for the STATUSCHANGE an unsubscribe is. */
const emailEventTypeNames = [...emailEventTypes, "UNSUBSCRIBE"] as const;

const newCampaign = z.object({ name: z.string().min(1), subject: z.string().min(1), sentAt: time });
/** The recipient as a contact (id or email) or as a bare address. */
const emailEvent = z
  .object({
    contact: ref.optional(),
    recipient: z.email().optional(),
    type: z.enum(emailEventTypeNames),
    campaignId: ref.optional(),
    url: z.url().optional(),
    /** STATUSCHANGE: the recipient's portal-wide status afterwards, e.g. UNSUBSCRIBED. */
    portalSubscriptionStatus: z.string().min(1).optional(),
    occurredAt: time,
  })
  .refine(
    (e) => (e.contact === undefined) !== (e.recipient === undefined),
    "give contact or recipient, not both",
  );
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
/** The submitter as a contact (id or email: an unknown email becomes a contact), else `values` alone. */
const submission = z.object({
  contact: ref.optional(),
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
    const recipient = input.recipient ?? contactOf(portal, input.contact ?? "").properties.email;
    if (!recipient)
      throw validationError(`contact ${input.contact} has no email: marketing email reaches addresses`);
    const atMs = instantOf(input.occurredAt, now());
    const campaign = campaignFor(portal, input.campaignId, atMs);
    const type = input.type === "UNSUBSCRIBE" ? "STATUSCHANGE" : input.type;
    const events = recordEmailEvent(
      portal,
      {
        recipient,
        campaign,
        type,
        atMs,
        url: input.url,
        portalSubscriptionStatus: input.portalSubscriptionStatus,
      },
      now(),
    ).map((event) => emailEventToWire(event, campaign, portal.portalId));
    const contactId = findContactIdByEmail(portal, recipient);
    res.status(201).json({
      // The event asked for, as the feed answers it; before it, any it implied (its delivery).
      ...events.at(-1),
      events,
      contactId: contactId === null ? null : String(contactId),
      rollups: contactId === null ? {} : rollupsOf(portal, contactId),
    });
  });

  router.get("/__sandbox/forms", (_req, res) => void res.json({ forms: portal.forms.all() }));
  router.post("/__sandbox/forms", (req, res) => {
    const input = parseBody(newForm, req.body);
    const fields = input.fields ?? defaultFormFields;
    const form = portal.forms.create({ name: input.name, fields, createdAtMs: now() });
    res.status(201).json({ id: form.guid, ...form });
  });

  // A submission: the form in the path, or `formId` (else the portal's first form, made when none).
  const submit = (req: Request, res: Response) => {
    const input = parseBody(submission, req.body);
    const formId = req.params.formId === undefined ? input.formId : String(req.params.formId);
    const form = formId
      ? portal.forms.get(formId)
      : (portal.forms.all()[0] ??
        portal.forms.create({ name: "Contact us", fields: defaultFormFields, createdAtMs: now() }));
    if (!form) throw new HubSpotError(404, "OBJECT_NOT_FOUND", `no form with id ${formId}`);
    const email = input.values?.email;
    const contact =
      input.contact !== undefined || email
        ? submittingContact(portal, input.contact ?? email ?? "", now())
        : null;
    const saved = recordFormSubmission(
      portal,
      {
        form,
        contact,
        atMs: instantOf(input.submittedAt, now()),
        pageUrl: input.pageUrl ?? "https://www.example.com/contact",
        values: input.values,
      },
      now(),
    );
    res.status(201).json({
      conversionId: saved.conversionId,
      submittedAt: saved.submittedAt,
      contactId: contact ? String(contact.id) : null,
      formId: form.guid,
      formName: form.name,
      submission: saved,
      rollups: contact ? rollupsOf(portal, contact.id) : {},
    });
  };
  router.post("/__sandbox/form-submissions", submit);
  router.post("/__sandbox/forms/:formId/submissions", submit);

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
