import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createHubSpotCrmClient } from "../../../src/adapters/hubspot-client/create-hubspot-crm-client.js";
import { createHubSpotOAuthClient } from "../../../src/adapters/hubspot-client/oauth-client.js";
import { rapidRetryPolicy } from "../../../src/adapters/hubspot-client/retry-policy.js";
import { buildBatchRead, buildRecord } from "../../fixtures/hubspot/crm-payloads.js";
import { appErrorRejection } from "../../support/app-error-rejection.js";

// A real socket that never answers (the drill's hung HubSpot): nock would stop waiting with us but
// cannot show that the connection itself is torn down. The deadline is short; nothing here depends on
// how fast the machine is, since the server never answers at all.

const TIMEOUT_MS = 150;
type Answer = (req: IncomingMessage, res: ServerResponse) => void;
const hang: Answer = () => {};

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** A server answering its n-th request with answers[n] (the last one from then on); sockets recorded. */
async function startServer(answers: Answer[]) {
  const sockets: Socket[] = [];
  const closed: Socket[] = [];
  let requests = 0;
  const server = createServer((req, res) => {
    const answer = answers[Math.min(requests, answers.length - 1)] as Answer;
    requests++;
    req.resume();
    answer(req, res);
  });
  server.on("connection", (socket) => {
    sockets.push(socket);
    socket.on("close", () => closed.push(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, sockets, closed, requests: () => requests };
}

function crmClient(baseUrl: string, timeouts: string[]) {
  return createHubSpotCrmClient({
    portalId: "123",
    accessToken: async () => "token",
    baseUrl,
    ratePer10s: 100,
    timeoutMs: TIMEOUT_MS,
    onTimeout: ({ operation }) => timeouts.push(operation),
    policy: rapidRetryPolicy,
    sleep: async () => {},
    random: () => 0.5,
    logger: { warn: () => {} } as never,
  });
}

const json =
  (body: unknown): Answer =>
  (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  };

describe("every HubSpot call has a deadline", () => {
  it("aborts a call HubSpot never answers, closes its connection, counts it and retries like a 5xx", async () => {
    const server = await startServer([hang, json(buildBatchRead([buildRecord("1")]))]);
    const timeouts: string[] = [];
    const records = await crmClient(server.url, timeouts).readRecords("contacts", ["1"], []);
    expect(records.map((r) => r.id)).toEqual(["1"]);
    expect(server.requests()).toBe(2);
    expect(timeouts).toEqual(["contacts batch read"]);
    // The hung request's socket was destroyed by the client, not left open until the server gives up.
    expect(server.closed).toContain(server.sockets[0]);
  });

  it("gives up after the retry policy's attempts with a retryable timeout naming HUBSPOT_TIMEOUT_MS", async () => {
    const server = await startServer([hang]);
    const timeouts: string[] = [];
    const error = await appErrorRejection(crmClient(server.url, timeouts).readRecords("contacts", ["1"], []));
    expect(error.code).toBe("upstream_failed");
    expect(error.details).toMatchObject({ reason: "timeout", retryable: true, status: null });
    expect(error.message).toMatch(/timed out: no answer within 150 ms \(HUBSPOT_TIMEOUT_MS\)/);
    expect(server.requests()).toBe(rapidRetryPolicy.maxAttempts);
    expect(timeouts).toHaveLength(rapidRetryPolicy.maxAttempts);
  });

  it("counts a body that stops halfway as a hung call", async () => {
    const halfBody: Answer = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"status":"COMPLETE","results":[');
    };
    const server = await startServer([halfBody, json({ total: 3, results: [] })]);
    const timeouts: string[] = [];
    expect(await crmClient(server.url, timeouts).countRecords("contacts")).toBe(3);
    expect(timeouts).toEqual(["contacts count"]);
    expect(server.closed).toContain(server.sockets[0]);
  });

  it.each(["2026-03", "v1"] as const)(
    "aborts a %s token refresh HubSpot never answers",
    async (tokenVersion) => {
      const server = await startServer([hang]);
      const oauth = createHubSpotOAuthClient({
        clientId: "id",
        clientSecret: "secret",
        apiBaseUrl: server.url,
        tokenVersion,
        timeoutMs: TIMEOUT_MS,
      });
      const error = await appErrorRejection(oauth.refresh("refresh-token"));
      expect(error.code).toBe("upstream_failed");
      expect(error.details).toMatchObject({ reason: "timeout", retryable: true });
      expect(error.message).toMatch(/no answer within 150 ms \(HUBSPOT_TIMEOUT_MS\)/);
      await expect.poll(() => server.closed.length).toBe(1);
    },
  );
});
