import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { company, fit, lead } from "./support/e2e-scores.js";
import { exportAndEvaluate } from "./support/export-and-evaluate.js";
import { outcomeOf, seededIds } from "./support/portal-reads.js";
import { type E2eApp, startE2eApp } from "./support/start-e2e-app.js";
import { waitFor } from "./support/wait-for.js";

// docs/decisions.md §End-to-end suite: one sandbox-mode app (seed `small`, the sandbox's rate limit raised),
// a score's whole life, each step seen where a person would see it: in the portal's records.

let app: E2eApp;
/** A contact this suite creates, so its only events are the ones logged here. */
let contactId: string;
let companyId: string;
/** A seeded contact with engagement points: no webhook touches it, only time. */
let seededEngaged: { id: string; engagement: number };

const contact = () => app.record("contacts", contactId);
type Properties = Record<string, string | null>;
const untilContact = (done: (p: Properties) => boolean) => waitFor(contact, done);
const untilCompany = (done: (p: Properties) => boolean) =>
  waitFor(() => app.record("companies", companyId), done);

beforeAll(async () => {
  app = await startE2eApp({ sandboxRatePer10s: 100_000 });
}, 60_000);
afterAll(async () => {
  await app?.close();
});

describe("a score's life in sandbox mode, over HTTP", { timeout: 60_000 }, () => {
  it("starts installed: the admin API sees the sandbox portal connected", async () => {
    expect(app.running.installed).toBe("now");
    const portal = await app.api("GET", "");
    expect(portal).toMatchObject({ status: 200, body: { status: "connected", disconnected: false } });
  });

  it("creates and enables scores; the retroactive rescore writes every record as 'test a record' scores it", async () => {
    for (const definition of [lead, fit, company]) {
      expect((await app.api("POST", "/scores", definition)).status).toBe(201);
      const enabled = await app.api("POST", `/scores/${definition.id}/enable`);
      expect(enabled).toMatchObject({
        status: 202,
        body: { revision: { definition: { status: "enabled" } } },
      });
      const job = await app.finished(enabled.body.job.id);
      const { counts } = await app.sandbox.call<{ counts: Record<string, number> }>("GET", "/__sandbox/info");
      expect(job).toMatchObject({
        status: "done",
        result: { evaluated: counts[definition.object], skipped: [] },
      });
    }
    // Seeded records, each written with what "test a record" computes for it now.
    for (const [object, scoreId, property] of [
      ["contacts", "e2e-lead", "ls_e2e_lead"],
      ["companies", "e2e-company", "ls_e2e_company"],
    ] as const) {
      for (const id of await seededIds(app, object, 10)) {
        const tested = await app.api("POST", `/scores/${scoreId}/test`, { recordId: id });
        expect(tested.status).toBe(200);
        const written = await app.record(object, id);
        expect(Number(written[property])).toBe(tested.body.result.score);
        const engagement = Number(written.ls_e2e_lead_engagement);
        if (object === "contacts" && engagement > 0) seededEngaged ??= { id, engagement };
      }
    }
    expect(seededEngaged).toBeDefined();
  });

  it("scores a company and a contact created in the portal (creation webhooks → pipeline → written)", async () => {
    companyId = (
      await app.sandbox.call<{ id: string }>("POST", "/__sandbox/records/companies", {
        properties: { name: "End To End Inc", domain: "e2e.example" },
      })
    ).id;
    contactId = (
      await app.sandbox.call<{ id: string }>("POST", "/__sandbox/records/contacts", {
        properties: { firstname: "Eve", lastname: "Endtoend", email: "eve@e2e.example", jobtitle: "Intern" },
      })
    ).id;
    await app.sandbox.call("POST", "/__sandbox/associations", {
      fromType: "contacts",
      fromId: contactId,
      toType: "companies",
      toId: companyId,
      label: "Primary",
    });
    const written = await untilContact((p) => p.ls_e2e_lead != null && p.ls_e2e_fit != null);
    expect(written).toMatchObject({ ls_e2e_lead: "0", ls_e2e_lead_threshold: "C3", ls_e2e_fit: "0" });
    expect(await untilCompany((p) => p.ls_e2e_company != null)).toMatchObject({ ls_e2e_company: "0" });
  });

  it("moves the contact's score and its company's when a meeting is logged", async () => {
    await app.sandbox.call("POST", "/__sandbox/engagements", { type: "meeting", contactId });
    const written = await untilContact((p) => p.ls_e2e_lead !== "0");
    expect(written).toMatchObject({ ls_e2e_lead: "16", ls_e2e_lead_engagement: "16", ls_e2e_lead_fit: "0" });
    expect(written.ls_e2e_lead_threshold).toBe("C2");
    expect(await untilCompany((p) => p.ls_e2e_company !== "0")).toMatchObject({ ls_e2e_company: "10" });
  });

  it("moves the fit scores when the job title changes", async () => {
    await app.sandbox.call("PATCH", `/__sandbox/records/contacts/${contactId}`, {
      properties: { jobtitle: "CTO" },
    });
    const written = await untilContact((p) => p.ls_e2e_fit === "30");
    expect(written).toMatchObject({ ls_e2e_lead: "36", ls_e2e_lead_fit: "20", ls_e2e_lead_threshold: "A2" });
  });

  it("steps decay when the sandbox clock passes a month (the due-records cron, no webhook)", async () => {
    await app.sandbox.call("POST", "/__sandbox/clock", { advance: "31d" });
    const written = await untilContact((p) => p.ls_e2e_lead !== "36");
    // 16 points at 50 % a month: 8 once the meeting is 30 days old.
    expect(written).toMatchObject({
      ls_e2e_lead: "28",
      ls_e2e_lead_engagement: "8",
      ls_e2e_lead_threshold: "A3",
    });
    // A record only the enable job ever scored decays too: every event lost another half.
    const seeded = await waitFor(
      () => app.record("contacts", seededEngaged.id),
      (p) => Number(p.ls_e2e_lead_engagement) < seededEngaged.engagement,
    );
    const tested = await app.api("POST", "/scores/e2e-lead/test", { recordId: seededEngaged.id });
    expect(Number(seeded.ls_e2e_lead_engagement)).toBe(tested.body.result.engagement);
  });

  it("resets the engagement part through a signed workflow action request", async () => {
    const answer = await app.action("/actions/reset-score", {
      callbackId: "e2e-reset-1",
      origin: { portalId: app.running.portalId, actionDefinitionId: 1, actionDefinitionVersion: 1 },
      context: { source: "WORKFLOWS", workflowId: 2 },
      object: { objectId: Number(contactId), objectType: "CONTACT", properties: {} },
      inputFields: { score: "e2e-lead", reason: "Disqualified" },
    });
    expect(answer.status).toBe(200);
    // Answered at once, or (a slow machine) BLOCK, then completed through HubSpot's callback API.
    expect(await outcomeOf(app, "e2e-reset-1", answer.body.outputFields)).toEqual({
      hs_execution_state: "SUCCESS",
      previous_score: "28",
      new_score: "20",
    });
    expect(await contact()).toMatchObject({ ls_e2e_lead: "20", ls_e2e_lead_engagement: "0" });
    // Offline, an export of the contact carries its reset, so `lead-score evaluate` gives what the portal shows.
    const offline = await exportAndEvaluate(app, lead, "contacts", [contactId]);
    expect(JSON.parse(offline.lines[0] ?? "{}").resets).toHaveProperty("e2e-lead");
    expect(offline.results[0]).toMatchObject({ score: 20, engagement: 0, fit: 20 });
    // Events after the reset count again.
    await app.sandbox.call("POST", "/__sandbox/engagements", { type: "meeting", contactId });
    expect(await untilContact((p) => p.ls_e2e_lead !== "20")).toMatchObject({ ls_e2e_lead: "36" });
  });

  it("keeps the last values of a disabled score while the others follow changes", async () => {
    expect((await app.api("POST", "/scores/e2e-lead/disable")).body.revision.definition.status).toBe(
      "disabled",
    );
    await app.sandbox.call("PATCH", `/__sandbox/records/contacts/${contactId}`, {
      properties: { jobtitle: "Intern" },
    });
    // The enabled fit score is rescored in the same pass as the disabled one would be.
    const written = await untilContact((p) => p.ls_e2e_fit === "0");
    expect(written).toMatchObject({ ls_e2e_lead: "36", ls_e2e_lead_fit: "20", ls_e2e_lead_threshold: "A2" });
  });

  it("deletes a score with its properties: they are gone from the portal's records", async () => {
    const deleted = await app.api("DELETE", "/scores/e2e-lead?deleteProperties=true");
    expect(deleted).toMatchObject({ status: 200, body: { deleted: "e2e-lead", propertiesDeleted: true } });
    expect((await app.api("GET", "/scores/e2e-lead")).status).toBe(404);
    const properties = Object.keys(await contact());
    for (const name of ["ls_e2e_lead", "ls_e2e_lead_threshold", "ls_e2e_lead_engagement", "ls_e2e_lead_fit"])
      expect(properties).not.toContain(name);
    expect(properties).toContain("ls_e2e_fit");
  });
});
