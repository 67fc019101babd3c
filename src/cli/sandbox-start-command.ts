import type { Command } from "commander";
import { CliError } from "./cli-error.js";
import type { SandboxCommandIo } from "./sandbox-command.js";

/**
 * `lead-score sandbox start`: the sandbox portal in this process until interrupted, with the flags
 * over the SANDBOX_* settings `npm run sandbox` reads; prints the line that points the other
 * `lead-score sandbox` commands at it.
 */
export function addSandboxStartCommand(sandbox: Command, io: SandboxCommandIo): void {
  const print = (line: string) => io.out.write(`${line}\n`);
  sandbox
    .command("start")
    .description("run a sandbox portal until interrupted (settings: SANDBOX_* and DATA_DIR, or these flags)")
    .option("--port <port>", "port; 0 for an ephemeral one (SANDBOX_PORT)")
    .option("--seed <seed>", "seed of a new portal: demo, small or none (SANDBOX_SEED)")
    .option("--data-dir <dir>", "folder of sandbox.sqlite; :memory: keeps nothing (DATA_DIR)")
    .option("--rate-limit <n>", "requests per rolling 10 s (SANDBOX_RATE_LIMIT_PER_10S)")
    .option("--tier <tier>", "HubSpot tier: enterprise, or professional (no event analytics) (SANDBOX_TIER)")
    .option("--webhook-url <url>", "where to deliver webhooks (default: the installing app's origin)")
    .option(
      "--subscriptions <file>",
      "the app's webhooks file, e.g. webhooks/webhooks.json: send only what it subscribes to (SANDBOX_WEBHOOK_SUBSCRIPTIONS; default: every change)",
    )
    .action(async (options: Record<string, string | undefined>) => {
      const flags = {
        SANDBOX_PORT: options.port,
        SANDBOX_SEED: options.seed,
        DATA_DIR: options.dataDir,
        SANDBOX_RATE_LIMIT_PER_10S: options.rateLimit,
        SANDBOX_TIER: options.tier,
        SANDBOX_WEBHOOK_URL: options.webhookUrl,
        SANDBOX_WEBHOOK_SUBSCRIPTIONS: options.subscriptions,
      };
      const defined = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined));
      // Loaded when the command runs: the sandbox (express, SQLite) is not what `evaluate` starts for.
      const sandbox = await import("../sandbox/start-standalone-sandbox.js");
      try {
        const running = await sandbox.startStandaloneSandbox({ ...io.env, ...defined });
        print(JSON.stringify(running.summary));
        print(`export SANDBOX_URL=${running.url}`);
        if (io.started) return io.started(running);
        const stop = () => void running.close();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      } catch (error) {
        if (error instanceof sandbox.SandboxSettingsError) throw new CliError(error.message.split("\n"));
        throw error;
      }
    });
}
