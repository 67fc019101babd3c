import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mockPipelineWorld, type PipelineWorld } from "../../fixtures/hubspot/mock-pipeline-world.js";
import { createDummyGenericEvent, T0 } from "../../fixtures/hubspot/webhook-payloads.js";
import { createContactLeadWorld } from "../../fixtures/pipeline/create-contact-lead-world.js";
import { startPipelineApp } from "../../fixtures/pipeline/start-pipeline-app.js";
import { contactLead } from "../../fixtures/pipeline-definitions.js";
import { allowOnlyLocalhost } from "../../support/allow-only-localhost.js";

// docs/scoring.md §Event types (ticket) through the pipeline: a signed ticket webhook reaches the ticket's
// contact through the association, whose score then counts the ticket at its createdate.

const PORTAL = 62515;
const clock = { nowMs: T0 };
let world: PipelineWorld;
let app: Awaited<ReturnType<typeof startPipelineApp>>;

const supportGroup = {
  name: "Support",
  kind: "engagement",
  rules: [
    {
      event: "ticket",
      where: [{ property: "hs_ticket_priority", operator: "eq", value: "HIGH" }],
      points: 7,
    },
  ],
};
const ticketChange = (eventId: number, subscriptionType: string, propertyName?: string) =>
  createDummyGenericEvent({
    eventId,
    subscriptionType,
    objectTypeId: "0-5",
    objectId: 40,
    ...(propertyName ? { propertyName, propertyValue: "HIGH" } : {}),
  });

allowOnlyLocalhost();

beforeEach(async () => {
  clock.nowMs = T0;
  world = createContactLeadWorld(() => clock.nowMs, { "1": { jobtitle: "Intern" }, "2": {} });
  mockPipelineWorld(world);
  app = await startPipelineApp({
    portalId: PORTAL,
    definitions: [contactLead({ groups: [supportGroup] })],
    clock,
  });
});
afterEach(async () => {
  await app.close();
  nock.cleanAll();
});

describe("ticket webhooks", () => {
  it("rescore the ticket's contact: a new ticket, then its priority raised", async () => {
    world.objects.tickets = {
      "40": {
        createdate: new Date(T0 - 3_600_000).toISOString(),
        subject: "Cannot export",
        hs_ticket_priority: "LOW",
      },
    };
    world.associations.push(["contacts", "1", "tickets", "40"]);
    await app.deliver([ticketChange(1, "object.creation")]);
    await app.pipeline.worker.drain();
    expect(world.objects.contacts?.["1"]).toMatchObject({ ls_lead: "0", ls_lead_engagement: "0" });

    (world.objects.tickets["40"] as Record<string, string>).hs_ticket_priority = "HIGH";
    await app.deliver([ticketChange(2, "object.propertyChange", "hs_ticket_priority")]);
    await app.pipeline.worker.drain();
    expect(world.objects.contacts?.["1"]).toMatchObject({ ls_lead: "7", ls_lead_engagement: "7" });
    expect(world.objects.contacts?.["2"]?.ls_lead).toBeUndefined();
    expect(await app.inbox.counts()).toMatchObject({ done: 2, parked: 0 });
  });
});
