import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHubSpotOAuthClient } from "../../../../src/adapters/hubspot-client/oauth-client.js";
import { appErrorRejection } from "../../../support/app-error-rejection.js";

const API = "https://api.hubapi.com";
const APP = { clientId: "client-id-1", clientSecret: "client-secret-1", apiBaseUrl: API };
const FORM = "application/x-www-form-urlencoded";
const REDIRECT = "https://ls.example.com/oauth/callback";
const CREDENTIALS = { client_id: "client-id-1", client_secret: "client-secret-1" };
/** The form body of exchanging "code-1" (OAuth authorization_code grant). */
const CODE_GRANT = {
  grant_type: "authorization_code",
  code: "code-1",
  redirect_uri: REDIRECT,
  ...CREDENTIALS,
};
const refreshGrant = (refreshToken: string) => ({
  grant_type: "refresh_token",
  refresh_token: refreshToken,
  ...CREDENTIALS,
});
/** HubSpot's token answer for "code-1", and what the client makes of it. */
const TOKENS_ANSWER = { token_type: "bearer", access_token: "at-1", refresh_token: "rt-1", expires_in: 1800 };
const TOKENS = { accessToken: "at-1", refreshToken: "rt-1", expiresInSec: 1800 };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("OAuth client, 2026-03 endpoints (client.apiRequest + zod)", () => {
  const oauth = createHubSpotOAuthClient({ ...APP, tokenVersion: "2026-03" });

  it("exchanges a code with the exact form body", async () => {
    const scope = nock(API)
      .post("/oauth/2026-03/token", CODE_GRANT)
      .matchHeader("content-type", FORM)
      .reply(200, { ...TOKENS_ANSWER, hub_id: 62515 });
    expect(await oauth.exchangeCode("code-1", REDIRECT)).toEqual(TOKENS);
    scope.done();
  });

  it("introspects the access token for the hub id and granted scopes", async () => {
    const scope = nock(API)
      .post("/oauth/2026-03/token/introspect", {
        ...CREDENTIALS,
        token: "at-1",
        token_type_hint: "access_token",
      })
      .matchHeader("content-type", FORM)
      .reply(200, {
        active: true,
        hub_id: 62515,
        app_id: 7,
        scopes: ["oauth", "automation"],
        token_use: "access_token",
      });
    expect(await oauth.introspect("at-1")).toEqual({ hubId: 62515, scopes: ["oauth", "automation"] });
    scope.done();
  });

  it("names the user who granted the token when the introspection does (user, user_id)", async () => {
    const scope = nock(API)
      .post("/oauth/2026-03/token/introspect")
      .reply(200, {
        active: true,
        hub_id: 62515,
        user_id: 41,
        user: "ada@example.com",
        scopes: ["oauth"],
        token_use: "access_token",
      });
    expect(await oauth.introspect("at-1")).toEqual({
      hubId: 62515,
      scopes: ["oauth"],
      user: { email: "ada@example.com", id: 41 },
    });
    scope.done();
  });

  it("maps invalid_grant on refresh to AppError unauthorized/invalid_grant", async () => {
    const scope = nock(API).post("/oauth/2026-03/token", refreshGrant("rt-revoked")).reply(400, {
      error: "invalid_grant",
      error_description: "missing or invalid refresh token",
      status: "BAD_REFRESH_TOKEN",
      correlationId: "c-1",
    });
    const error = await appErrorRejection(oauth.refresh("rt-revoked"));
    expect(error.code).toBe("unauthorized");
    expect(error.details).toMatchObject({ reason: "invalid_grant", status: 400, correlationId: "c-1" });
    scope.done();
  });

  it("maps other failures to upstream_failed with status and correlation id, without secrets", async () => {
    const scope = nock(API)
      .post("/oauth/2026-03/token")
      .reply(503, { status: "error", message: "Service unavailable", correlationId: "c-2" });
    const error = await appErrorRejection(oauth.refresh("rt-secret-value"));
    expect(error.code).toBe("upstream_failed");
    expect(error.details).toMatchObject({ status: 503, correlationId: "c-2" });
    expect(error.message).toContain("Service unavailable");
    expect(JSON.stringify({ m: error.message, d: error.details })).not.toMatch(
      /rt-secret-value|client-secret-1/,
    );
    scope.done();
  });

  it("refuses a 200 answer that lacks the tokens, naming the fields", async () => {
    const scope = nock(API)
      .post("/oauth/2026-03/token")
      .reply(200, { token_type: "bearer", expires_in: 1800 });
    const error = await appErrorRejection(oauth.exchangeCode("code-1", REDIRECT));
    expect(error.code).toBe("upstream_failed");
    expect(error.message).toContain("access_token, refresh_token");
    scope.done();
  });

  it("refuses an inactive token at introspection", async () => {
    const scope = nock(API)
      .post("/oauth/2026-03/token/introspect")
      .reply(200, { active: false, hub_id: 62515, scopes: [] });
    expect((await appErrorRejection(oauth.introspect("at-1"))).code).toBe("upstream_failed");
    scope.done();
  });
});

describe("OAuth client, v1 endpoints (the SDK's typed TokensApi / AccessTokensApi)", () => {
  const oauth = createHubSpotOAuthClient({ ...APP, tokenVersion: "v1" });

  it("exchanges a code at /oauth/v1/token and reads metadata at /oauth/v1/access-tokens/{token}", async () => {
    const scope = nock(API)
      .post("/oauth/v1/token", CODE_GRANT)
      .matchHeader("content-type", FORM)
      .reply(200, TOKENS_ANSWER)
      .get("/oauth/v1/access-tokens/at-1")
      .reply(200, {
        token: "at-1",
        user: "a@example.com",
        hub_domain: "example.com",
        scopes: ["oauth", "crm.objects.contacts.read"],
        hub_id: 62515,
        app_id: 7,
        expires_in: 1799,
        user_id: 9,
        token_type: "access",
      });
    expect(await oauth.exchangeCode("code-1", REDIRECT)).toEqual(TOKENS);
    expect(await oauth.introspect("at-1")).toEqual({
      hubId: 62515,
      scopes: ["oauth", "crm.objects.contacts.read"],
      user: { email: "a@example.com", id: 9 },
    });
    scope.done();
  });

  it("maps BAD_REFRESH_TOKEN to invalid_grant", async () => {
    const scope = nock(API).post("/oauth/v1/token", refreshGrant("rt-revoked")).reply(400, {
      status: "BAD_REFRESH_TOKEN",
      message: "missing or invalid refresh token",
      correlationId: "c-3",
    });
    const error = await appErrorRejection(oauth.refresh("rt-revoked"));
    expect(error.details).toMatchObject({ reason: "invalid_grant", status: 400, correlationId: "c-3" });
    scope.done();
  });

  it("maps a 500 to upstream_failed", async () => {
    const scope = nock(API)
      .post("/oauth/v1/token")
      .reply(500, { status: "error", message: "internal error" });
    const error = await appErrorRejection(oauth.refresh("rt-1"));
    expect(error.code).toBe("upstream_failed");
    expect(error.details).toMatchObject({ status: 500 });
    scope.done();
  });
});

describe("revokeRefreshToken", () => {
  const revoke = (tokenVersion: "2026-03" | "v1") =>
    createHubSpotOAuthClient({ clientId: "cid", clientSecret: "csecret", apiBaseUrl: API, tokenVersion });

  it("revokes at /oauth/2026-03/token/revoke with the form docs/hubspot.md §OAuth token revocation names (2026-03 setting)", async () => {
    const scope = nock(API)
      .post("/oauth/2026-03/token/revoke", {
        client_id: "cid",
        client_secret: "csecret",
        token: "rt-secret",
        token_type_hint: "refresh_token",
      })
      .matchHeader("content-type", FORM)
      .reply(200);
    await revoke("2026-03").revokeRefreshToken("rt-secret");
    scope.done();
  });

  it("deletes the refresh token at /oauth/v1/refresh-tokens (v1 setting)", async () => {
    const scope = nock(API).delete("/oauth/v1/refresh-tokens/rt-secret").reply(204);
    await revoke("v1").revokeRefreshToken("rt-secret");
    scope.done();
  });
});
