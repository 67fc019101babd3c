import nock from "nock";
import { describe, expect, it } from "vitest";
import { useAdminApp } from "../fixtures/admin/use-admin-app.js";
import { HUBSPOT } from "../fixtures/hubspot/create-test-crm-client.js";
import { buildBatchRead, buildRecord } from "../fixtures/hubspot/crm-payloads.js";
import { buildSearchPage } from "../fixtures/hubspot/search-payloads.js";
import { allowOnlyLocalhost } from "../support/allow-only-localhost.js";

// GET /api/portals/:portalId/records/:objectType/search?q= (docs/decisions.md §Test a record search, "Test a
// record: find it by email, name or id"), on a real server at port 0 with HubSpot played by nock.

const PORTAL = 62515;
allowOnlyLocalhost();
const admin = useAdminApp([PORTAL]);

const search = (path: string, token?: string | null) => admin.get(`/portals${path}`, token);

describe("record search", () => {
  it("answers CRM search's matches with a label a person recognises, a full name's match first", async () => {
    const properties = ["email", "firstname", "lastname"];
    const name = (firstname: string, lastname: string) => ({
      filters: [
        { propertyName: "firstname", operator: "EQ", value: firstname },
        { propertyName: "lastname", operator: "EQ", value: lastname },
      ],
    });
    const scope = nock(HUBSPOT)
      .post("/crm/v3/objects/contacts/search", { query: "ada lovelace", properties, limit: 10 })
      .reply(
        200,
        buildSearchPage([
          buildRecord("8", { email: null, firstname: null, lastname: null }),
          buildRecord("7", { email: "ada@example.com", firstname: "Ada", lastname: "Lovelace" }),
        ]),
      )
      // CRM search's query matches one property at a time: the full name is asked with filter groups
      // (ORed), the words as first and last name either way round.
      .post("/crm/v3/objects/contacts/search", {
        filterGroups: [name("ada", "lovelace"), name("lovelace", "ada")],
        properties,
        limit: 10,
      })
      .reply(
        200,
        buildSearchPage([
          buildRecord("7", { email: "ada@example.com", firstname: "Ada", lastname: "Lovelace" }),
        ]),
      );
    const res = await search(`/${PORTAL}/records/contacts/search?q=${encodeURIComponent("  ada lovelace ")}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ portalId: PORTAL, objectType: "contacts", query: "ada lovelace" });
    expect(res.body.records).toEqual([
      {
        id: "7",
        label: "Ada Lovelace · ada@example.com",
        properties: expect.objectContaining({ email: "ada@example.com" }),
      },
      { id: "8", label: "contacts 8 (no name)", properties: expect.any(Object) },
    ]);
    scope.done();
  });

  it("reads a query of digits as a record id too, listing that record first and once", async () => {
    const scope = nock(HUBSPOT)
      .post("/crm/v3/objects/companies/batch/read", (body) => body.inputs[0].id === "4242")
      .reply(200, buildBatchRead([buildRecord("4242", { name: "Acme", domain: "acme.test" })]))
      .post("/crm/v3/objects/companies/search", { query: "4242", properties: ["name", "domain"], limit: 10 })
      .reply(
        200,
        buildSearchPage([
          buildRecord("9", { name: "Phone 4242 Ltd", domain: null }),
          buildRecord("4242", { name: "Acme", domain: "acme.test" }),
        ]),
      );
    const res = await search(`/${PORTAL}/records/companies/search?q=4242`);
    expect(res.body.records.map((r: { id: string; label: string }) => [r.id, r.label])).toEqual([
      ["4242", "Acme · acme.test"],
      ["9", "Phone 4242 Ltd"],
    ]);
    scope.done();
  });

  it("refuses an empty query or an object a score cannot be for with 400, naming the field", async () => {
    const empty = await search(`/${PORTAL}/records/contacts/search?q=%20`);
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ code: "invalid_input", path: "q" });
    const meetings = await search(`/${PORTAL}/records/meetings/search?q=ada`);
    expect(meetings.status).toBe(400);
    expect(meetings.body.error).toMatchObject({ code: "invalid_input", path: "objectType" });
  });

  it("answers 401 without a token and 404 for a portal that is not installed", async () => {
    expect((await search(`/${PORTAL}/records/contacts/search?q=ada`, null)).status).toBe(401);
    expect((await search("/777/records/contacts/search?q=ada")).status).toBe(404);
  });

  it("is listed in /api/openapi.json with its query parameter", async () => {
    const doc = (await admin.get("/openapi.json")).body as {
      paths: Record<string, { get?: { parameters?: { name: string; in: string }[] } }>;
    };
    const route = doc.paths["/portals/{portalId}/records/{objectType}/search"]?.get;
    expect(route?.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(["path:portalId", "path:objectType", "query:q"]),
    );
  });
});
