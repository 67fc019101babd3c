import { SandboxSettingsError, startStandaloneSandbox } from "./start-standalone-sandbox.js";

// `npm run sandbox`: the sandbox portal on its own. The only place in src/sandbox that reads the
// environment (docs/architecture.md §Configuration). Point the app at it with HUBSPOT_API_BASE_URL and
// HUBSPOT_AUTH_BASE_URL set to the printed URL, and the printed client id and secret.

async function main(): Promise<void> {
  let running: Awaited<ReturnType<typeof startStandaloneSandbox>>;
  try {
    running = await startStandaloneSandbox(process.env);
  } catch (error) {
    if (!(error instanceof SandboxSettingsError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
    return;
  }
  console.log(JSON.stringify(running.summary));
  const stop = () => void running.close();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

await main();
