import { join } from "node:path";
import { z } from "zod";
import { createSandboxServer, defaultSandboxApp } from "./create-sandbox-server.js";
import { seedNames } from "./seed-portal.js";

// `npm run sandbox`: the sandbox portal on its own. The only place in src/sandbox that reads the
// environment (STYLE.md §5). Point the app at it with HUBSPOT_API_BASE_URL and
// HUBSPOT_AUTH_BASE_URL set to the printed URL, and the printed client id and secret.

const envSchema = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65_535).default(0),
  SANDBOX_HOST: z.string().default("127.0.0.1"),
  SANDBOX_SEED: z.enum(seedNames).default("demo"),
  SANDBOX_RATE_LIMIT_PER_10S: z.coerce.number().int().min(1).default(110),
  DATA_DIR: z.string().default("./data"),
  SANDBOX_CLIENT_ID: z.string().optional(),
  SANDBOX_CLIENT_SECRET: z.string().optional(),
  HUBSPOT_CLIENT_ID: z.string().optional(),
  HUBSPOT_CLIENT_SECRET: z.string().optional(),
});

async function main(): Promise<void> {
  const present = Object.fromEntries(
    Object.entries(process.env).filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`).join("\n");
    console.error(`invalid sandbox configuration:\n${problems}`);
    process.exitCode = 1;
    return;
  }
  const env = parsed.data;
  const sandbox = createSandboxServer({
    dataDir: env.DATA_DIR,
    seed: env.SANDBOX_SEED,
    ratePer10s: env.SANDBOX_RATE_LIMIT_PER_10S,
    app: {
      clientId: env.SANDBOX_CLIENT_ID ?? env.HUBSPOT_CLIENT_ID ?? defaultSandboxApp.clientId,
      clientSecret: env.SANDBOX_CLIENT_SECRET ?? env.HUBSPOT_CLIENT_SECRET ?? defaultSandboxApp.clientSecret,
    },
  });
  const listening = await sandbox.listen(env.SANDBOX_PORT, env.SANDBOX_HOST);
  const { seedReport, portal } = sandbox;
  console.log(
    JSON.stringify({
      msg: "sandbox portal listening",
      url: listening.url,
      portalId: portal.portalId,
      clientId: portal.app.clientId,
      database: join(env.DATA_DIR, "sandbox.sqlite"),
      seed: seedReport.seed,
      seededNow: seedReport.seededNow,
      seedMs: seedReport.elapsedMs,
      counts: seedReport.counts,
      rateLimitPer10s: env.SANDBOX_RATE_LIMIT_PER_10S,
    }),
  );
  const stop = () => {
    void listening.close().then(() => sandbox.close());
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

await main();
