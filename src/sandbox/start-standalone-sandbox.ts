import { join } from "node:path";
import { z } from "zod";
import { createSandboxServer, defaultSandboxApp } from "./create-sandbox-server.js";
import { loadWebhookSubscriptions } from "./load-webhook-subscriptions.js";
import { type WebhookSubscription, WebhookSubscriptionsError } from "./parse-webhook-subscriptions.js";
import { sandboxTiers } from "./sandbox-portal.js";
import { seedNames } from "./seed-portal.js";

// The sandbox on its own (`npm run sandbox`, `lead-score sandbox start`): settings from an
// environment-shaped record (main.ts passes the environment; the CLI, its flags over it). Without
// SANDBOX_WEBHOOK_SUBSCRIPTIONS it sends the app every change: it cannot know what the app wants.

const settingsSchema = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65_535).default(0),
  SANDBOX_HOST: z.string().default("127.0.0.1"),
  SANDBOX_SEED: z.enum(seedNames).default("demo"),
  SANDBOX_RATE_LIMIT_PER_10S: z.coerce.number().int().min(1).default(110),
  /** HubSpot tier: `professional` refuses event analytics as HubSpot does (Enterprise only). */
  SANDBOX_TIER: z.enum(sandboxTiers).default("enterprise"),
  DATA_DIR: z.string().default("./data"),
  SANDBOX_CLIENT_ID: z.string().optional(),
  SANDBOX_CLIENT_SECRET: z.string().optional(),
  HUBSPOT_CLIENT_ID: z.string().optional(),
  HUBSPOT_CLIENT_SECRET: z.string().optional(),
  /** Where webhooks go; else derived from the redirect_uri the app installs with. */
  SANDBOX_WEBHOOK_URL: z.url().optional(),
  /** The app's webhooks file (webhooks/webhooks.json): only what it subscribes to is sent; else everything. */
  SANDBOX_WEBHOOK_SUBSCRIPTIONS: z.string().optional(),
});

export class SandboxSettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid sandbox configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "SandboxSettingsError";
  }
}

export async function startStandaloneSandbox(env: Record<string, string | undefined>) {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = settingsSchema.safeParse(present);
  if (!parsed.success)
    throw new SandboxSettingsError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  const s = parsed.data;
  const subscriptions = readSubscriptions(s.SANDBOX_WEBHOOK_SUBSCRIPTIONS);
  const sandbox = createSandboxServer({
    dataDir: s.DATA_DIR,
    seed: s.SANDBOX_SEED,
    ratePer10s: s.SANDBOX_RATE_LIMIT_PER_10S,
    tier: s.SANDBOX_TIER,
    app: {
      clientId: s.SANDBOX_CLIENT_ID ?? s.HUBSPOT_CLIENT_ID ?? defaultSandboxApp.clientId,
      clientSecret: s.SANDBOX_CLIENT_SECRET ?? s.HUBSPOT_CLIENT_SECRET ?? defaultSandboxApp.clientSecret,
    },
    ...(s.SANDBOX_WEBHOOK_URL ? { webhookTargetUrl: s.SANDBOX_WEBHOOK_URL } : {}),
    webhookSubscriptions: subscriptions,
  });
  const listening = await sandbox.listen(s.SANDBOX_PORT, s.SANDBOX_HOST);
  const { seedReport, portal } = sandbox;
  const summary = {
    msg: "sandbox portal listening",
    url: listening.url,
    portalId: portal.portalId,
    clientId: portal.app.clientId,
    database: s.DATA_DIR === ":memory:" ? ":memory:" : join(s.DATA_DIR, "sandbox.sqlite"),
    seed: seedReport.seed,
    seededNow: seedReport.seededNow,
    seedMs: seedReport.elapsedMs,
    counts: seedReport.counts,
    rateLimitPer10s: s.SANDBOX_RATE_LIMIT_PER_10S,
    tier: s.SANDBOX_TIER,
    webhooksSent: subscriptions ? `what ${subscriptions.length} subscriptions cover` : "every change",
  };
  return {
    summary,
    url: listening.url,
    async close() {
      await listening.close();
      sandbox.close();
    },
  };
}

function readSubscriptions(path: string | undefined): WebhookSubscription[] | undefined {
  if (path === undefined) return undefined;
  try {
    return loadWebhookSubscriptions(path);
  } catch (error) {
    if (!(error instanceof WebhookSubscriptionsError)) throw error;
    throw new SandboxSettingsError(error.problems.map((p) => `SANDBOX_WEBHOOK_SUBSCRIPTIONS: ${p}`));
  }
}
