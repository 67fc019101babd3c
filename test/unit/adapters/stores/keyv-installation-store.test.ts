import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createKeyvInstallationStore } from "../../../../src/adapters/stores/keyv-installation-store.js";
import { openKeyv } from "../../../../src/adapters/stores/open-keyv.js";
import { tokenContext } from "../../../../src/app/seal-grant.js";
import { loadConfig } from "../../../../src/config.js";
import { AppError } from "../../../../src/errors.js";
import type { Installation } from "../../../../src/ports/installation-store.js";
import { createDummyInstallation, createTestCipher, T0 } from "../../../fixtures/installation.js";

const ACCESS = "CNXH8ZiyMxICAQEYs-gDIIGOBii1hQIyGQAf3xBK-access";
const REFRESH = "na1-ab12-cd34-ef56-gh78-abcdef123456";
const opened: { disconnect(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((k) => k.disconnect()));
});

async function openDefaultStore() {
  // The DEFAULT DATABASE_URL of a fresh DATA_DIR: if the sqlite3 native build was skipped, this fails loudly.
  const dataDir = join(mkdtempSync(join(tmpdir(), "ls-store-")), "data");
  const { databaseUrl } = loadConfig({ DATA_DIR: dataDir });
  const keyv = await openKeyv<Installation>(databaseUrl, "installations");
  opened.push(keyv);
  return { store: createKeyvInstallationStore(keyv), file: join(dataDir, "lead-score.sqlite"), keyv };
}

describe("keyv InstallationStore on the default SQLite database", () => {
  it("round-trips an installation; the raw row holds no token in clear text", async () => {
    const { store, file } = await openDefaultStore();
    const installation = createDummyInstallation({ accessToken: ACCESS, refreshToken: REFRESH });
    await store.save(installation);

    const back = await store.get(62515);
    expect(back).toEqual(installation);
    const cipher = createTestCipher();
    expect(cipher.open(back?.accessTokenSealed as string, tokenContext(62515))).toBe(ACCESS);
    expect(cipher.open(back?.refreshTokenSealed as string, tokenContext(62515))).toBe(REFRESH);

    const db = new Database(file, { readonly: true });
    const rows = db.prepare("SELECT * FROM keyv").all() as { key: string; value: string }[];
    db.close();
    expect(rows.map((r) => r.key)).toEqual(["installations:62515"]);
    expect(rows[0]?.value).toContain('"hubId":62515');
    expect(rows[0]?.value).not.toContain(ACCESS);
    expect(rows[0]?.value).not.toContain(REFRESH);
  });

  it("lists installations of its namespace only, ordered by portal", async () => {
    const { store, file } = await openDefaultStore();
    await store.save(createDummyInstallation({ portalId: 300 }));
    await store.save(createDummyInstallation({ portalId: 100 }));
    const other = await openKeyv<unknown>(`sqlite://${file}`, "scores");
    opened.push(other);
    await other.set("100", { not: "an installation" });
    expect((await store.list()).map((i) => i.portalId)).toEqual([100, 300]);
  });

  it("marks an installation disconnected and keeps its tokens", async () => {
    const { store } = await openDefaultStore();
    const installation = createDummyInstallation();
    await store.save(installation);
    await store.markDisconnected(62515, T0 + 1000, "invalid_grant");
    expect(await store.get(62515)).toEqual({
      ...installation,
      status: "disconnected",
      disconnectedAtMs: T0 + 1000,
      disconnectReason: "invalid_grant",
    });
    await expect(store.markDisconnected(1, T0, "x")).rejects.toThrowError(AppError);
  });

  it("answers undefined for an unknown portal", async () => {
    const { store } = await openDefaultStore();
    expect(await store.get(404)).toBeUndefined();
  });
});

describe("openKeyv", () => {
  it("names the supported schemes when DATABASE_URL has another one", async () => {
    await expect(openKeyv("mongodb://localhost:27017", "x")).rejects.toThrowError(
      /"mongodb:" is not supported; use one of sqlite:, redis:, rediss:, postgres:, postgresql:/,
    );
  });
});
