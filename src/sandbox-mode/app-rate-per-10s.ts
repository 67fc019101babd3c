import type { Config } from "../config.js";

/** HubSpot's limit (docs/hubspot.md §Rate limits and batching), which HUBSPOT_RATE_LIMIT_PER_10S may not exceed. */
const HUBSPOT_LIMIT_PER_10S = 110;

/**
 * The app's pace against the sandbox: at most the sandbox's limit; a sandbox raised past HubSpot's
 * limit (tests, demos) is used in the same share HUBSPOT_RATE_LIMIT_PER_10S keeps of HubSpot's 110.
 * (Capping at HUBSPOT_RATE_LIMIT_PER_10S, as before, left a raised sandbox idle behind a 100/10 s pacer.)
 */
export function appRatePer10s(config: Pick<Config, "hubspotRateLimitPer10s" | "sandbox">): number {
  const sandbox = config.sandbox.ratePer10s;
  if (sandbox <= HUBSPOT_LIMIT_PER_10S) return Math.min(config.hubspotRateLimitPer10s, sandbox);
  return Math.floor((sandbox * config.hubspotRateLimitPer10s) / HUBSPOT_LIMIT_PER_10S);
}
