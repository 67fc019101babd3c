import { CliError } from "./cli-error.js";
import { type FindNpmStartIo, type FoundNpmStart, findNpmStart } from "./find-npm-start.js";

// Commands that act on a running lead-score app do it over its admin API (/api, bearer
// ADMIN_TOKEN), so their HubSpot calls go through the app's per-portal queue and budget.

export type AdminApiClient = {
  readonly url: string;
  /** `body` is sent as JSON. */
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
};

/** A request that never reached the app (refused, reset, DNS): it may be restarting. */
export class AppUnreachableError extends CliError {}

const DEFAULT_URL = "http://localhost:3000";

/**
 * --url, else LEAD_SCORE_URL, else the app of a running `npm start` (with the admin token it
 * recorded), else the app's default port; --token, else ADMIN_TOKEN. `found` is that npm start.
 */
export async function resolveAdminApp(
  options: { url?: string; token?: string },
  io: FindNpmStartIo,
): Promise<{ url: string; token: string; found: FoundNpmStart | null }> {
  const given = options.url || io.env.LEAD_SCORE_URL;
  const found = given
    ? null
    : await findNpmStart(io, "app", "pass --url (or set LEAD_SCORE_URL) and set ADMIN_TOKEN");
  const url = given || found?.appUrl || DEFAULT_URL;
  if (!URL.canParse(url)) throw new CliError([`--url / LEAD_SCORE_URL: not a URL: ${url}`]);
  const token = options.token || found?.adminToken || io.env.ADMIN_TOKEN;
  if (!token)
    throw new CliError([
      "no admin token: set ADMIN_TOKEN to the running app's ADMIN_TOKEN (or pass --token)",
    ]);
  return { url: url.replace(/\/+$/, ""), token, found };
}

/** resolveAdminApp, and --portal, else the portal of a running `npm start`. */
export async function resolveAdminApi(
  options: { url?: string; token?: string; portal?: number },
  io: FindNpmStartIo,
): Promise<{ url: string; token: string; portalId: number }> {
  const { url, token, found } = await resolveAdminApp(options, io);
  const portalId = options.portal ?? found?.portalId;
  if (portalId === undefined) throw new CliError(["which portal? pass --portal ID"]);
  return { url, token, portalId };
}

export function createAdminApiClient(url: string, token: string, get: typeof fetch = fetch): AdminApiClient {
  return {
    url,
    async call<T>(method: string, path: string, json?: unknown): Promise<T> {
      let response: Response;
      try {
        response = await get(`${url}/api${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            accept: "application/json",
            ...(json === undefined ? {} : { "content-type": "application/json" }),
          },
          ...(json === undefined ? {} : { body: JSON.stringify(json) }),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        const why = cause?.code ?? cause?.message ?? (error as Error).message;
        throw new AppUnreachableError([
          `cannot reach lead-score at ${url} (${why}): is it running? (--url or LEAD_SCORE_URL)`,
        ]);
      }
      const text = await response.text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : {};
      } catch {
        throw new CliError([`${method} ${path}: ${response.status}, not JSON: ${text.slice(0, 200)}`]);
      }
      if (!response.ok) {
        // The admin API's error shape (send-error.ts), its message shown as the app wrote it.
        const error = (body as { error?: { code?: string; message?: string } }).error;
        throw new CliError([
          error?.message
            ? `${response.status} ${error.code ?? "error"}: ${error.message}`
            : `${method} ${path}: ${response.status} ${text.slice(0, 200)}`,
        ]);
      }
      return body as T;
    },
  };
}
