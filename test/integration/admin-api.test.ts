import express from "express";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { adminTokenPrincipal } from "../../src/http/admin-api/admin-auth.js";
import { createAdminApi } from "../../src/http/admin-api/create-admin-api.js";
import { ADMIN, leadScore, PORTAL, portal, useAdminApiWorld } from "../fixtures/admin/use-admin-api-world.js";
import { T0 } from "../fixtures/installation.js";
import { allowOnlyLocalhost } from "../support/allow-only-localhost.js";
import { listenOnPort0 } from "../support/listen-on-port-0.js";

// The admin API's auth, portal isolation, scores and revisions, and its OpenAPI document, on a real server at
// port 0 with HubSpot played by nock.

allowOnlyLocalhost();
const api = useAdminApiWorld();

describe("auth and portal isolation", () => {
  it("answers 401 without a token, with a wrong one, and to everyone when no ADMIN_TOKEN is set", async () => {
    expect((await api.call("GET", portal(), undefined, null)).status).toBe(401);
    expect((await api.call("GET", portal(), undefined, "wrong-token-wrong-token")).status).toBe(401);
    const noToken = express().use(
      "/api",
      createAdminApi({
        resolvePrincipal: adminTokenPrincipal(undefined),
        logger: pino({ level: "silent" }),
      } as never),
    );
    const server = await listenOnPort0(noToken);
    const res = await fetch(`${server.base}/api${portal()}`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(res.status).toBe(401);
    await server.close();
  });

  it("answers 404 for another portal than the token's, and for a portal that is not installed", async () => {
    expect((await api.call("GET", "/portals/9", undefined, "portal-9-session-token")).status).toBe(200);
    const other = await api.call("GET", portal("/scores"), undefined, "portal-9-session-token");
    expect(other).toEqual({
      status: 404,
      body: { error: { code: "not_found", message: `portal ${PORTAL} not found` } },
    });
    expect((await api.call("GET", "/portals/777")).status).toBe(404);
  });

  it("shows installation status, granted scopes and a disconnection", async () => {
    expect((await api.call("GET", portal())).body).toMatchObject({
      portalId: PORTAL,
      status: "connected",
      disconnected: false,
      scopes: ["crm.objects.contacts.read", "oauth"],
    });
    await api.installations.markDisconnected(PORTAL, T0, "invalid_grant");
    expect((await api.call("GET", portal())).body).toMatchObject({
      disconnected: true,
      disconnectReason: "invalid_grant",
    });
    expect((await api.call("POST", portal("/scores"), leadScore)).status).toBe(201);
    expect((await api.call("POST", portal("/scores/lead/enable"))).body.error.code).toBe("disconnected");
  });
});

describe("scores, revisions and definition errors", () => {
  it("creates a draft, names the field path of a bad definition, and refuses duplicates", async () => {
    const created = await api.call("POST", portal("/scores"), leadScore);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      revision: 1,
      savedBy: "admin-token",
      change: "create",
      definition: { status: "draft", limits: { max: 100 } },
    });
    const bad = await api.call("POST", portal("/scores"), {
      ...leadScore,
      id: "bad",
      groups: [{ ...leadScore.groups[0], rules: [{ event: "meeting", points: "10" }] }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      code: "invalid_input",
      path: "groups[0].rules[0].points",
      message: "groups[0].rules[0].points: expected a number",
    });
    expect((await api.call("POST", portal("/scores"), leadScore)).status).toBe(409);
    const sameProperty = await api.call("POST", portal("/scores"), { ...leadScore, id: "other" });
    expect(sameProperty.body.error).toMatchObject({
      path: "property.name",
      message: 'property.name: "ls_lead" is already a property of score "lead"',
    });
    expect(
      (await api.call("POST", portal("/scores"), { ...leadScore, id: "x", status: "enabled" })).body.error
        .path,
    ).toBe("status");
    expect((await api.call("POST", portal("/scores"), "not json at all")).status).toBe(400);
  });

  it("keeps a revision per save and restores an earlier one", async () => {
    await api.call("POST", portal("/scores"), leadScore);
    const updated = await api.call("PUT", portal("/scores/lead"), { ...leadScore, name: "Renamed" });
    expect(updated.body).toMatchObject({ revision: 2, definition: { name: "Renamed" } });
    expect(
      (await api.call("PUT", portal("/scores/lead"), { ...leadScore, status: "enabled" })).body.error.path,
    ).toBe("status");
    const restored = await api.call("POST", portal("/scores/lead/revisions/restore"), { revision: 1 });
    expect(restored.body).toMatchObject({
      revision: 3,
      change: "restore 1",
      definition: { name: "Lead score" },
    });
    const revisions = await api.call("GET", portal("/scores/lead/revisions"));
    expect(revisions.body.revisions.map((r: { change: string }) => r.change)).toEqual([
      "create",
      "update",
      "restore 1",
    ]);
    expect((await api.call("GET", portal("/scores"))).body.scores).toHaveLength(1);
    expect((await api.call("GET", portal("/scores/nope"))).status).toBe(404);
  });
});

describe("/api/openapi.json", () => {
  it("describes every route from the same zod schemas", async () => {
    const res = await fetch(`${api.base}/api/openapi.json`);
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths)).toContain("/portals/{portalId}/scores/{scoreId}/preview");
    expect(JSON.stringify(doc.paths["/portals/{portalId}/scores"]?.post)).toContain(
      '"enum":["contacts","companies","deals"]',
    );
  });
});
