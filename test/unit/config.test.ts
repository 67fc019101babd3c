import { describe, expect, it } from "vitest";
import { ConfigError, isHubSpotMode, loadConfig } from "../../src/config.js";

const KEY = "ab".repeat(32);
const HUBSPOT = {
  HUBSPOT_CLIENT_ID: "client-id",
  HUBSPOT_CLIENT_SECRET: "client-secret",
  PUBLIC_BASE_URL: "https://ls.example.com/",
  ENCRYPTION_KEY: KEY,
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  return expect.unreachable("loadConfig accepted a bad configuration");
}
const keysOf = (env: Record<string, string>) => problemsOf(env).map((p) => p.split(":")[0]);

describe("loadConfig", () => {
  it("starts in sandbox mode with no configuration at all, on port 3000", () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      logLevel: "info",
      dataDir: "./data",
      databaseUrl: "sqlite://./data/lead-score.sqlite",
      publicBaseUrl: "http://localhost:3000",
      encryptionKey: undefined,
      hubspot: { mode: "sandbox" },
      hubspotApiBaseUrl: "https://api.hubapi.com",
      hubspotAuthBaseUrl: "https://app.hubspot.com",
      hubspotRateLimitPer10s: 100,
      hubspotTimeoutMs: 30_000,
      adminToken: undefined,
      oauthTokenVersion: "2026-03",
      sandbox: { port: 0, seed: "demo", ratePer10s: 110, tier: "enterprise" },
      pipeline: {
        pollIntervalSec: 300,
        listPollIntervalSec: 900,
        emailEventsPollMs: 180_000,
        formSubmissionsPollMs: 180_000,
        coalesceMs: 2000,
        historyRetentionDays: 90,
        dueCheckSec: 60,
      },
      queueFsync: false,
    });
  });

  it("reads HUBSPOT_TIMEOUT_MS and refuses a deadline under a second or over five minutes", () => {
    expect(loadConfig({ HUBSPOT_TIMEOUT_MS: "5000" }).hubspotTimeoutMs).toBe(5000);
    expect(keysOf({ HUBSPOT_TIMEOUT_MS: "999" })).toEqual(["HUBSPOT_TIMEOUT_MS"]);
    expect(keysOf({ HUBSPOT_TIMEOUT_MS: "300001" })).toEqual(["HUBSPOT_TIMEOUT_MS"]);
    expect(keysOf({ HUBSPOT_TIMEOUT_MS: "soon" })).toEqual(["HUBSPOT_TIMEOUT_MS"]);
  });

  it("reads the pipeline's settings and refuses a QUEUE_FSYNC other than 0 or 1", () => {
    const config = loadConfig({
      POLL_INTERVAL_SEC: "60",
      COALESCE_MS: "0",
      QUEUE_FSYNC: "1",
      DUE_CHECK_SEC: "1",
    });
    expect(config.pipeline).toMatchObject({ pollIntervalSec: 60, coalesceMs: 0, dueCheckSec: 1 });
    expect(config.queueFsync).toBe(true);
    expect(() => loadConfig({ QUEUE_FSYNC: "yes", POLL_INTERVAL_SEC: "5", DUE_CHECK_SEC: "90" })).toThrow(
      /POLL_INTERVAL_SEC: [\s\S]*DUE_CHECK_SEC: must be a whole number of seconds from 1 to 60[\s\S]*QUEUE_FSYNC: must be "0" or "1"/,
    );
  });

  it("reads SANDBOX_TIER and refuses a tier the sandbox does not know", () => {
    expect(loadConfig({ SANDBOX_TIER: "professional" }).sandbox.tier).toBe("professional");
    expect(keysOf({ SANDBOX_TIER: "starter" })).toEqual(["SANDBOX_TIER"]);
  });

  it("derives the sandbox PUBLIC_BASE_URL from PORT and the database from DATA_DIR", () => {
    const config = loadConfig({ PORT: "8080", DATA_DIR: "/var/lib/ls/" });
    expect(config.publicBaseUrl).toBe("http://localhost:8080");
    expect(config.databaseUrl).toBe("sqlite:///var/lib/ls/lead-score.sqlite");
  });

  it("enters HubSpot mode with both credentials and trims the trailing slash of PUBLIC_BASE_URL", () => {
    const config = loadConfig({ ...HUBSPOT, HUBSPOT_OAUTH_TOKEN_VERSION: "v1" });
    expect(config.hubspot).toEqual({ mode: "hubspot", clientId: "client-id", clientSecret: "client-secret" });
    expect(config.publicBaseUrl).toBe("https://ls.example.com");
    expect(config.encryptionKey).toBe(KEY);
    expect(config.oauthTokenVersion).toBe("v1");
    expect(isHubSpotMode(config)).toBe(true);
    expect(isHubSpotMode(loadConfig({}))).toBe(false);
  });

  it("treats empty values (KEY= in .env) as unset", () => {
    expect(loadConfig({ HUBSPOT_CLIENT_ID: "", HUBSPOT_CLIENT_SECRET: "", PORT: "" }).hubspot.mode).toBe(
      "sandbox",
    );
  });

  it("requires PUBLIC_BASE_URL and ENCRYPTION_KEY in HubSpot mode, naming both", () => {
    const problems = problemsOf({ HUBSPOT_CLIENT_ID: "id", HUBSPOT_CLIENT_SECRET: "secret" });
    expect(problems.map((p) => p.split(":")[0])).toEqual(["PUBLIC_BASE_URL", "ENCRYPTION_KEY"]);
    expect(problems[1]).toContain("randomBytes(32)");
  });

  it("rejects only one of the client id/secret pair, naming the missing one", () => {
    expect(keysOf({ HUBSPOT_CLIENT_ID: "id" })).toEqual(["HUBSPOT_CLIENT_SECRET"]);
    expect(keysOf({ HUBSPOT_CLIENT_SECRET: "secret" })).toEqual(["HUBSPOT_CLIENT_ID"]);
  });

  it("accepts http for localhost only", () => {
    expect(loadConfig({ ...HUBSPOT, PUBLIC_BASE_URL: "http://localhost:3000" }).publicBaseUrl).toBe(
      "http://localhost:3000",
    );
    expect(keysOf({ ...HUBSPOT, PUBLIC_BASE_URL: "http://ls.example.com" })).toEqual(["PUBLIC_BASE_URL"]);
    expect(keysOf({ ...HUBSPOT, PUBLIC_BASE_URL: "http://10.0.0.2" })).toEqual(["PUBLIC_BASE_URL"]);
  });

  it("accepts the DATABASE_URL schemes that have a keyv adapter and names them for any other", () => {
    for (const url of [
      "sqlite:///var/lib/ls/db.sqlite",
      "redis://localhost:6379",
      "rediss://:secret@redis.example.com:6380/1",
      "postgres://ls:secret@db.example.com:5432/ls",
      "postgresql://ls@localhost/ls",
    ]) {
      expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    }
    expect(problemsOf({ DATABASE_URL: "mysql://ls@localhost/ls" })).toEqual([
      expect.stringMatching(
        /^DATABASE_URL: must be sqlite:\/\/FILE, redis:\/\/HOST:PORT .* or postgres:\/\//,
      ),
    ]);
  });

  it("lists every bad key in one error", () => {
    expect(
      keysOf({
        PORT: "abc",
        LOG_LEVEL: "loud",
        ENCRYPTION_KEY: "short",
        HUBSPOT_RATE_LIMIT_PER_10S: "500",
        HUBSPOT_API_BASE_URL: "http://api.example.com",
        HUBSPOT_OAUTH_TOKEN_VERSION: "v3",
        ADMIN_TOKEN: "x",
        DATABASE_URL: "lead-score.sqlite",
      }),
    ).toEqual([
      "PORT",
      "LOG_LEVEL",
      "DATABASE_URL",
      "ENCRYPTION_KEY",
      "HUBSPOT_API_BASE_URL",
      "HUBSPOT_RATE_LIMIT_PER_10S",
      "ADMIN_TOKEN",
      "HUBSPOT_OAUTH_TOKEN_VERSION",
    ]);
  });

  it("reports the HubSpot-mode requirements together with other bad keys", () => {
    expect(keysOf({ HUBSPOT_CLIENT_ID: "id", HUBSPOT_CLIENT_SECRET: "s", PORT: "abc" })).toEqual([
      "PORT",
      "PUBLIC_BASE_URL",
      "ENCRYPTION_KEY",
    ]);
    expect(keysOf({ HUBSPOT_CLIENT_ID: "id", LOG_LEVEL: "loud" })).toEqual([
      "LOG_LEVEL",
      "HUBSPOT_CLIENT_SECRET",
    ]);
    expect(problemsOf({ PORT: "abc" })).toEqual(["PORT: must be a whole number from 0 to 65535"]);
  });

  it("never echoes a secret value in its error", () => {
    const message = problemsOf({
      HUBSPOT_CLIENT_SECRET: "s3cr3t-value",
      ENCRYPTION_KEY: "not-hex-s3cr3t",
    }).join("\n");
    expect(message).not.toContain("s3cr3t");
  });
});
