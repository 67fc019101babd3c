import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHubSpotOAuthClient } from "../../../src/adapters/hubspot-client/oauth-client.js";
import { buildAuthorizeUrl } from "../../../src/hubspot/build-authorize-url.js";
import { defaultSandboxApp } from "../../../src/sandbox/create-sandbox-server.js";
import { startTestSandbox, type TestSandbox } from "../../fixtures/sandbox/start-test-sandbox.js";

// The OAuth install as the app runs it: the authorize URL the app builds, the sandbox's consent
// page, then the app's real OAuth client (both token API versions) for code, refresh and
// introspection (docs/hubspot.md §OAuth).

const REDIRECT = "http://localhost:3000/oauth/callback";
let s: TestSandbox;
beforeEach(async () => {
  s = await startTestSandbox({ seed: "none" });
});
afterEach(() => s.close());

function authorizePath(state: string, extra = "") {
  const url = buildAuthorizeUrl({
    authBaseUrl: s.url,
    clientId: defaultSandboxApp.clientId,
    redirectUri: REDIRECT,
    scopes: ["oauth", "crm.objects.contacts.read"],
    optionalScopes: ["sales-email-read"],
    state,
  });
  return `${url.slice(s.url.length)}${extra}`;
}

async function installCode(state = "st-1") {
  const answer = await s.call("GET", authorizePath(state, "&sandbox_auto_approve=1"));
  expect(answer.status).toBe(302);
  const location = new URL(answer.headers.get("location") ?? "");
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
  expect(location.searchParams.get("state")).toBe(state);
  return location.searchParams.get("code") ?? "";
}

describe("the authorize page", () => {
  it("shows an escaped install step whose form redirects with a code, or with access_denied", async () => {
    const page = await s.call("GET", authorizePath("<b>x</b>"));
    expect(page.status).toBe(200);
    expect(page.text).toContain("Install lead-score into Sandbox portal");
    expect(page.text).toContain("&lt;b&gt;x&lt;/b&gt;");
    expect(page.text).not.toContain("<b>x</b>");
    const form = (decision: string) =>
      new URLSearchParams({
        client_id: defaultSandboxApp.clientId,
        redirect_uri: REDIRECT,
        scope: "oauth",
        state: "s",
        decision,
      }).toString();
    const headers = { "content-type": "application/x-www-form-urlencoded" };
    const approved = await s.call("POST", "/oauth/authorize", form("approve"), headers);
    expect(approved.headers.get("location")).toMatch(
      /^http:\/\/localhost:3000\/oauth\/callback\?code=\w+&state=s$/,
    );
    const denied = await s.call("POST", "/oauth/authorize", form("deny"), headers);
    expect(new URL(denied.headers.get("location") ?? "").searchParams.get("error")).toBe("access_denied");
  });

  it("refuses an unknown client_id with an error page instead of a redirect", async () => {
    const answer = await s.call(
      "GET",
      authorizePath("s").replace(defaultSandboxApp.clientId, "someone-else"),
    );
    expect(answer.status).toBe(400);
    expect(answer.headers.get("location")).toBeNull();
  });
});

describe.each(["2026-03", "v1"] as const)("the app's OAuth client, token API %s", (tokenVersion) => {
  const client = () => createHubSpotOAuthClient({ ...defaultSandboxApp, apiBaseUrl: s.url, tokenVersion });

  it("exchanges a code, introspects the grant, refreshes, and the new token reads the CRM", async () => {
    const grant = await client().exchangeCode(await installCode(), REDIRECT);
    expect(grant.expiresInSec).toBe(1800);
    expect(await client().introspect(grant.accessToken)).toEqual({
      hubId: s.sandbox.portal.portalId,
      scopes: ["oauth", "crm.objects.contacts.read", "sales-email-read"],
      user: { email: "sandbox-user@example.com", id: 1 },
    });
    await s.call("POST", "/__sandbox/clock", { advance: "31m" });
    const expired = await s.crm("GET", "/crm/v3/objects/contacts", undefined, grant.accessToken);
    expect(expired.json).toMatchObject({ status: "error", category: "EXPIRED_AUTHENTICATION" });
    const refreshed = await client().refresh(grant.refreshToken);
    expect(refreshed.refreshToken).toBe(grant.refreshToken);
    expect((await s.crm("GET", "/crm/v3/objects/contacts", undefined, refreshed.accessToken)).status).toBe(
      200,
    );
  });

  it("refuses a used code and a revoked refresh token as invalid_grant", async () => {
    const code = await installCode();
    const grant = await client().exchangeCode(code, REDIRECT);
    await expect(client().exchangeCode(code, REDIRECT)).rejects.toMatchObject({
      code: "unauthorized",
      details: { reason: "invalid_grant" },
    });
    await client().revokeRefreshToken(grant.refreshToken);
    await expect(client().refresh(grant.refreshToken)).rejects.toMatchObject({
      details: { reason: "invalid_grant" },
    });
  });
});
