import type { Logger } from "pino";
import type { CrmClient } from "../../ports/crm-client.js";
import { createHubSpotEvents } from "./hubspot-events.js";
import { createHubSpotFeeds } from "./hubspot-feeds.js";
import { createHubSpotLifecycle } from "./hubspot-lifecycle.js";
import { createHubSpotLists } from "./hubspot-lists.js";
import { createHubSpotProperties } from "./hubspot-properties.js";
import { createHubSpotRecords } from "./hubspot-records.js";
import { createHubSpotSearch } from "./hubspot-search.js";
import { createPortalPacer, type PortalPacerOptions } from "./portal-pacer.js";
import { type RetryPolicy, standardRetryPolicy } from "./retry-policy.js";
import { createSdkApis } from "./sdk-apis.js";

export interface HubSpotCrmClientOptions {
  portalId: string;
  /** Called before every request; the installation store refreshes tokens behind it. */
  accessToken: () => Promise<string>;
  /** HUBSPOT_API_BASE_URL, e.g. https://api.hubapi.com. */
  baseUrl: string;
  /** HUBSPOT_RATE_LIMIT_PER_10S; HubSpot allows 110 for OAuth apps (docs/hubspot.md §Rate limits and batching). */
  ratePer10s: number;
  logger: Pick<Logger, "warn">;
  policy?: RetryPolicy;
  /** Injected so tests never wait. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** HUBSPOT_TIMEOUT_MS, each attempt's deadline (portal-pacer.ts); 30 s when unset. */
  timeoutMs?: number;
  /** Counts calls that passed their deadline, for /metrics (portal-pacer.ts). */
  onTimeout?: PortalPacerOptions["onTimeout"];
  /** Counts 429s for /metrics (portal-pacer.ts). */
  onRateLimited?: PortalPacerOptions["onRateLimited"];
  /** With REDIS_URL: the portal's budget shared by every app instance (portal-pacer.ts). */
  sharedRateWindow?: PortalPacerOptions["sharedRateWindow"];
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createHubSpotCrmClient(options: HubSpotCrmClientOptions): CrmClient {
  const apis = createSdkApis({ baseUrl: options.baseUrl, accessToken: options.accessToken });
  const pacer = createPortalPacer({
    portalId: options.portalId,
    ratePer10s: options.ratePer10s,
    policy: options.policy ?? standardRetryPolicy,
    sleep: options.sleep ?? realSleep,
    random: options.random ?? Math.random,
    logger: options.logger,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.onTimeout ? { onTimeout: options.onTimeout } : {}),
    ...(options.onRateLimited ? { onRateLimited: options.onRateLimited } : {}),
    ...(options.sharedRateWindow ? { sharedRateWindow: options.sharedRateWindow } : {}),
  });
  return {
    portalId: options.portalId,
    ...createHubSpotRecords(apis, pacer),
    ...createHubSpotSearch(apis, pacer),
    ...createHubSpotLists(apis, pacer),
    ...createHubSpotProperties(apis, pacer),
    ...createHubSpotEvents(apis, pacer),
    ...createHubSpotFeeds(apis, pacer),
    ...createHubSpotLifecycle(apis, pacer),
    async completeActionCallback(callbackId, outputFields) {
      // docs/hubspot.md §Workflow action callbacks: the v4 endpoint, authorised by the installing portal's token. HubSpot's spec
      // requires `typedOutputs`, which the SDK's model lacks; its examples send {} (docs/decisions.md
      // §Fields the SDK does not send).
      await pacer.run("api", "workflow action callback complete", (signal) =>
        apis.actionCallbacks.complete(
          callbackId,
          { outputFields },
          apis.callOptions(signal, { typedOutputs: {} }),
        ),
      );
    },
  };
}
