import { expect, it } from "vitest";
import { type DoorTarget, tinyWorld } from "./tiny-world.js";

// The door's portal-wide feeds in the contract (docs/hubspot.md §Marketing email events, §Form submissions; src/ports/crm-feeds.ts): the
// email events log (inclusive timestamps, newest first, the opaque offset, one recipient), email
// campaigns, forms and their submissions (newest first, `after`), and contacts by email. The clock
// moves a second between events so each has its own instant.

const { alice, bob } = tinyWorld.contacts;

export function defineFeedCases(target: () => DoorTarget): void {
  async function logFourEvents(t: DoorTarget) {
    const campaignId = await t.createEmailCampaign({ name: "November newsletter", subject: "What's new" });
    const sent = [];
    for (const event of [
      { recipient: alice.email, campaignId, type: "DELIVERED" },
      { recipient: alice.email, campaignId, type: "OPEN" },
      { recipient: alice.email, campaignId, type: "CLICK", url: "https://acme.test/pricing" },
      { recipient: bob.email, campaignId, type: "DELIVERED" },
    ]) {
      sent.push({ ...event, ...(await t.sendMarketingEmailEvent(event)) });
      await t.advanceClock(1_000);
    }
    return { campaignId, sent };
  }

  it("reads the email events log newest first between inclusive timestamps, a page at a time by its offset", async () => {
    const t = target();
    const { campaignId, sent } = await logFourEvents(t);
    const [delivered, open, click, bobDelivered] = sent.map((s) => ({
      id: s.id,
      created: s.created,
      type: s.type,
      recipient: s.recipient,
      emailCampaignId: campaignId,
      url: s.url ?? null,
      subscriptionChange: null,
    }));
    const between = await t.client.readMarketingEmailEvents(
      { startMs: open?.created ?? 0, endMs: click?.created ?? 0 },
      null,
    );
    expect(between).toEqual({ events: [click, open], offset: null });

    const all = { startMs: delivered?.created ?? 0, endMs: bobDelivered?.created ?? 0, limit: 2 };
    const first = await t.client.readMarketingEmailEvents(all, null);
    expect(first.events).toEqual([bobDelivered, click]);
    expect(first.offset).toEqual(expect.any(String));
    const second = await t.client.readMarketingEmailEvents(all, first.offset);
    expect(second).toEqual({ events: [open, delivered], offset: null });
  });

  it("reads one recipient's email events, and tells an unsubscribe apart", async () => {
    const t = target();
    const { campaignId, sent } = await logFourEvents(t);
    const unsubscribed = await t.sendMarketingEmailEvent({
      recipient: bob.email,
      campaignId,
      type: "STATUSCHANGE",
      portalSubscriptionStatus: "UNSUBSCRIBED",
    });
    const page = await t.client.readMarketingEmailEvents(
      { startMs: 0, endMs: unsubscribed.created, recipient: bob.email },
      null,
    );
    expect(page.events.map((e) => [e.type, e.id, e.subscriptionChange])).toEqual([
      ["STATUSCHANGE", unsubscribed.id, "UNSUBSCRIBED"],
      ["DELIVERED", sent[3]?.id, null],
    ]);
  });

  it("reads an email campaign's name and subject once, and no campaign for an id the portal lacks", async () => {
    const t = target();
    const id = await t.createEmailCampaign({ name: "Webinar invite", subject: "Join us on Friday" });
    const campaign = { id, name: "Webinar invite", subject: "Join us on Friday" };
    expect(await t.client.readEmailCampaign(id)).toEqual(campaign);
    expect(await t.client.readEmailCampaign(id)).toEqual(campaign);
    expect(await t.calls(`GET /email/public/v1/campaigns/${id}`)).toBe(1);
    expect(await t.client.readEmailCampaign("987654321")).toBeNull();
  });

  it("lists forms and reads a form's submissions newest first, a page at a time by `after`", async () => {
    const t = target();
    const contactUs = await t.createForm("Contact us");
    const newsletter = await t.createForm("Newsletter");
    const listed = await t.client.listForms(null);
    expect(listed.forms).toEqual(
      expect.arrayContaining([
        { id: contactUs, name: "Contact us" },
        { id: newsletter, name: "Newsletter" },
      ]),
    );
    expect(listed.after).toBeNull();

    const submitted = [];
    for (const [email, pageUrl] of [
      [alice.email, "https://acme.test/contact"],
      [bob.email, "https://acme.test/pricing"],
      ["", "https://acme.test/contact"],
    ] as const) {
      const values: Record<string, string> = email ? { email, firstname: "X" } : { firstname: "Anonymous" };
      submitted.push({
        ...(await t.submitForm(contactUs, { pageUrl, values })),
        pageUrl,
        email: email || null,
      });
      await t.advanceClock(1_000);
    }
    const first = await t.client.readFormSubmissions(contactUs, null, 2);
    expect(first.submissions).toEqual([submitted[2], submitted[1]]);
    expect(first.after).toEqual(expect.any(String));
    expect(await t.client.readFormSubmissions(contactUs, first.after, 2)).toEqual({
      submissions: [submitted[0]],
      after: null,
    });
    expect(await t.client.readFormSubmissions(newsletter, null)).toEqual({ submissions: [], after: null });
  });

  it("finds contacts by email in any case, leaves an unknown address out, and follows a changed email", async () => {
    const t = target();
    const ids = t.ids.contacts;
    expect(
      await t.client.findContactIdsByEmail(["ALICE@acme.test", bob.email, "nobody@acme.test", bob.email]),
    ).toEqual(
      new Map([
        [alice.email, [ids.alice]],
        [bob.email, [ids.bob]],
      ]),
    );
    await t.client.updateRecords("contacts", [{ id: ids.alice, properties: { email: "alice@new.test" } }]);
    expect(await t.client.findContactIdsByEmail([alice.email, "alice@new.test"])).toEqual(
      new Map([["alice@new.test", [ids.alice]]]),
    );
    expect(await t.client.findContactIdsByEmail([])).toEqual(new Map());
  });
}
