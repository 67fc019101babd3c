import type { Client } from "@hubspot/api-client";

// GET on an endpoint the SDK has no typed API for (docs/hubspot.md §SDK retries and pacing: `client.apiRequest`), such as the
// legacy email events log and form submissions (docs/hubspot.md §Marketing email events, §Form submissions). apiRequest answers with the
// raw response whatever its status, so a non-2xx becomes the ApiException shape {code, body, headers}
// mapHubSpotError reads: 403 stays "forbidden", 429 keeps its Retry-After. apiRequest takes no agent
// nor signal (its Request sends method, headers and body only), so the deadline of portal-pacer.ts
// still ends the call at HUBSPOT_TIMEOUT_MS but cannot tear the socket down early; an aborted call is
// not sent at all, and its body is not read.

export interface RawHubSpotError {
  code: number;
  body: unknown;
  headers: Record<string, string>;
}

export type RawGet = (path: string, query: Record<string, string>, signal: AbortSignal) => Promise<unknown>;

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function createRawGet(client: Client, accessToken: () => Promise<string>): RawGet {
  return async (path, query, signal) => {
    signal.throwIfAborted();
    const response = await client.apiRequest({
      method: "GET",
      path,
      qs: query,
      defaultJson: false,
      headers: { Authorization: `Bearer ${await accessToken()}` },
    });
    signal.throwIfAborted();
    const body = parseBody(await response.text());
    if (response.ok) return body;
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    const error: RawHubSpotError = { code: response.status, body, headers };
    throw error;
  };
}
