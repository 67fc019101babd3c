import { Keyv } from "keyv";
import nock from "nock";
import { afterEach, beforeAll, expect, it } from "vitest";
import { createKeyvScoreStore } from "../../../src/adapters/stores/keyv-score-store.js";
import { createKeyvSourceStatusStore } from "../../../src/adapters/stores/keyv-source-status-store.js";
import { describeEventTypes } from "../../../src/app/pickers/describe-event-types.js";
import { createPortalProperties } from "../../../src/app/pickers/portal-properties.js";
import { createTestCrmClient, HUBSPOT } from "../../fixtures/hubspot/create-test-crm-client.js";
import { createDummyInstallation, createMemoryInstallationStore, T0 } from "../../fixtures/installation.js";

// Whether a rule's events reach the app, as the builder's event type picker says it
// (docs/decisions.md §Builder pickers), as GET /sources says it (§Sources status): granted scopes
// first, then the problem the loaders last recorded of the source.

const PORTAL = 62515;
beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

it("marks a type unavailable with the problem last recorded of its source, and available again once it is forgotten", async () => {
  const scope = nock(HUBSPOT)
    .persist()
    .get(/^\/crm\/v3\/properties\/\w+\?archived=false$/)
    .reply(200, { results: [] });
  const installations = createMemoryInstallationStore();
  await installations.save(
    createDummyInstallation({ portalId: PORTAL, scopes: ["crm.objects.contacts.read", "sales-email-read"] }),
  );
  const sourceStatus = createKeyvSourceStatusStore(new Keyv());
  const { client } = createTestCrmClient();
  const deps = {
    installations,
    scores: createKeyvScoreStore(new Keyv()),
    sourceStatus,
    properties: createPortalProperties({ crmFor: () => client, now: () => T0 }),
  };
  await sourceStatus.recordProblem(PORTAL, "calls", {
    kind: "failing",
    message: "HubSpot answered 500",
    atMs: T0,
  });
  const byType = async () => new Map((await describeEventTypes(deps, PORTAL)).map((t) => [t.type, t]));

  const before = await byType();
  expect(before.get("call")).toMatchObject({
    available: false,
    reason: expect.stringContaining("HubSpot answered 500"),
  });
  expect(before.get("email")).toMatchObject({ available: true });
  expect(before.get("meeting")).toMatchObject({ available: true });

  await sourceStatus.recordSuccess(PORTAL, "calls");
  expect((await byType()).get("call")).toMatchObject({ available: true });
  scope.persist(false);
});
