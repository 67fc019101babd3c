import nock from "nock";
import { describe, expect, it } from "vitest";
import { useAdminApp } from "../fixtures/admin/use-admin-app.js";
import { HUBSPOT } from "../fixtures/hubspot/create-test-crm-client.js";
import { buildBatchRead, buildRecord } from "../fixtures/hubspot/crm-payloads.js";
import { allowOnlyLocalhost } from "../support/allow-only-localhost.js";

// GET /api/portals/:portalId/records/:objectType/names?ids= (docs/decisions.md §Records by name): the names
// the admin page's panels show instead of ids, one batch read per 100 records, HubSpot played by nock.

const PORTAL = 62515;
allowOnlyLocalhost();
const admin = useAdminApp([PORTAL]);

const names = (path: string) => admin.get(`/portals/${PORTAL}/records${path}`);

type BatchReadBody = { inputs: { id: string }[]; properties: string[] };

describe("record names", () => {
  it("names contacts by full name, else email, leaving out those HubSpot no longer has", async () => {
    const scope = nock(HUBSPOT)
      .post(
        "/crm/v3/objects/contacts/batch/read",
        (body: BatchReadBody) =>
          body.inputs.map((i) => i.id).join() === "7,8,9" &&
          body.properties.join() === "email,firstname,lastname",
      )
      .reply(
        200,
        buildBatchRead([
          buildRecord("7", { email: "ada@example.com", firstname: "Ada", lastname: "Lovelace" }),
          buildRecord("8", { email: "grace@example.com", firstname: null, lastname: null }),
        ]),
      );
    const res = await names("/contacts/names?ids=7,8,9,7");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      portalId: PORTAL,
      objectType: "contacts",
      records: [
        { id: "7", name: "Ada Lovelace", label: "Ada Lovelace · ada@example.com" },
        { id: "8", name: "grace@example.com", label: "grace@example.com" },
      ],
    });
    scope.done();
  });

  it("reads 150 deals in two batch reads, not one call per record", async () => {
    const ids = Array.from({ length: 150 }, (_, i) => String(1000 + i));
    const answer = (body: BatchReadBody) =>
      buildBatchRead(body.inputs.map(({ id }) => buildRecord(id, { dealname: `Deal ${id}` })));
    const scope = nock(HUBSPOT)
      .post("/crm/v3/objects/deals/batch/read", (body: BatchReadBody) => body.inputs.length === 100)
      .reply(200, (_uri, body) => answer(body as BatchReadBody))
      .post("/crm/v3/objects/deals/batch/read", (body: BatchReadBody) => body.inputs.length === 50)
      .reply(200, (_uri, body) => answer(body as BatchReadBody));
    const res = await names(`/deals/names?ids=${ids.join(",")}`);
    expect(res.body.records).toHaveLength(150);
    expect(res.body.records[149]).toEqual({ id: "1149", name: "Deal 1149", label: "Deal 1149" });
    scope.done();
  });

  it("refuses ids that are not record ids, or more than 200 at once, with 400 naming ids", async () => {
    const bad = await names("/companies/names?ids=1,abc");
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "invalid_input", path: "ids" });
    const many = await names(
      `/companies/names?ids=${Array.from({ length: 201 }, (_, i) => i + 1).join(",")}`,
    );
    expect(many.status).toBe(400);
    expect(many.body.error.message).toContain("at most 200 record ids");
  });
});
