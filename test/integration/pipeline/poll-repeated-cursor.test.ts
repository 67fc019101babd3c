import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mockPipelineWorld, type PipelineWorld } from "../../fixtures/hubspot/mock-pipeline-world.js";
import { T0 } from "../../fixtures/hubspot/webhook-payloads.js";
import { createContactLeadWorld } from "../../fixtures/pipeline/create-contact-lead-world.js";
import { startPipelineApp } from "../../fixtures/pipeline/start-pipeline-app.js";
import { contactLead } from "../../fixtures/pipeline-definitions.js";
import { allowOnlyLocalhost } from "../../support/allow-only-localhost.js";

// CRM search pages with a cursor (docs/hubspot.md §Rate limits and batching); one HubSpot (or a proxy) hands out twice ends the
// modified-records poll as an error instead of a loop at the search lane's whole budget
// (src/hubspot/paging-cursors.ts). The read is the real door's, against nock.

const PORTAL = 62515;
const minute = 60_000;
const clock = { nowMs: T0 };
let world: PipelineWorld;
let crm: ReturnType<typeof mockPipelineWorld>;
let app: Awaited<ReturnType<typeof startPipelineApp>>;
/** The `after` of each CRM search of `object`, in order. */
const searchCursors = (object: string) =>
  crm.requests
    .filter((r) => r.path === `/crm/v3/objects/${object}/search`)
    .map((r) => (r.body as { after?: string }).after);
/** What the contact lead score's poll reads: contacts, and what reaches them (meetings, companies). */
const polled = ["contacts", "meetings", "companies"];

allowOnlyLocalhost();

beforeEach(async () => {
  clock.nowMs = T0;
  world = createContactLeadWorld(() => clock.nowMs, {
    "1": { jobtitle: "CTO" },
    "2": { jobtitle: "Intern" },
  });
  crm = mockPipelineWorld(world);
  app = await startPipelineApp({ portalId: PORTAL, definitions: [contactLead()], clock });
});
afterEach(async () => {
  await app.close();
  nock.cleanAll();
});

describe("the modified-records poll on a search cursor that repeats", () => {
  it("follows it once, stops at its second appearance, and keeps its window to read again", async () => {
    await app.pipeline.scheduler.run("poll-modified");
    expect(await app.pollState.cursor(PORTAL, "contacts")).toBe(T0);
    world.objects.contacts = { ...world.objects.contacts, "2": { jobtitle: "CTO" } };
    world.modifiedAtMs["contacts:2"] = T0 + minute;
    world.searchRepeatsCursor = "200";
    clock.nowMs = T0 + 5 * minute;
    await app.pipeline.scheduler.run("poll-modified");
    // Per object, the first page and the cursor's one page; the cursor named again is not followed, and
    // one object's failure does not keep the others from being read.
    for (const object of polled) expect(searchCursors(object)).toEqual([undefined, "200"]);
    // What was read before the repeat is scored; the window is not marked read, so the next poll
    // (on a HubSpot that pages properly again) reads it once more.
    expect(world.objects.contacts?.["2"]).toMatchObject({ ls_lead_fit: "5" });
    expect(await app.pollState.cursor(PORTAL, "contacts")).toBe(T0);
    world.searchRepeatsCursor = undefined;
    crm.clear();
    await app.pipeline.scheduler.run("poll-modified");
    for (const object of polled) expect(searchCursors(object)).toEqual([undefined]);
    expect(await app.pollState.cursor(PORTAL, "contacts")).toBe(T0 + 5 * minute);
  });
});
