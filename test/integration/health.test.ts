import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpApp } from "../../src/http/create-http-app.js";
import { loadVersion } from "../../src/version.js";

describe("GET /health", () => {
  let server: ReturnType<ReturnType<typeof createHttpApp>["listen"]>;
  let base: string;
  beforeAll(async () => {
    server = createHttpApp({ version: loadVersion() }).listen(0);
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("answers 200 with status ok and the package version", async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", version: "0.1.0" });
  });
});
