import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpApp } from "../../src/http/create-http-app.js";
import { createStartingGate, type StartingGate } from "../../src/http/starting-gate.js";

// The server main.ts and the sandbox-mode starter bind before the app exists: until the gate opens
// every request is answered at once with 503, then the app answers.

let server: Server;
let gate: StartingGate;
let base: string;

beforeAll(async () => {
  gate = createStartingGate("1.2.3");
  server = createServer(gate.handle);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((done) => server.close(done)));

describe("before the app is ready", () => {
  it("/health answers 503 starting with Retry-After", async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(await res.json()).toEqual({ status: "starting", version: "1.2.3" });
  });

  it("the admin API and a webhook delivery get the API's error shape in JSON", async () => {
    const api = await fetch(`${base}/api/portals/1/scores`, { headers: { authorization: "Bearer x" } });
    expect(api.status).toBe(503);
    expect(api.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await api.json()).toEqual({
      error: { code: "starting", message: "lead-score is starting; retry in a few seconds" },
    });
    const webhook = await fetch(`${base}/webhooks/hubspot`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([{ objectId: 1, subscriptionType: "contact.creation" }]),
    });
    expect(webhook.status).toBe(503);
    expect(webhook.headers.get("retry-after")).toBe("2");
    expect(((await webhook.json()) as { error: { code: string } }).error.code).toBe("starting");
  });

  it("the admin page gets a small HTML page that reloads itself", async () => {
    const res = await fetch(`${base}/admin/portals/1?x=1`);
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain("lead-score is starting");
    expect(page).toContain('http-equiv="refresh"');
  });
});

describe("once the gate opens", () => {
  it("the app answers: /health says ok", async () => {
    gate.open(createHttpApp({ version: "1.2.3" }));
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", version: "1.2.3" });
    expect((await fetch(`${base}/admin`)).status).not.toBe(503);
  });
});
