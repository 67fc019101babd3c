import { describe, expect, it } from "vitest";
import { createKeyvSessionStore } from "../../../../src/adapters/stores/keyv-session-store.js";
import { openKeyv } from "../../../../src/adapters/stores/open-keyv.js";
import type { Session, SignInLink } from "../../../../src/ports/session-store.js";

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);
const link: SignInLink = {
  kind: "invite",
  email: "ann@example.com",
  portals: [9],
  createdBy: "admin-token",
  expiresAtMs: T0 + 1000,
};
const session: Session = {
  name: "ann@example.com",
  portals: [9],
  via: "invite",
  csrfToken: "c",
  createdAtMs: T0,
  expiresAtMs: T0 + 1000,
};

describe("keyv session store (sqlite)", () => {
  it("gives a link to one of two racing redemptions, and never again", async () => {
    const store = createKeyvSessionStore(await openKeyv("sqlite://:memory:", "sessions"), () => T0);
    await store.saveLink("secret-link", link);
    const [a, b] = await Promise.all([store.takeLink("secret-link"), store.takeLink("secret-link")]);
    expect([a, b].filter(Boolean)).toEqual([link]);
    expect(await store.takeLink("secret-link")).toBeUndefined();
  });

  it("keys entries by digest, so the stored keys sign no one in", async () => {
    const keyv = await openKeyv<Session | SignInLink>("sqlite://:memory:", "sessions");
    const store = createKeyvSessionStore(keyv, () => T0);
    await store.saveSession("the-session-id", session);
    expect(await store.getSession("the-session-id")).toEqual(session);
    const keys: string[] = [];
    for await (const [key] of keyv.iterator?.(undefined) ?? []) keys.push(String(key));
    expect(keys).toHaveLength(1);
    expect(keys.join()).not.toContain("the-session-id");
    await store.deleteSession("the-session-id");
    expect(await store.getSession("the-session-id")).toBeUndefined();
  });
});
