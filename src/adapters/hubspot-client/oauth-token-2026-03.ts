import { z } from "zod";
import { AppError } from "../../errors.js";
import type { TokenGrant, TokenInfo, TokenUser } from "../../ports/oauth-client.js";
import { runWithDeadline, tokenCallUnanswered } from "./call-deadline.js";

// docs/hubspot.md §OAuth endpoint versions: POST /oauth/2026-03/token and /oauth/2026-03/token/introspect,
// form-encoded. The SDK (13.5 and 14.0.1) only wraps /oauth/v1 (docs/hubspot.md §OAuth endpoint versions), and its
// client.apiRequest takes no agent or signal, so these are plain fetch calls with the door's deadline
// (call-deadline.ts) and zod schemas for the answers. Response fields follow HubSpot's OpenAPI for the
// date-versioned auth API (TokenResponseIF / PublicAccessTokenInfoResponse, mirrored at
// api-evangelist/hubspot openapi/hubspot-auth-oauth-api-openapi.yml); errors follow RFC 6749
// (`error`, `error_description`) and keep `status`/`message` (HubSpot changelog "new OAuth v3 API endpoints").

const tokenResponse = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().int().positive(),
});

const introspectResponse = z.looseObject({
  active: z.boolean(),
  hub_id: z.number().int().positive(),
  scopes: z.array(z.string()),
  // PublicAccessTokenInfoResponse: the granting user's email and id, like v1's token info.
  user: z.string().min(1).optional().catch(undefined),
  user_id: z.number().int().positive().optional().catch(undefined),
});

const errorResponse = z.looseObject({
  error: z.string().optional(),
  error_description: z.string().optional(),
  status: z.string().optional(),
  message: z.string().optional(),
  correlationId: z.string().optional(),
});

export type AppCredentials = { clientId: string; clientSecret: string };
/** HUBSPOT_API_BASE_URL and HUBSPOT_TIMEOUT_MS. */
export type TokenHttp = { baseUrl: string; timeoutMs: number };

async function postForm(http: TokenHttp, path: string, form: Record<string, string>): Promise<unknown> {
  // Status and the whole body inside the deadline: a body that stops halfway is a hung call too.
  const send = (signal: AbortSignal) =>
    fetch(`${http.baseUrl}${path}`, {
      method: "POST",
      body: new URLSearchParams(form).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      signal,
    }).then(async (answer) => ({ ok: answer.ok, status: answer.status, text: await answer.text() }));
  const response = await runWithDeadline(http.timeoutMs, path, send).catch((error: unknown) => {
    throw tokenCallUnanswered(path, error);
  });
  const { text } = response;
  const body: unknown = text === "" ? {} : safeJson(text);
  if (response.ok) return body;
  const err = errorResponse.safeParse(body);
  const info = err.success ? err.data : {};
  const details = { status: response.status, path, correlationId: info.correlationId, error: info.error };
  if (
    info.error === "invalid_grant" ||
    info.status === "BAD_REFRESH_TOKEN" ||
    info.status === "BAD_AUTH_CODE"
  ) {
    throw new AppError("unauthorized", `HubSpot refused the grant at ${path} (invalid_grant)`, {
      ...details,
      reason: "invalid_grant",
    });
  }
  // error_description/message come from HubSpot and name the problem (never a token), so they are kept.
  const why = info.error_description ?? info.message ?? "no error description";
  throw new AppError("upstream_failed", `HubSpot answered ${response.status} at ${path}: ${why}`, details);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 200) };
  }
}

function parsed<T>(schema: z.ZodType<T>, body: unknown, path: string): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const fields = result.error.issues.map((i) => i.path.join(".")).join(", ");
    throw new AppError("upstream_failed", `HubSpot's answer at ${path} lacks or mistypes: ${fields}`, {
      path,
    });
  }
  return result.data;
}

export async function requestToken2026(
  http: TokenHttp,
  app: AppCredentials,
  grant:
    | { grant_type: "authorization_code"; code: string; redirect_uri: string }
    | { grant_type: "refresh_token"; refresh_token: string },
): Promise<TokenGrant> {
  const path = "/oauth/2026-03/token";
  const form = { ...grant, client_id: app.clientId, client_secret: app.clientSecret };
  const body = parsed(tokenResponse, await postForm(http, path, form), path);
  return { accessToken: body.access_token, refreshToken: body.refresh_token, expiresInSec: body.expires_in };
}

export async function introspect2026(
  http: TokenHttp,
  app: AppCredentials,
  accessToken: string,
): Promise<TokenInfo> {
  const path = "/oauth/2026-03/token/introspect";
  const form = {
    client_id: app.clientId,
    client_secret: app.clientSecret,
    token: accessToken,
    token_type_hint: "access_token",
  };
  const body = parsed(introspectResponse, await postForm(http, path, form), path);
  if (!body.active)
    throw new AppError("upstream_failed", "HubSpot reports the new access token as inactive", { path });
  return { hubId: body.hub_id, scopes: body.scopes, ...tokenUser(body.user, body.user_id) };
}

/**
 * docs/hubspot.md §OAuth token revocation: POST /oauth/2026-03/token/revoke revokes a refresh token. Only its error answer is
 * specified, so any 2xx counts as revoked and its body is not read.
 */
export async function revoke2026(http: TokenHttp, app: AppCredentials, refreshToken: string): Promise<void> {
  await postForm(http, "/oauth/2026-03/token/revoke", {
    client_id: app.clientId,
    client_secret: app.clientSecret,
    token: refreshToken,
    token_type_hint: "refresh_token",
  });
}

/** The token's user, when HubSpot names one: `{user: {email, id}}` with whichever fields it gave. */
export function tokenUser(email: string | undefined, id: number | undefined): { user?: TokenUser } {
  if (email === undefined && id === undefined) return {};
  return { user: { ...(email === undefined ? {} : { email }), ...(id === undefined ? {} : { id }) } };
}
