import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { Keyv } from "keyv";
import { afterEach, describe, expect, it } from "vitest";
import { createKeyvOAuthStateStore } from "../../../src/adapters/stores/keyv-oauth-state-store.js";
import type { InstallResult } from "../../../src/app/install-portal.js";
import { createHttpApp } from "../../../src/http/create-http-app.js";
import { signState } from "../../../src/hubspot/oauth-state.js";
import { createLogger } from "../../../src/logger.js";

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(install: (code: string) => Promise<InstallResult>) {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const app = createHttpApp({
    version: "test",
    oauth: {
      clientId: "c",
      stateSecret: "s",
      authBaseUrl: "https://app.hubspot.com",
      redirectUri: "https://ls.example.com/oauth/callback",
      install,
      states: createKeyvOAuthStateStore(new Keyv(), () => T0),
      now: () => T0,
      logger: createLogger("info", sink),
      newNonce: () => "fixed-nonce",
    },
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server?.once("listening", resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, logs };
}

describe("OAuth routes", () => {
  it("signs the state with the injected clock and the nonce it sets in a 10-minute HttpOnly Lax cookie", async () => {
    const { base } = await serve(async () => expect.unreachable());
    const res = await fetch(`${base}/oauth/install`, { redirect: "manual" });
    expect(new URL(res.headers.get("location") as string).searchParams.get("state")).toBe(
      signState("s", T0, "fixed-nonce", "install"),
    );
    expect(res.headers.getSetCookie()).toEqual([
      "ls_install=fixed-nonce; Path=/; Max-Age=600; HttpOnly; SameSite=Lax; Secure",
    ]);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 400 when the code or the state is missing", async () => {
    const { base } = await serve(async () => expect.unreachable());
    expect((await fetch(`${base}/oauth/callback?code=x`)).status).toBe(400);
    expect((await fetch(`${base}/oauth/callback?state=${signState("s", T0, "n", "install")}`)).status).toBe(
      400,
    );
  });

  it("answers 500 with a page, and logs the cause, when saving the installation fails", async () => {
    const { base, logs } = await serve(async () => {
      throw new Error("SQLITE_FULL: database or disk is full");
    });
    const res = await fetch(`${base}/oauth/callback?code=x&state=${signState("s", T0, "n", "install")}`, {
      headers: { cookie: "ls_install=n" },
    });
    expect(res.status).toBe(500);
    expect(await res.text()).toContain("could not save the installation");
    expect(logs.join("")).toContain("SQLITE_FULL");
  });
});
