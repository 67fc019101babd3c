import { CliError } from "./cli-error.js";
import { type FindNpmStartIo, findNpmStart } from "./find-npm-start.js";

// The `lead-score sandbox` commands act on a running sandbox over its control endpoints
// (/__sandbox/*, src/sandbox/control-routes.ts), as a person acting in HubSpot's UI would.

export type SandboxClient = {
  readonly url: string;
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
};

/** --url, else SANDBOX_URL, else the sandbox of a running `npm start`; an error that says how to set either. */
export async function resolveSandboxUrl(option: string | undefined, io: FindNpmStartIo): Promise<string> {
  const given = option ?? io.env.SANDBOX_URL;
  const url =
    given === undefined || given === ""
      ? (await findNpmStart(io, "sandbox", "pass --url or set SANDBOX_URL"))?.sandboxUrl
      : given;
  if (url === undefined)
    throw new CliError([
      "which sandbox? pass --url http://127.0.0.1:PORT or set SANDBOX_URL (npm start and `lead-score sandbox start` print it)",
    ]);
  if (!URL.canParse(url)) throw new CliError([`--url / SANDBOX_URL: not a URL: ${url}`]);
  return url.replace(/\/+$/, "");
}

export function createSandboxClient(url: string, get: typeof fetch = fetch): SandboxClient {
  return {
    url,
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      let response: Response;
      try {
        response = await get(`${url}${path}`, {
          method,
          headers: { "content-type": "application/json" },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (error) {
        const why = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
        throw new CliError([`cannot reach the sandbox at ${url} (${why}): is it running?`]);
      }
      const text = await response.text();
      const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      // The sandbox answers errors in HubSpot's shape: { status, message, category, ... }.
      if (!response.ok)
        throw new CliError([
          `sandbox: ${method} ${path} answered ${response.status}: ${String(json.message ?? text)}`,
        ]);
      return json as T;
    },
  };
}
