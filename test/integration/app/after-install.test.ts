import { Keyv } from "keyv";
import nock from "nock";
import type { Logger } from "pino";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createKeyvScoreStore } from "../../../src/adapters/stores/keyv-score-store.js";
import { createAfterInstall } from "../../../src/app/after-install.js";
import { installPortal } from "../../../src/app/install-portal.js";
import type { OAuthClient } from "../../../src/ports/oauth-client.js";
import type { ScoreStore } from "../../../src/ports/score-store.js";
import { parseDefinition } from "../../../src/scoring/index.js";
import { createTestCrmClient, HUBSPOT } from "../../fixtures/hubspot/create-test-crm-client.js";
import { buildErrorBody } from "../../fixtures/hubspot/crm-payloads.js";
import { buildPropertyBatch } from "../../fixtures/hubspot/property-payloads.js";
import { createMemoryInstallationStore, createTestCipher, T0 } from "../../fixtures/installation.js";
import { definition } from "../../support/scoring-builders.js";

// docs/decisions.md §Provision on every install: "provision the properties of enabled scores" after every
// install, one batch per object; a failure becomes a note on the install page, never a failed install.

const PORTAL = 62515;
const group = { name: "lead_score", label: "Lead score", displayOrder: -1 };
const meta = { savedBy: "ops@example.com", savedAtMs: T0, change: "enable" };

type Logged = { level: string; fields: Record<string, unknown>; msg: string };
function recordingLogger(lines: Logged[]) {
  const at =
    (level: string) =>
    (fields: Record<string, unknown>, msg: string): void =>
      void lines.push({ level, fields, msg });
  // pino's LogFn has overloads a plain function cannot match; these calls use one form only.
  return { info: at("info"), error: at("error") } as unknown as Pick<Logger, "info" | "error">;
}

async function scoresOf(...defs: Record<string, unknown>[]): Promise<ScoreStore> {
  const store = createKeyvScoreStore(new Keyv({ namespace: "scores" }));
  for (const d of defs) await store.save(PORTAL, parseDefinition(d), meta);
  return store;
}

const enabled = (id: string, object: string, name: string) =>
  definition({ id, object, property: { name }, status: "enabled" });

/** Group, batch read and batch create of one object's properties (docs/hubspot.md §Score properties), with exact names. */
function provisions(object: string, names: string[]) {
  return nock(HUBSPOT)
    .post(`/crm/v3/properties/${object}/groups`, group)
    .reply(201, { ...group, archived: false })
    .post(`/crm/v3/properties/${object}/batch/read`, {
      archived: false,
      inputs: names.map((name) => ({ name })),
      dataSensitivity: "non_sensitive",
    })
    .reply(200, buildPropertyBatch([]))
    .post(
      `/crm/v3/properties/${object}/batch/create`,
      (body: { inputs: { name: string }[] }) => body.inputs.map((p) => p.name).join() === names.join(),
    )
    .reply(201, buildPropertyBatch([]));
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe("createAfterInstall", () => {
  it("provisions the enabled scores of each object in one batch and skips drafts", async () => {
    const scores = await scoresOf(
      enabled("a", "contacts", "ls_a"),
      enabled("b", "contacts", "ls_b"),
      enabled("d", "companies", "ls_d"),
      definition({ id: "draft", property: { name: "ls_draft" } }),
    );
    const contacts = provisions("contacts", ["ls_a", "ls_a_threshold", "ls_b", "ls_b_threshold"]);
    const companies = provisions("companies", ["ls_d", "ls_d_threshold"]);
    const lines: Logged[] = [];
    const crm = createTestCrmClient().client;
    const resumed: number[] = [];
    const afterInstall = createAfterInstall({
      scores,
      crmFor: () => crm,
      resumeJobs: async (portalId) => {
        resumed.push(portalId);
        return 2;
      },
      logger: recordingLogger(lines),
    });
    expect(await afterInstall(PORTAL)).toEqual([]);
    contacts.done();
    companies.done();
    expect(resumed).toEqual([PORTAL]);
    expect(lines.map((l) => l.msg)).toEqual([
      "provisioned the properties of enabled scores",
      "provisioned the properties of enabled scores",
      "resumed paused jobs after install",
    ]);
  });

  it("turns a failed object into a note, still provisions the others and resumes jobs", async () => {
    const scores = await scoresOf(enabled("a", "contacts", "ls_a"), enabled("d", "companies", "ls_d"));
    const refused = nock(HUBSPOT)
      .post("/crm/v3/properties/contacts/groups", group)
      .reply(403, buildErrorBody(403, "This app hasn't been granted all required scopes"));
    const companies = provisions("companies", ["ls_d", "ls_d_threshold"]);
    const lines: Logged[] = [];
    const crm = createTestCrmClient().client;
    const afterInstall = createAfterInstall({
      scores,
      crmFor: () => crm,
      resumeJobs: async () => 0,
      logger: recordingLogger(lines),
    });
    const notes = await afterInstall(PORTAL);
    refused.done();
    companies.done();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain("enabled contacts scores (a) could not be created");
    expect(notes[0]).toContain("answered 403");
    expect(lines.find((l) => l.level === "error")?.fields).toMatchObject({
      portalId: PORTAL,
      object: "contacts",
      scoreIds: ["a"],
    });
  });

  it("notes, rather than throws, when paused jobs cannot be resumed", async () => {
    const afterInstall = createAfterInstall({
      scores: await scoresOf(),
      crmFor: () => createTestCrmClient().client,
      resumeJobs: async () => {
        throw new Error("database is locked");
      },
      logger: recordingLogger([]),
    });
    expect(await afterInstall(PORTAL)).toEqual([expect.stringContaining("could not be resumed")]);
  });
});

describe("installPortal with an onInstalled hook", () => {
  const oauth: OAuthClient = {
    exchangeCode: async () => ({ accessToken: "at-1", refreshToken: "rt-1", expiresInSec: 1800 }),
    introspect: async () => ({ hubId: PORTAL, scopes: ["oauth"] }),
    refresh: async () => {
      throw new Error("not expected");
    },
    revokeRefreshToken: async () => {
      throw new Error("not expected");
    },
  };
  const deps = (onInstalled: (portalId: number) => Promise<string[]>, lines: Logged[] = []) => ({
    oauth,
    store: createMemoryInstallationStore(),
    cipher: createTestCipher(),
    redirectUri: "https://ls.example.com/oauth/callback",
    now: () => T0,
    logger: recordingLogger(lines),
    onInstalled,
  });

  it("runs the hook after the installation is saved and returns its notes", async () => {
    const d = deps(async () => ["properties missing"]);
    const saved: unknown[] = [];
    const hook = d.onInstalled;
    d.onInstalled = async (portalId) => {
      saved.push(await d.store.get(portalId));
      return hook(portalId);
    };
    const result = await installPortal("code", d);
    expect(saved).toEqual([expect.objectContaining({ portalId: PORTAL, status: "connected" })]);
    expect(result.notes).toEqual(["properties missing"]);
  });

  it("keeps the install when the hook throws, logging it and noting it for the page", async () => {
    const lines: Logged[] = [];
    const d = deps(async () => {
      throw new Error("boom");
    }, lines);
    const result = await installPortal("code", d);
    expect(result).toMatchObject({ portalId: PORTAL, notes: [expect.stringContaining("could not finish")] });
    expect((await d.store.get(PORTAL))?.status).toBe("connected");
    expect(lines.some((l) => l.level === "error")).toBe(true);
  });

  it("adds no notes when the hook has none", async () => {
    expect(
      await installPortal(
        "code",
        deps(async () => []),
      ),
    ).not.toHaveProperty("notes");
  });
});
