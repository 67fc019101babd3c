import nock from "nock";
import { describe, expect, it } from "vitest";
import { useAdminApp } from "../fixtures/admin/use-admin-app.js";
import { HUBSPOT } from "../fixtures/hubspot/create-test-crm-client.js";
import { buildErrorBody } from "../fixtures/hubspot/crm-payloads.js";
import { buildForm } from "../fixtures/hubspot/feed-payloads.js";
import { buildListSearchPage } from "../fixtures/hubspot/list-payloads.js";
import { buildProperty } from "../fixtures/hubspot/property-payloads.js";
import { allowOnlyLocalhost } from "../support/allow-only-localhost.js";

// The builder's pickers (docs/decisions.md §Builder pickers): properties by label with options,
// event types with their event properties and availability, lists by name; on a real server at
// port 0 with HubSpot played by nock.

const PORTAL = 62515;
allowOnlyLocalhost();
const admin = useAdminApp([PORTAL]);

const get = (path: string) => admin.get(`/portals/${PORTAL}${path}`);

const CONNECTED = "f240bbac-87c9-4f6e-bf70-924b57d47db7";
const callProperties = [
  buildProperty({
    name: "hs_call_disposition",
    label: "Call outcome",
    type: "enumeration",
    fieldType: "select",
    groupName: "callinformation",
    options: [
      { value: "73a0d17f-1163-4015-bdd5-ec830791da20", label: "No answer", displayOrder: 2, hidden: false },
      { value: CONNECTED, label: "Connected", displayOrder: 1, hidden: false },
      { value: "retired", label: "Retired outcome", displayOrder: 3, hidden: true },
    ],
  }),
  buildProperty({ name: "hs_call_duration", label: "Call duration", groupName: "callinformation" }),
  buildProperty({ name: "hs_internal_only", label: "Internal", hidden: true }),
];

describe("GET /properties/:objectType", () => {
  it("answers an object's visible properties by label, enumeration options in HubSpot's order, hidden ones left out", async () => {
    const scope = nock(HUBSPOT)
      .get("/crm/v3/properties/calls?archived=false")
      .reply(200, { results: callProperties });
    const res = await get("/properties/calls");
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        name: "hs_call_duration",
        label: "Call duration",
        type: "number",
        fieldType: "number",
        group: "callinformation",
        options: [],
      },
      {
        name: "hs_call_disposition",
        label: "Call outcome",
        type: "enumeration",
        fieldType: "select",
        group: "callinformation",
        options: [
          { value: CONNECTED, label: "Connected" },
          { value: "73a0d17f-1163-4015-bdd5-ec830791da20", label: "No answer" },
        ],
      },
    ]);
    scope.done();
  });

  it("keeps an object's properties 10 minutes, reads HubSpot again after them or on ?refresh=1", async () => {
    const scope = nock(HUBSPOT)
      .get("/crm/v3/properties/contacts?archived=false")
      .times(3)
      .reply(200, { results: [buildProperty({ name: "jobtitle", label: "Job Title", type: "string" })] });
    for (const path of ["/properties/contacts", "/properties/contacts"])
      expect((await get(path)).body).toHaveLength(1);
    expect(scope.pendingMocks()).toHaveLength(1);
    await get("/properties/contacts?refresh=1");
    admin.app().clock.nowMs += 10 * 60_000;
    await get("/properties/contacts");
    scope.done();
  });

  it("passes HubSpot's refusal on and asks again on the next request, not keeping the failure", async () => {
    const scope = nock(HUBSPOT)
      .get("/crm/v3/properties/deals?archived=false")
      .reply(403, buildErrorBody(403, "This app hasn't been granted all required scopes"))
      .get("/crm/v3/properties/deals?archived=false")
      .reply(200, { results: [buildProperty({ name: "amount", label: "Amount" })] });
    expect((await get("/properties/deals")).status).toBe(403);
    expect((await get("/properties/deals")).body).toMatchObject([{ name: "amount" }]);
    scope.done();
  });

  it("refuses an object a rule cannot read, naming the ones it can", async () => {
    const res = await get("/properties/widgets");
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/objectType.*contacts.*tasks/);
  });
});

describe("GET /event-types/:objectType", () => {
  it("lists every event type with labels; call outcomes by name; email and marketing sources unavailable with the reason", async () => {
    const scope = nock(HUBSPOT)
      .get("/crm/v3/properties/calls?archived=false")
      .reply(200, { results: callProperties });
    for (const object of ["meetings", "emails", "notes", "tasks"])
      scope.get(`/crm/v3/properties/${object}?archived=false`).reply(200, { results: [] });
    // Without the tickets scope HubSpot refuses their properties: tickets' conditions are typed, the rest picked.
    scope
      .get("/crm/v3/properties/tickets?archived=false")
      .reply(403, buildErrorBody(403, "This app hasn't been granted all required scopes"));
    scope
      .get("/marketing/v3/forms/")
      .query(true)
      .reply(200, { results: [buildForm("f-2", "Newsletter"), buildForm("f-1", "Demo request")] });
    const res = await get("/event-types/companies");
    expect(res.status).toBe(200);
    const byType = new Map(res.body.map((t: { type: string }) => [t.type, t]));
    expect([...byType.keys()]).toEqual([
      "meeting",
      "call",
      "email",
      "note",
      "task",
      "form_submission",
      "marketing_email_delivered",
      "marketing_email_open",
      "marketing_email_click",
      "marketing_email_bounce",
      "marketing_email_unsubscribe",
      "page_view",
      "cta_click",
      "ad_interaction",
      "ticket",
    ]);
    expect(byType.get("call")).toMatchObject({ label: "Call", source: "calls", available: true });
    expect(byType.get("ticket")).toMatchObject({ available: false, properties: [] });
    const outcome = (byType.get("call") as { properties: { name: string }[] }).properties.find(
      (p) => p.name === "hs_call_disposition",
    );
    expect(outcome).toMatchObject({
      options: [{ value: CONNECTED, label: "Connected" }, { label: "No answer" }],
    });
    // createDummyInstallation grants crm.objects.contacts.read and oauth only.
    expect(byType.get("email")).toMatchObject({
      available: false,
      reason: expect.stringContaining("sales-email-read"),
    });
    // Form names come from the portal's forms, by name; a form_id condition shows the name, keeps the id.
    expect(byType.get("form_submission")).toMatchObject({
      available: false,
      properties: expect.arrayContaining([
        expect.objectContaining({
          name: "form_name",
          label: "Form name",
          options: [
            { value: "Demo request", label: "Demo request" },
            { value: "Newsletter", label: "Newsletter" },
          ],
        }),
        expect.objectContaining({
          name: "form_id",
          options: [
            { value: "f-1", label: "Demo request" },
            { value: "f-2", label: "Newsletter" },
          ],
        }),
      ]),
    });
    expect(byType.get("marketing_email_click")).toMatchObject({
      properties: expect.arrayContaining([expect.objectContaining({ name: "url" })]),
    });
    scope.done();
  });
  it("leaves form names to be typed when the portal refuses its forms, and does not ask again within 10 minutes", async () => {
    const scope = nock(HUBSPOT)
      .persist()
      .get(/^\/crm\/v3\/properties\/\w+\?archived=false$/)
      .reply(200, { results: [] });
    const forms = nock(HUBSPOT)
      .get("/marketing/v3/forms/")
      .query(true)
      .reply(403, buildErrorBody(403, "This app hasn't been granted all required scopes"))
      // Would name a form if the refusal were asked again.
      .get("/marketing/v3/forms/")
      .query(true)
      .reply(200, { results: [buildForm("f-1", "Demo request")] });
    for (let i = 0; i < 2; i++) {
      const res = await get("/event-types/contacts");
      expect(res.status).toBe(200);
      const form = res.body.find((t: { type: string }) => t.type === "form_submission");
      expect(form.properties.every((p: { options: unknown[] }) => p.options.length === 0)).toBe(true);
    }
    expect(forms.pendingMocks()).toHaveLength(1);
    scope.persist(false);
  });
});

describe("GET /lists", () => {
  it("answers the portal's lists of one object by name, with their sizes, for a part of the name", async () => {
    const scope = nock(HUBSPOT)
      .post("/crm/v3/lists/search", { query: "customer", offset: 0, count: 100 })
      .reply(
        200,
        buildListSearchPage(
          [
            { listId: "12", name: "Customers (EMEA)", size: 40 },
            { listId: "7", name: "customer companies", size: 3, objectTypeId: "0-2" },
            { listId: "9", name: "Churned customers", size: 5 },
          ],
          { offset: 3, hasMore: false, total: 3 },
        ),
      );
    const res = await get("/lists?q=customer&objectType=contacts");
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { id: "9", name: "Churned customers", objectType: "contacts", size: 5 },
      { id: "12", name: "Customers (EMEA)", objectType: "contacts", size: 40 },
    ]);
    scope.done();
  });
});
