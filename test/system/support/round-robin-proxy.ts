import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

export type RoundRobinProxy = {
  url: string;
  /** The instances behind it; set once they listen (the proxy's URL is their PUBLIC_BASE_URL). */
  targets: string[];
  /** Requests forwarded to each target, by path prefix: how the load was split. */
  forwarded: Map<string, number>;
  close(): Promise<void>;
};

/**
 * The load balancer in front of several app instances: each request goes to the next instance, as
 * is, body and headers untouched (the v3 signature covers PUBLIC_BASE_URL + path, the same for all).
 */
export async function startRoundRobinProxy(): Promise<RoundRobinProxy> {
  const targets: string[] = [];
  const forwarded = new Map<string, number>();
  let next = 0;
  const server = createServer((req, res) => {
    const target = targets[next++ % targets.length];
    if (!target) {
      res.writeHead(503).end("no instance yet");
      return;
    }
    const key = `${target} ${req.url?.split("?")[0]}`;
    forwarded.set(key, (forwarded.get(key) ?? 0) + 1);
    const upstream = request(
      `${target}${req.url}`,
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", (error) => res.writeHead(502).end(error.message));
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    targets,
    forwarded,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
