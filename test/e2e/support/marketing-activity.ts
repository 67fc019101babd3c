import type { E2eApp } from "./start-e2e-app.js";

// Marketing and web activity in the sandbox portal, put there as a person's behaviour would (the
// /__sandbox/* control routes), and read back the way HubSpot publishes it: the email events log, each
// form's submissions and event analytics (docs/hubspot.md §Marketing email events, §Form submissions,
// §Event analytics). The end-to-end tests compute their
// expected scores from these reads by hand, never through the app's own loaders.

const dayMs = 86_400_000;

/** One occurrence as the portal publishes it, under the type docs/scoring.md §Event types gives it. */
export type PortalEvent = { type: string; occurredAtMs: number };

/** The portal's clock (the sandbox's), which the app scores at. */
export async function portalNow(app: E2eApp): Promise<number> {
  return (await app.sandbox.call<{ nowMs: number }>("GET", "/__sandbox/clock")).nowMs;
}

/**
 * A different mix of opens, clicks, form submissions, page views and CTA clicks for each contact, over
 * the last days; the first contact gets nothing, so an empty mix is covered too.
 */
export async function logMarketingActivity(app: E2eApp, contactIds: readonly string[]): Promise<void> {
  const nowMs = await portalNow(app);
  const ago = (days: number, hours = 0) => nowMs - days * dayMs - hours * 3_600_000;
  const post = (path: string, body: unknown) => app.sandbox.call("POST", path, body);
  for (const [i, contact] of contactIds.entries()) {
    if (i === 0) continue;
    for (let n = 0; n < i % 4; n++)
      await post("/__sandbox/email-events", { contact, type: "OPEN", occurredAt: ago(n + 1) });
    for (let n = 0; n < (i + 1) % 3; n++)
      await post("/__sandbox/email-events", {
        contact,
        type: "CLICK",
        url: "https://www.example.com/pricing",
        occurredAt: ago(n + 1, 1),
      });
    if (i % 2 === 0)
      await post("/__sandbox/form-submissions", {
        contact,
        pageUrl: "https://www.example.com/demo",
        submittedAt: ago(2),
      });
    for (let n = 0; n < i % 3; n++)
      await post("/__sandbox/web-events", {
        contact,
        kind: "page_view",
        url: `https://www.example.com/page-${n}`,
        title: `Page ${n}`,
        occurredAt: ago(n + 3),
      });
    for (let n = 0; n < (i + 2) % 3; n++)
      await post("/__sandbox/web-events", {
        contact,
        kind: "cta_click",
        ctaName: "Book a demo",
        url: "https://www.example.com/",
        occurredAt: ago(n + 4),
      });
  }
}

async function hubspotGet<T>(app: E2eApp, token: string, path: string): Promise<T> {
  const response = await fetch(`${app.running.sandboxUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const emailTypes: Record<string, string> = { OPEN: "marketing_email_open", CLICK: "marketing_email_click" };
const webTypes: Record<string, string> = { e_visited_page: "page_view", e_clicked_cta: "cta_click" };

/**
 * Every contact's form submissions, email opens and clicks, and (unless `eventAnalytics` is false: a
 * Professional portal answers 403) page views and CTA clicks in the portal.
 */
export async function readPortalMarketingEvents(
  app: E2eApp,
  { eventAnalytics = true } = {},
): Promise<Map<string, PortalEvent[]>> {
  const { accessToken: token } = await app.sandbox.call<{ accessToken: string }>(
    "POST",
    "/__sandbox/tokens",
    {},
  );
  const byContact = new Map<string, PortalEvent[]>();
  const add = (id: string, event: PortalEvent) => byContact.set(id, [...(byContact.get(id) ?? []), event]);

  type Contacts = {
    results: { id: string; properties: { email?: string | null } }[];
    paging?: { next?: { after: string } };
  };
  const byEmail = new Map<string, string[]>();
  let contactsAfter: string | undefined;
  do {
    const contacts: Contacts = await hubspotGet<Contacts>(
      app,
      token,
      `/crm/v3/objects/contacts?limit=100&properties=email${contactsAfter ? `&after=${contactsAfter}` : ""}`,
    );
    for (const c of contacts.results) {
      const email = c.properties.email?.toLowerCase();
      if (email) byEmail.set(email, [...(byEmail.get(email) ?? []), c.id]);
    }
    contactsAfter = contacts.paging?.next?.after;
  } while (contactsAfter);
  const addByEmail = (email: string, event: PortalEvent) => {
    for (const id of byEmail.get(email.toLowerCase()) ?? []) add(id, event);
  };

  type EmailEvents = {
    events: { type: string; recipient: string; created: number }[];
    hasMore: boolean;
    offset: string;
  };
  let offset: string | undefined;
  do {
    const query = `limit=1000${offset ? `&offset=${encodeURIComponent(offset)}` : ""}`;
    const page = await hubspotGet<EmailEvents>(app, token, `/email/public/v1/events?${query}`);
    for (const e of page.events) {
      const type = emailTypes[e.type];
      if (type) addByEmail(e.recipient, { type, occurredAtMs: e.created });
    }
    offset = page.hasMore ? page.offset : undefined;
  } while (offset);

  type Paged<T> = { results: T[]; paging?: { next?: { after: string } } };
  type Submission = { submittedAt: number; values: { name: string; value: string }[] };
  const forms: { id: string }[] = [];
  let formsAfter: string | undefined;
  do {
    const query = `limit=50${formsAfter ? `&after=${encodeURIComponent(formsAfter)}` : ""}`;
    const page = await hubspotGet<Paged<{ id: string }>>(app, token, `/marketing/v3/forms?${query}`);
    forms.push(...page.results);
    formsAfter = page.paging?.next?.after;
  } while (formsAfter);
  for (const form of forms) {
    let after: string | undefined;
    do {
      const query = `limit=50${after ? `&after=${encodeURIComponent(after)}` : ""}`;
      const page = await hubspotGet<Paged<Submission>>(
        app,
        token,
        `/form-integrations/v1/submissions/forms/${form.id}?${query}`,
      );
      for (const s of page.results) {
        const email = s.values.find((v) => v.name === "email")?.value;
        if (email) addByEmail(email, { type: "form_submission", occurredAtMs: s.submittedAt });
      }
      after = page.paging?.next?.after;
    } while (after);
  }

  if (!eventAnalytics) return byContact;
  type WebEvent = { objectId: string; eventType: string; occurredAt: string };
  let after: string | undefined;
  do {
    const query = `limit=100${after ? `&after=${encodeURIComponent(after)}` : ""}`;
    const page = await hubspotGet<Paged<WebEvent>>(app, token, `/events/v3/events?${query}`);
    for (const e of page.results) {
      const type = webTypes[e.eventType];
      if (type) add(e.objectId, { type, occurredAtMs: Date.parse(e.occurredAt) });
    }
    after = page.paging?.next?.after;
  } while (after);
  return byContact;
}
