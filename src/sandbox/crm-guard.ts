import type { RequestHandler, Response } from "express";
import { HubSpotError, sendHubSpotError } from "./hubspot-error.js";
import type { Lane, RateLimiter } from "./rate-limiter.js";
import type { SandboxStats } from "./sandbox-stats.js";
import type { StoredToken, TokenRepo } from "./token-repo.js";

// What HubSpot checks before a CRM call: a live OAuth access token (401 otherwise; docs/hubspot.md §OAuth:
// tokens expire after 30 minutes), the portal's rate (429 with policyName and Retry-After,
// docs/hubspot.md §Rate limits and batching), and the token's scopes (403 MISSING_SCOPES, per handler).

const credentialsNotFound =
  "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview";

export interface CrmGuardDeps {
  tokens: TokenRepo;
  limiter: RateLimiter;
  stats: SandboxStats;
  nowMs: () => number;
  portalId: number;
}

function authenticate(header: string | undefined, deps: CrmGuardDeps): StoredToken {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? "");
  if (!match?.[1]) throw new HubSpotError(401, "INVALID_AUTHENTICATION", credentialsNotFound);
  const token = deps.tokens.find(match[1].trim());
  if (token?.kind !== "access" || token.revoked)
    throw new HubSpotError(401, "INVALID_AUTHENTICATION", credentialsNotFound);
  const now = deps.nowMs();
  if (token.expiresAtMs !== null && token.expiresAtMs <= now) {
    const minutes = Math.max(1, Math.floor((now - token.expiresAtMs) / 60_000));
    throw new HubSpotError(
      401,
      "EXPIRED_AUTHENTICATION",
      `The OAuth token used to make this call expired ${minutes} minute(s) ago.`,
    );
  }
  return token;
}

export type CrmGuard = (lane: Lane) => RequestHandler;

/** Middleware for one CRM route: authenticates, then counts the call against its lane. */
export function createCrmGuard(deps: CrmGuardDeps): CrmGuard {
  return (lane) => (req, res, next) => {
    try {
      const token = authenticate(req.get("authorization"), deps);
      res.locals.token = token;
      const key = lane === "api" ? String(deps.portalId) : token.token;
      const decision = deps.limiter.check(lane, key);
      if (!decision.allowed) {
        deps.stats.rateLimited(decision.policyName);
        throw new HubSpotError(
          429,
          "RATE_LIMITS",
          decision.message,
          {
            errorType: "RATE_LIMIT",
            policyName: decision.policyName,
            groupName: `publicapi:oauth:${deps.portalId}`,
          },
          { "Retry-After": String(decision.retryAfterSec) },
        );
      }
      // Search answers carry no rate-limit headers (docs/hubspot.md §Rate limits and batching).
      if (lane === "api") {
        res.set({
          "X-HubSpot-RateLimit-Max": String(decision.limit),
          "X-HubSpot-RateLimit-Remaining": String(decision.remaining),
          "X-HubSpot-RateLimit-Interval-Milliseconds": String(decision.windowMs),
        });
      }
      next();
    } catch (error) {
      if (error instanceof HubSpotError) sendHubSpotError(res, error);
      else next(error);
    }
  };
}

/**
 * Throws 403 MISSING_SCOPES unless the token holds, for every entry, one of its `|`-separated
 * alternatives (docs/hubspot.md §Webhook subscriptions, §Engagement objects, §Score properties name the scopes each call needs).
 */
export function requireScopes(res: Response, needed: readonly string[]): void {
  const token = res.locals.token as StoredToken | undefined;
  const granted = new Set(token?.scopes ?? []);
  const missing = needed.filter((entry) => !entry.split("|").some((scope) => granted.has(scope)));
  if (missing.length === 0) return;
  throw new HubSpotError(
    403,
    "MISSING_SCOPES",
    "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
    {
      errors: [
        {
          message: "One or more of the following scopes are required.",
          context: { requiredGranularScopes: missing.flatMap((entry) => entry.split("|")) },
        },
      ],
      links: { scopes: "https://developers.hubspot.com/scopes" },
    },
  );
}
