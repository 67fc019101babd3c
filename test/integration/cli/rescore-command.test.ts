import { createServer } from "node:net";
import { Command } from "commander";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliError } from "../../../src/cli/cli-error.js";
import { type RescoreCommandIo, registerRescoreCommand } from "../../../src/cli/rescore-command.js";
import { ADMIN_TOKEN, type AdminApp, startAdminApp } from "../../fixtures/admin/start-admin-app.js";
import { HUBSPOT } from "../../fixtures/hubspot/create-test-crm-client.js";
import { buildErrorBody } from "../../fixtures/hubspot/crm-payloads.js";
import { type CrmWorld, meeting, mockCrmWorld } from "../../fixtures/hubspot/mock-crm-world.js";
import { T0 } from "../../fixtures/installation.js";
import { buildLeadScoreDraft } from "../../fixtures/score-drafts.js";
import { allowOnlyLocalhost } from "../../support/allow-only-localhost.js";
import { captureStream } from "../../support/capture-stream.js";

// `lead-score rescore` through commander parsing, against the admin API of an app on port 0 whose
// HubSpot is a nock-played portal (docs/decisions.md §Background jobs): the app runs the job, the command
// follows it.

const PORTAL = 62515;
const leadScore = buildLeadScoreDraft({
  thresholds: { high: 20, medium: 10 },
  property: { name: "ls_lead", label: "Lead score" },
});

let app: AdminApp;
let world: CrmWorld;

const playPortal = () => mockCrmWorld(world);
const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${app.base}/api/portals/${PORTAL}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await res.json()) as { job: { id: string } };
};

async function run(args: string[], io: Partial<RescoreCommandIo> = {}, tty = false) {
  const out = captureStream();
  const err = captureStream(tty);
  const program = new Command("lead-score").exitOverride();
  registerRescoreCommand(program, {
    out: out.stream,
    err: err.stream,
    env: { LEAD_SCORE_URL: app.base, ADMIN_TOKEN },
    sleep: () => new Promise((resolve) => setTimeout(resolve, 5)),
    ...io,
  });
  let error: unknown;
  await program.parseAsync(["node", "lead-score", "rescore", ...args]).catch((e: unknown) => {
    error = e;
  });
  return { out: out.text(), err: err.text(), error: error as CliError | undefined };
}
const lead = ["--portal", String(PORTAL), "--score", "lead"];

allowOnlyLocalhost();
beforeEach(async () => {
  world = {
    contacts: { "1": {}, "2": {}, "3": {} },
    meetings: {
      m1: meeting("1", T0, 2),
    },
    contactProperties: new Set(["jobtitle"]),
  };
  app = await startAdminApp({ portalIds: [PORTAL] });
});
afterEach(async () => {
  await app.runner.onIdle();
  await app.close();
  nock.cleanAll();
});

describe("lead-score rescore", () => {
  it("rescores an enabled score in the app, prints progress lines with the total, then a summary", async () => {
    playPortal();
    await api("POST", "/scores", leadScore);
    await app.runner.onIdle();
    await api("POST", "/scores/lead/enable");
    await app.runner.onIdle();
    world.contacts["2"] = { ls_lead: "50", ls_lead_threshold: "high" };
    const { out, err, error } = await run(lead);
    expect(error).toBeUndefined();
    expect(out).toMatch(/^rescored 3 records of score "lead" on portal 62515: 1 updated in \d+\.\d s\n$/);
    expect(err.split("\n").at(-2)).toBe("rescore done: 3/3 records (100%)");
    expect(world.contacts["2"]).toMatchObject({ ls_lead: "0", ls_lead_threshold: "low" });
  });

  it("draws a progress bar when stderr is a terminal", async () => {
    playPortal();
    await api("POST", "/scores", leadScore);
    await api("POST", "/scores/lead/enable");
    await app.runner.onIdle();
    const { err, error } = await run(lead, {}, true);
    expect(error).toBeUndefined();
    expect(err).toContain("rescore [");
    expect(err).toContain("3/3 records (100%) | done");
  });

  it("follows a rescore already under way instead of starting a second one", async () => {
    // The enable's job waits on its count until the command polls: it is running meanwhile.
    let release = () => {};
    const counted = new Promise<void>((resolve) => {
      release = resolve;
    });
    nock(HUBSPOT)
      .post("/crm/v3/objects/contacts/search")
      .reply(async () => {
        await counted;
        return [200, { total: 3, results: [] }];
      });
    playPortal();
    await api("POST", "/scores", leadScore);
    const { job } = await api("POST", "/scores/lead/enable");
    const sleep = async () => {
      release();
      await new Promise((resolve) => setTimeout(resolve, 5));
    };
    const { out, err, error } = await run(lead, { sleep });
    expect(error).toBeUndefined();
    expect(err).toContain(`a rescore of "lead" is already under way (job ${job.id}): following it\n`);
    expect(out).toMatch(/^rescored 3 records of score "lead" on portal 62515: 3 updated in /);
  });

  it("refuses a score that is not enabled with the app's own message, and exits 1", async () => {
    const crm = playPortal();
    await api("POST", "/scores", leadScore);
    const { out, error } = await run(lead);
    expect(error).toBeInstanceOf(CliError);
    expect(error?.exitCode).toBe(1);
    expect(error?.lines).toEqual([
      `409 conflict: score "lead" is draft, not enabled: enable it (POST /api/portals/${PORTAL}/scores/lead/enable), which rescores every record`,
    ]);
    expect(out).toBe("");
    expect(crm.paths()).toEqual([]);
  });

  it("exits 1 with the job's error when the rescore fails", async () => {
    playPortal();
    await api("POST", "/scores", leadScore);
    await api("POST", "/scores/lead/enable");
    await app.runner.onIdle();
    // Interceptors answer in the order they were added: this one goes after the portal's own.
    nock.cleanAll();
    nock(HUBSPOT)
      .post("/crm/v3/objects/contacts/search")
      .reply(200, { total: 3, results: [] })
      .get(/^\/crm\/v3\/objects\/contacts\?/)
      .reply(400, buildErrorBody(400, "Invalid input"));
    playPortal();
    const { error } = await run(lead);
    expect(error).toBeInstanceOf(CliError);
    expect(error?.lines[0]).toMatch(/^rescore failed: .*Invalid input/);
  });

  it("answers the API's 401 as is for a wrong token, and asks for a token when none is set", async () => {
    const wrong = await run(lead, { env: { LEAD_SCORE_URL: app.base, ADMIN_TOKEN: "not-the-admin-token" } });
    expect(wrong.error?.lines[0]).toMatch(/^401 unauthorized: /);
    const none = await run(lead, { env: { LEAD_SCORE_URL: app.base } });
    expect(none.error?.lines).toEqual([
      "no admin token: set ADMIN_TOKEN to the running app's ADMIN_TOKEN (or pass --token)",
    ]);
  });

  it("says where it looked when no app answers, with --url and --token taking precedence over the environment", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const url = `http://127.0.0.1:${port}`;
    const { error } = await run([...lead, "--url", `${url}/`, "--token", ADMIN_TOKEN], { env: {} });
    expect(error?.lines).toEqual([
      `cannot reach lead-score at ${url} (ECONNREFUSED): is it running? (--url or LEAD_SCORE_URL)`,
    ]);
  });
});
