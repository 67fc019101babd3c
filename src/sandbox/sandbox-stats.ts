import type { RequestHandler } from "express";

// Calls per endpoint and 429s served (`lead-score sandbox stats`, docs/decisions.md §Sandbox portal).
// Endpoints are named by their route with the object types filled in ("POST
// /crm/v3/objects/contacts/batch/read"), so a benchmark can count calls per object without counting per
// record id.

export interface StatsSnapshot {
  sinceMs: number;
  total: number;
  calls: Record<string, number>;
  statuses: Record<string, number>;
  rateLimited: Record<string, number>;
}

export interface SandboxStats {
  /** Express middleware that counts each answered request under its route. */
  count: RequestHandler;
  rateLimited(policyName: string): void;
  snapshot(): StatsSnapshot;
  reset(nowMs: number): void;
}

// An email campaign's id is filled in too: the door reads each campaign once and caches it, which
// the door contract checks by the calls per campaign.
const typeParams = new Set(["objectType", "fromObjectType", "toObjectType", "campaignId"]);

export function createSandboxStats(nowMs: number): SandboxStats {
  let state: StatsSnapshot = { sinceMs: nowMs, total: 0, calls: {}, statuses: {}, rateLimited: {} };
  const bump = (bag: Record<string, number>, key: string) => {
    bag[key] = (bag[key] ?? 0) + 1;
  };
  return {
    count(req, res, next) {
      res.on("finish", () => {
        const route = req.route as { path?: unknown } | undefined;
        if (typeof route?.path !== "string" || route.path.startsWith("/__sandbox")) return;
        const path = route.path.replace(/:(\w+)/g, (whole, name: string) =>
          typeParams.has(name) ? String(req.params[name] ?? whole) : whole,
        );
        state.total++;
        bump(state.calls, `${req.method} ${path}`);
        bump(state.statuses, String(res.statusCode));
      });
      next();
    },
    rateLimited: (policyName) => bump(state.rateLimited, policyName),
    snapshot: () => structuredClone(state),
    reset(at) {
      state = { sinceMs: at, total: 0, calls: {}, statuses: {}, rateLimited: {} };
    },
  };
}
