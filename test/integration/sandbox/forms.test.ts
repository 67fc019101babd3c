import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  SANDBOX_EPOCH_MS,
  startTestSandbox,
  type TestSandbox,
} from "../../fixtures/sandbox/start-test-sandbox.js";

// GET /marketing/v3/forms and /form-integrations/v1/submissions/forms/{guid} (docs/hubspot.md §Form submissions)
// against submissions written through /__sandbox/form-submissions, as `submit-form` does.

let s: TestSandbox;
const at = (minutes: number) => SANDBOX_EPOCH_MS - 600 * 60_000 + minutes * 60_000;

beforeEach(async () => {
  s = await startTestSandbox({ seed: "none" });
});
afterEach(() => s.close());

const get = (path: string, token = s.token) =>
  s.call("GET", path, undefined, { authorization: `Bearer ${token}` });
const submit = async (body: Record<string, unknown>) => {
  const answer = await s.call("POST", "/__sandbox/form-submissions", body);
  expect(answer.status, answer.text).toBe(201);
  return answer.json;
};

describe("GET /marketing/v3/forms", () => {
  it("lists forms in pages with paging.next.after, none when archived=true", async () => {
    for (const name of ["Contact us", "Newsletter", "Ebook"])
      expect((await s.call("POST", "/__sandbox/forms", { name })).status).toBe(201);
    const first = await get("/marketing/v3/forms?limit=2");
    expect(first.status).toBe(200);
    expect(first.json.results.map((f: { name: string }) => f.name)).toEqual(["Contact us", "Newsletter"]);
    expect(first.json.results[0]).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      formType: "hubspot",
      archived: false,
      fieldGroups: [{ fields: expect.arrayContaining([expect.objectContaining({ name: "email" })]) }],
    });
    const second = await get(`/marketing/v3/forms?limit=2&after=${first.json.paging.next.after}`);
    expect(second.json.results.map((f: { name: string }) => f.name)).toEqual(["Ebook"]);
    expect(second.json.paging).toBeUndefined();
    expect((await get("/marketing/v3/forms?archived=true")).json.results).toEqual([]);
    expect((await get("/marketing/v3/forms?limit=51")).status).toBe(400);
  });

  it("refuses a token without the forms scope", async () => {
    const refused = await get("/marketing/v3/forms", await s.issueToken(["oauth", "content"]));
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ category: "MISSING_SCOPES" });
  });
});

describe("GET /form-integrations/v1/submissions/forms/{guid}", () => {
  it("answers a form's submissions newest first, 20 a page by default, paged with after", async () => {
    const form = (await s.call("POST", "/__sandbox/forms", { name: "Contact us – sales" })).json;
    const contact = (
      await s.call("POST", "/__sandbox/records/contacts", {
        properties: { email: "ada@acme.test", firstname: "Ada" },
      })
    ).json.id;
    for (let i = 0; i < 23; i++)
      await submit({
        contact,
        formId: form.guid,
        submittedAt: at(i),
        pageUrl: `https://acme.test/p${i}`,
        values: { firstname: "Ada" },
      });
    const first = await get(`/form-integrations/v1/submissions/forms/${form.guid}`);
    expect(first.json.results).toHaveLength(20);
    expect(first.json.results[0]).toEqual({
      conversionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      submittedAt: at(22),
      pageUrl: "https://acme.test/p22",
      values: [
        { name: "email", value: "ada@acme.test" },
        { name: "firstname", value: "Ada" },
      ],
    });
    const next = first.json.paging.next;
    expect(next.link).toContain(`after=`);
    const second = await get(`/form-integrations/v1/submissions/forms/${form.guid}?after=${next.after}`);
    expect(second.json.results.map((r: { submittedAt: number }) => r.submittedAt)).toEqual([
      at(2),
      at(1),
      at(0),
    ]);
    expect(second.json.paging).toBeUndefined();
    expect(
      (await get(`/form-integrations/v1/submissions/forms/${form.guid}?limit=50`)).json.results,
    ).toHaveLength(23);
    expect((await get(`/form-integrations/v1/submissions/forms/${form.guid}?limit=51`)).status).toBe(400);
    expect((await get(`/form-integrations/v1/submissions/forms/${form.guid}?limit=0`)).status).toBe(400);
    expect((await get("/form-integrations/v1/submissions/forms/no-such-form")).status).toBe(404);
  });

  it("keeps the contact's conversion roll-ups: count, first and recent date and form name", async () => {
    const [sales, demo] = [
      (await s.call("POST", "/__sandbox/forms", { name: "Contact us – sales" })).json,
      (await s.call("POST", "/__sandbox/forms", { name: "Contact us – demo" })).json,
    ];
    await submit({ contact: "new.lead@acme.test", formId: sales.guid, submittedAt: at(5) });
    const answer = await submit({ contact: "NEW.LEAD@acme.test", formId: demo.guid, submittedAt: at(9) });
    expect(answer.rollups).toEqual({
      num_conversion_events: "2",
      first_conversion_date: new Date(at(5)).toISOString(),
      first_conversion_event_name: "Contact us – sales",
      recent_conversion_date: new Date(at(9)).toISOString(),
      recent_conversion_event_name: "Contact us – demo",
    });
    const changes = (await s.call("GET", "/__sandbox/changes?limit=1000")).json.results;
    expect(changes).toContainEqual(
      expect.objectContaining({
        subscriptionType: "contact.creation",
        objectId: Number(answer.contactId),
        changeSource: "FORM",
      }),
    );
    expect(changes).toContainEqual(
      expect.objectContaining({
        propertyName: "num_conversion_events",
        propertyValue: "2",
        changeSource: "FORM",
      }),
    );
  });
});
