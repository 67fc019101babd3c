import type { CrmClient } from "../../ports/crm-client.js";
import { createHubSpotCrmClient, type HubSpotCrmClientOptions } from "./create-hubspot-crm-client.js";

// One client per portal: the pacing queues live in the client, so two clients for one portal
// would each take the full rate and together exceed HubSpot's per-account limit (docs/hubspot.md §Rate limits and batching).
// Across app instances the same holds only with a shared rate window (`sharedRateWindow`, REDIS_URL).

export type CrmClientCacheOptions = Omit<HubSpotCrmClientOptions, "portalId" | "accessToken"> & {
  /** Token for a portal; the installation store's authorize(portalId). */
  accessToken: (portalId: string) => Promise<string>;
};

export interface CrmClientCache {
  forPortal(portalId: string): CrmClient;
}

export function createCrmClientCache(options: CrmClientCacheOptions): CrmClientCache {
  const clients = new Map<string, CrmClient>();
  return {
    forPortal(portalId) {
      let client = clients.get(portalId);
      if (!client) {
        client = createHubSpotCrmClient({
          ...options,
          portalId,
          accessToken: () => options.accessToken(portalId),
        });
        clients.set(portalId, client);
      }
      return client;
    },
  };
}
