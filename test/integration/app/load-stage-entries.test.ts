import { Keyv } from "keyv";
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createKeyvStageEntryStore } from "../../../src/adapters/stores/keyv-stage-entry-store.js";
import { loadStageEntries } from "../../../src/app/performance/load-stage-entries.js";
import { createTestCrmClient, HUBSPOT } from "../../fixtures/hubspot/create-test-crm-client.js";
import { buildBatchRead, buildRecord } from "../../fixtures/hubspot/crm-payloads.js";
import { T0 } from "../../fixtures/installation.js";

// Lifecycle dates kept per portal (docs/decisions.md §Score performance): a second look reads HubSpot only
// for records whose "not yet" is a day old, or whose date is 30 days old.

const DAY = 86_400_000;
const PORTAL = 62515;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

/** HubSpot: contact 1 entered "customer" at `customerAt`, 2 never did; the ids asked are recorded per call. */
function hubspot(customerAt: string, asked: string[][]) {
  return nock(HUBSPOT)
    .persist()
    .post("/crm/v3/objects/contacts/batch/read")
    .reply(200, (_uri, raw) => {
      const ids = (raw as { inputs: { id: string }[] }).inputs.map((i) => i.id);
      asked.push(ids);
      return buildBatchRead(
        ids.map((id) => buildRecord(id, { hs_v2_date_entered_customer: id === "1" ? customerAt : null })),
      );
    });
}

describe("loadStageEntries", () => {
  it("keeps what HubSpot said and reads again only what may have changed", async () => {
    const { client } = createTestCrmClient();
    const store = createKeyvStageEntryStore(new Keyv());
    const asked: string[][] = [];
    hubspot("2026-11-01T00:00:00.000Z", asked);
    const at = (nowMs: number) => ({ crm: client, store, nowMs, portalId: PORTAL });

    const first = await loadStageEntries(at(T0), "contacts", ["1", "2"], "customer");
    expect([...first]).toEqual([
      ["1", Date.UTC(2026, 10, 1)],
      ["2", null],
    ]);
    // Within the day: nothing asked of HubSpot.
    const again = await loadStageEntries(at(T0 + DAY - 1), "contacts", ["1", "2"], "customer");
    expect([...again]).toEqual([...first]);
    // A day on, the contact that had not entered the stage is asked again; 30 days on, both.
    await loadStageEntries(at(T0 + DAY), "contacts", ["1", "2"], "customer");
    await loadStageEntries(at(T0 + 30 * DAY), "contacts", ["1", "2"], "customer");
    expect(asked).toEqual([["1", "2"], ["2"], ["1", "2"]]);
    // Another portal's or another stage's dates are its own.
    expect((await store.get(PORTAL, "contacts", "lead", ["1"])).size).toBe(0);
    await store.deletePortal(PORTAL);
    expect((await store.get(PORTAL, "contacts", "customer", ["1", "2"])).size).toBe(0);
  });
});
