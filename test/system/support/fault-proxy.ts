import { createServer, type IncomingMessage, request, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

// The fault drill's proxy (docs/decisions.md §Background jobs): it stands where HubSpot's API host
// stands (HUBSPOT_API_BASE_URL), forwards to the sandbox portal, and on command fails the way HubSpot
// and the network fail. Its 429s look like HubSpot's (docs/hubspot.md §Rate limits and batching): `policyName`
// TEN_SECONDLY_ROLLING, `errorType` RATE_LIMIT, with or without Retry-After.

export type Fault =
  | { kind: "none" }
  /** 429 TEN_SECONDLY_ROLLING, with a Retry-After header when `retryAfterSec` is given. */
  | { kind: "rate-limit"; retryAfterSec?: number }
  /** 502 with HubSpot's error body. */
  | { kind: "bad-gateway" }
  /** The connection is torn down as soon as the request arrives (socket.destroy). */
  | { kind: "reset" }
  /** The request is accepted and never answered. */
  | { kind: "hang" }
  /** The request is forwarded after `delayMs`. */
  | { kind: "slow"; delayMs: number };

export type FaultProxy = {
  url: string;
  /** Where requests go: the sandbox portal, known once it listens. */
  target: string;
  /**
   * The fault every request meets from now on, except those whose path matches `spare`;
   * `{ kind: "none" }` forwards them as they are.
   */
  set(fault: Fault, spare?: RegExp): void;
  /** Requests each fault kind met (forwarded ones under "none"): proof the app met the fault. */
  met: Map<Fault["kind"], number>;
  close(): Promise<void>;
};

function forward(target: string, req: IncomingMessage, res: ServerResponse) {
  const upstream = request(
    `${target}${req.url}`,
    { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on("error", (error) => {
    if (!res.headersSent) res.writeHead(502).end(error.message);
    else res.destroy();
  });
  req.pipe(upstream);
}

const hubspotError = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  [status, { "content-type": "application/json;charset=utf-8", ...headers }, JSON.stringify(body)] as const;

export async function startFaultProxy(): Promise<FaultProxy> {
  let fault: Fault = { kind: "none" };
  let spared: RegExp | undefined;
  const met = new Map<Fault["kind"], number>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const proxy: FaultProxy = {
    url: "",
    target: "",
    set: (next, spare) => {
      fault = next;
      spared = spare;
    },
    met,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((req, res) => {
    const now: Fault = spared?.test(req.url ?? "") ? { kind: "none" } : fault;
    met.set(now.kind, (met.get(now.kind) ?? 0) + 1);
    const answer = (...[status, headers, body]: ReturnType<typeof hubspotError>) => {
      req.resume();
      res.writeHead(status, headers).end(body);
    };
    switch (now.kind) {
      case "none":
        return forward(proxy.target, req, res);
      case "rate-limit":
        return answer(
          ...hubspotError(
            429,
            {
              status: "error",
              message: "You have reached your ten_secondly_rolling limit.",
              errorType: "RATE_LIMIT",
              correlationId: "00000000-0000-4000-8000-000000000429",
              policyName: "TEN_SECONDLY_ROLLING",
            },
            now.retryAfterSec === undefined ? {} : { "retry-after": String(now.retryAfterSec) },
          ),
        );
      case "bad-gateway":
        return answer(
          ...hubspotError(502, {
            status: "error",
            message: "Bad Gateway",
            correlationId: "00000000-0000-4000-8000-000000000502",
            category: "BAD_GATEWAY",
          }),
        );
      case "reset":
        return req.socket.destroy();
      case "hang":
        // Held until the app gives up on it (its deadline) or the proxy closes.
        req.resume();
        return;
      case "slow": {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!req.socket.destroyed) forward(proxy.target, req, res);
        }, now.delayMs);
        timers.add(timer);
        return;
      }
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
