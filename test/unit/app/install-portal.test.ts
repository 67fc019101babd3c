import { describe, expect, it } from "vitest";
import { installPortal } from "../../../src/app/install-portal.js";
import { tokenContext } from "../../../src/app/seal-grant.js";
import type { OAuthClient } from "../../../src/ports/oauth-client.js";
import { createMemoryInstallationStore, createTestCipher, T0 } from "../../fixtures/installation.js";

function fakeOAuth(scopes: string[], calls: string[]): OAuthClient {
  return {
    exchangeCode: async (code, redirectUri) => {
      calls.push(`exchange ${code} ${redirectUri}`);
      return { accessToken: "at-1", refreshToken: "rt-1", expiresInSec: 1800 };
    },
    refresh: async () => {
      throw new Error("not expected");
    },
    introspect: async (token) => {
      calls.push(`introspect ${token}`);
      return { hubId: 62515, scopes };
    },
    revokeRefreshToken: async () => {
      throw new Error("not expected");
    },
  };
}

describe("installPortal", () => {
  const redirectUri = "https://ls.example.com/oauth/callback";
  const logger = { info: () => {}, error: () => {} };

  it("stores a connected installation with sealed tokens, expiry and the granted scopes", async () => {
    const store = createMemoryInstallationStore();
    const calls: string[] = [];
    const deps = {
      oauth: fakeOAuth(["oauth", "automation"], calls),
      store,
      cipher: createTestCipher(),
      redirectUri,
      now: () => T0,
      logger,
    };
    const result = await installPortal("code-1", deps);
    expect(calls).toEqual([`exchange code-1 ${redirectUri}`, "introspect at-1"]);
    expect(result).toEqual({
      portalId: 62515,
      scopes: ["oauth", "automation"],
      missingOptionalScopes: ["sales-email-read", "tickets", "content", "forms"],
      reinstalled: false,
    });
    const saved = await store.get(62515);
    expect(saved).toMatchObject({
      portalId: 62515,
      hubId: 62515,
      expiresAtMs: T0 + 1_800_000,
      scopes: ["automation", "oauth"],
      status: "connected",
      installedAtMs: T0,
    });
    expect(createTestCipher().open(saved?.refreshTokenSealed as string, tokenContext(62515))).toBe("rt-1");
  });

  it("reconnects a disconnected portal on reinstall and reports the optional scope as granted", async () => {
    const store = createMemoryInstallationStore();
    const deps = (scopes: string[]) => ({
      oauth: fakeOAuth(scopes, []),
      store,
      cipher: createTestCipher(),
      redirectUri,
      now: () => T0,
      logger,
    });
    await installPortal("code-1", deps(["oauth"]));
    await store.markDisconnected(62515, T0, "invalid_grant");
    const again = await installPortal(
      "code-2",
      deps(["oauth", "sales-email-read", "tickets", "content", "forms"]),
    );
    expect(again).toMatchObject({ reinstalled: true, missingOptionalScopes: [] });
    const saved = await store.get(62515);
    expect(saved?.status).toBe("connected");
    expect(saved?.disconnectReason).toBeUndefined();
  });
});
