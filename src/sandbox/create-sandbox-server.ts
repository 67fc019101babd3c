import type { AddressInfo } from "node:net";
import express, { type Express } from "express";
import { createActionCallbacksRoute } from "./action-callbacks-route.js";
import { createAssociationsRoute } from "./associations-route.js";
import { createAuthorizeRoutes } from "./authorize-routes.js";
import { createCardViewRoute } from "./card-view-route.js";
import { createClockFollowers } from "./clock-followers.js";
import { createControlRoutes } from "./control-routes.js";
import { createCrmGuard } from "./crm-guard.js";
import { createEmailEventsRoutes } from "./email-events-routes.js";
import { createEventAnalyticsRoutes } from "./event-analytics-routes.js";
import { createFormsRoutes } from "./forms-routes.js";
import type { SeedSizes } from "./generate-crm-data.js";
import { HubSpotError, handleHubSpotErrors, sendHubSpotError } from "./hubspot-error.js";
import { createListsRoutes } from "./lists-routes.js";
import { createMarketingControlRoutes } from "./marketing-control-routes.js";
import { createOAuthTokenRoutes } from "./oauth-token-routes.js";
import { createObjectsRoutes } from "./objects-routes.js";
import { openSandboxDb } from "./open-sandbox-db.js";
import type { WebhookSubscription } from "./parse-webhook-subscriptions.js";
import { createPropertiesRoutes } from "./properties-routes.js";
import { createRateLimiter } from "./rate-limiter.js";
import { createRecordViewRoute } from "./record-view-route.js";
import { createSandboxClock, type SandboxClock } from "./sandbox-clock.js";
import {
  createSandboxPortal,
  type OAuthAppCredentials,
  type SandboxPortal,
  type SandboxTier,
} from "./sandbox-portal.js";
import { createSandboxStats, type SandboxStats } from "./sandbox-stats.js";
import { createSearchRoute } from "./search-route.js";
import { type SeedName, type SeedReport, seedPortal } from "./seed-portal.js";
import { createSeedRoute } from "./seed-route.js";
import { createWebhookRoutes } from "./webhook-routes.js";
import { createWebhookSender, type WebhookSender, type WebhookSenderOptions } from "./webhook-sender.js";
import { createWebhookTarget, targetFromRedirectUri } from "./webhook-target.js";

// The local sandbox portal (docs/decisions.md §Sandbox portal): HubSpot's API for one portal, over HTTP only.
// The app cannot tell it from HubSpot but by HUBSPOT_API_BASE_URL / HUBSPOT_AUTH_BASE_URL (both this server)
// and its credentials. Nothing here imports the app (docs/architecture.md §Sandbox: src/sandbox is a world of its own); a
// test keeps it so.

export interface SandboxServerOptions {
  /** Holds sandbox.sqlite; ":memory:" for a throw-away portal. */
  dataDir: string;
  seed: SeedName;
  /** SANDBOX_RATE_LIMIT_PER_10S; HubSpot's is 110 (docs/hubspot.md §Rate limits and batching). */
  ratePer10s?: number;
  searchPerSecond?: number;
  /** The real time under the sandbox clock; injected by tests. */
  now?: () => number;
  portalId?: number;
  /** SANDBOX_TIER: `professional` answers event analytics as HubSpot does a non-Enterprise portal. */
  tier?: SandboxTier;
  app?: Partial<OAuthAppCredentials> & { appId?: number };
  /** Sizes of a new portal instead of the named seed's (the benchmark's 10,000 contacts). */
  seedSizes?: SeedSizes;
  /**
   * The app's webhook target URL. When absent, the origin of the redirect_uri the app was last
   * installed with, plus /webhooks/hubspot (what a developer would have configured in HubSpot).
   */
  webhookTargetUrl?: string;
  /**
   * The app's webhook subscriptions (parse-webhook-subscriptions.ts reads its webhooks file): only
   * what they cover is sent, as HubSpot does. Absent, every change is sent.
   */
  webhookSubscriptions?: readonly WebhookSubscription[];
  /** Delivery settings (tests shorten the retries and listen for failures). */
  webhooks?: Omit<WebhookSenderOptions, "portal" | "target" | "subscriptions" | "isHeld">;
}

export interface ListeningSandbox {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface SandboxServer {
  app: Express;
  portal: SandboxPortal;
  clock: SandboxClock;
  stats: SandboxStats;
  seedReport: SeedReport;
  /** Runs while the server listens. */
  webhooks: WebhookSender;
  listen(port?: number, host?: string): Promise<ListeningSandbox>;
  /** Closes the database; call after the listeners are closed. */
  close(): void;
}

export const defaultSandboxApp = {
  clientId: "sandbox-client-id",
  clientSecret: "sandbox-client-secret",
  appId: 4_242_001,
};
export const DEFAULT_SANDBOX_PORTAL_ID = 90_000_001;

export function createSandboxServer(options: SandboxServerOptions): SandboxServer {
  const db = openSandboxDb(options.dataDir);
  const clock = createSandboxClock(db, options.now);
  const portalId = options.portalId ?? DEFAULT_SANDBOX_PORTAL_ID;
  const portal = createSandboxPortal(
    db,
    clock,
    portalId,
    { ...defaultSandboxApp, ...options.app },
    options.tier,
  );
  const seedReport = seedPortal(portal, options.seed, options.seedSizes);
  const target = createWebhookTarget(db);
  if (options.webhookTargetUrl) target.set(options.webhookTargetUrl);
  const followers = createClockFollowers(clock);
  const webhooks = createWebhookSender({
    ...options.webhooks,
    portal,
    target,
    subscriptions: options.webhookSubscriptions,
    isHeld: followers.areBehind,
  });
  const stats = createSandboxStats(clock.nowMs());
  const limiter = createRateLimiter({
    ratePer10s: options.ratePer10s ?? 110,
    searchPerSecond: options.searchPerSecond ?? 5,
    nowMs: clock.nowMs,
  });
  const guard = createCrmGuard({ tokens: portal.tokens, limiter, stats, nowMs: clock.nowMs, portalId });

  const app = express();
  app.disable("x-powered-by");
  app.use(stats.count);
  app.use(express.json({ limit: "5mb" }));
  app.use(
    createAuthorizeRoutes(portal, (redirectUri) => {
      if (!options.webhookTargetUrl) target.set(targetFromRedirectUri(redirectUri));
    }),
  );
  app.use(createOAuthTokenRoutes(portal));
  app.use(createControlRoutes(portal, stats, followers));
  app.use(createCardViewRoute(portal, target, clock, followers));
  app.use(createMarketingControlRoutes(portal));
  app.use(createRecordViewRoute(portal));
  app.use(createSeedRoute(portal));
  app.use(createWebhookRoutes(webhooks));
  app.use(createSearchRoute(portal, guard));
  app.use(createObjectsRoutes(portal, guard));
  app.use(createAssociationsRoute(portal, guard));
  app.use(createListsRoutes(portal, guard));
  app.use(createPropertiesRoutes(portal, guard));
  app.use(createActionCallbacksRoute(portal, guard));
  app.use(createEmailEventsRoutes(portal, guard));
  app.use(createFormsRoutes(portal, guard));
  app.use(createEventAnalyticsRoutes(portal, guard));
  app.use((req, res) => {
    sendHubSpotError(
      res,
      new HubSpotError(404, "OBJECT_NOT_FOUND", `The sandbox does not serve ${req.method} ${req.path}`),
    );
  });
  app.use(handleHubSpotErrors);

  return {
    app,
    portal,
    clock,
    stats,
    seedReport,
    webhooks,
    listen(port = 0, host = "127.0.0.1") {
      return new Promise((resolve, reject) => {
        const server = app.listen(port, host, (error?: Error) => {
          if (error) return reject(error);
          const bound = (server.address() as AddressInfo).port;
          webhooks.start();
          resolve({
            url: `http://${host}:${bound}`,
            port: bound,
            close: async () => {
              await webhooks.stop();
              await new Promise<void>((done) => {
                server.closeAllConnections();
                server.close(() => done());
              });
            },
          });
        });
      });
    },
    close: () => db.close(),
  };
}
