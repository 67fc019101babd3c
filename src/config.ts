import { z } from "zod";

// docs/architecture.md §Configuration: one zod schema, read only by the entry point; every key is documented in .env.example.
// Two modes (docs/decisions.md §Two modes): HubSpot mode when HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET are
// both set, sandbox mode when neither is. Disk I/O (the sandbox ENCRYPTION_KEY file) lives in
// compose/load-encryption-key.ts.

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export const OAUTH_TOKEN_VERSIONS = ["2026-03", "v1"] as const;
/** The sandbox's seeds (src/sandbox/seed-portal.ts seedNames; the app does not import the sandbox). */
export const SANDBOX_SEEDS = ["demo", "small", "none"] as const;
export type SandboxSeed = (typeof SANDBOX_SEEDS)[number];
/** The sandbox portal's HubSpot tier (src/sandbox/sandbox-portal.ts sandboxTiers). */
export const SANDBOX_TIERS = ["enterprise", "professional"] as const;
export type SandboxTier = (typeof SANDBOX_TIERS)[number];
export type OAuthTokenVersion = (typeof OAUTH_TOKEN_VERSIONS)[number];

const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const KEY_HINT = "generate one with: node -e \"console.log(crypto.randomBytes(32).toString('hex'))\"";

/** https, or http for localhost only (docs/hubspot.md §App configuration: redirect URLs are https, http only for localhost). */
export function isAcceptedPublicUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === "https:" || (url.protocol === "http:" && url.hostname === "localhost");
}

/** HubSpot's own hosts are https; plain http is allowed on the loopback for the local sandbox and tests. */
function isHttpsOrLoopback(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === "https:" || ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

const hubspotUrl = (fix: string) =>
  z.string().refine(isHttpsOrLoopback, `must be an https URL (http on localhost for the sandbox); ${fix}`);

const configSchema = z
  .object({
    PORT: z.coerce
      .number({ error: "must be a whole number from 0 to 65535" })
      .int("must be a whole number from 0 to 65535")
      .min(0)
      .max(65535)
      .default(3000),
    LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
    DATA_DIR: z.string().default("./data"),
    // The schemes src/adapters/stores/open-keyv.ts maps to a keyv adapter
    // (docs/decisions.md §Several instances), checked here so a typo is reported at start-up together with
    // every other bad key.
    DATABASE_URL: z
      .string()
      .regex(
        /^(sqlite|rediss?|postgres(ql)?):\/\//,
        "must be sqlite://FILE, redis://HOST:PORT (rediss:// for TLS) or postgres://USER:PASSWORD@HOST:PORT/DATABASE",
      )
      .optional(),
    HUBSPOT_CLIENT_ID: z.string().optional(),
    HUBSPOT_CLIENT_SECRET: z.string().optional(),
    PUBLIC_BASE_URL: z
      .string()
      .refine(isAcceptedPublicUrl, "must be an https URL (http is accepted for localhost only)")
      .optional(),
    ENCRYPTION_KEY: z.string().regex(HEX_KEY, `must be 64 hex characters; ${KEY_HINT}`).optional(),
    HUBSPOT_API_BASE_URL: hubspotUrl("leave unset for https://api.hubapi.com").default(
      "https://api.hubapi.com",
    ),
    HUBSPOT_AUTH_BASE_URL: hubspotUrl("leave unset for https://app.hubspot.com").default(
      "https://app.hubspot.com",
    ),
    // docs/hubspot.md §Rate limits and batching: 110 per 10 s per installing account; 100 leaves headroom.
    HUBSPOT_RATE_LIMIT_PER_10S: z.coerce.number().int().min(1).max(110).default(100),
    // Every HubSpot call's deadline, connect to last byte: a call that never answers must not stop the
    // webhook worker or a job (src/adapters/hubspot-client/call-deadline.ts). HubSpot answers in
    // well under a second; 30 s leaves room for a slow batch of 100 records.
    HUBSPOT_TIMEOUT_MS: z.coerce
      .number({ error: "must be a whole number of milliseconds from 1000 to 300000" })
      .int("must be a whole number of milliseconds from 1000 to 300000")
      .min(1000, "must be a whole number of milliseconds from 1000 to 300000")
      .max(300_000, "must be a whole number of milliseconds from 1000 to 300000")
      .default(30_000),
    ADMIN_TOKEN: z.string().min(16, "must be at least 16 characters when set").optional(),
    // docs/hubspot.md §OAuth endpoint versions, §OAuth: /oauth/v1/* is deprecated on 2027-02-16; 2026-03 is the replacement.
    HUBSPOT_OAUTH_TOKEN_VERSION: z.enum(OAUTH_TOKEN_VERSIONS).default("2026-03"),
    // Sandbox mode only (docs/decisions.md §Sandbox portal): the local portal main.ts starts in-process when
    // no credentials are set.
    SANDBOX_PORT: z.coerce
      .number({ error: "must be a whole number from 0 to 65535" })
      .int("must be a whole number from 0 to 65535")
      .min(0)
      .max(65535)
      .default(0),
    SANDBOX_SEED: z.enum(SANDBOX_SEEDS).default("demo"),
    // Event analytics is Enterprise only (docs/decisions.md §Sandbox marketing and web sources).
    SANDBOX_TIER: z.enum(SANDBOX_TIERS).default("enterprise"),
    // HubSpot's own limit is 110 (docs/hubspot.md §Rate limits and batching); tests may raise it, so no upper bound here.
    SANDBOX_RATE_LIMIT_PER_10S: z.coerce.number().int().min(1).default(110),
    // The webhook pipeline (docs/architecture.md §From webhook to written value): freshness where no webhook
    // covers a change, and durability.
    POLL_INTERVAL_SEC: z.coerce.number().int().min(30).default(300),
    LIST_POLL_INTERVAL_SEC: z.coerce.number().int().min(60).default(900),
    // The portal-wide feeds (docs/decisions.md §Portal-wide feeds): marketing email events and form
    // submissions have no webhook. At least 10 s: each poll costs a few calls per portal.
    EMAIL_EVENTS_POLL_MS: z.coerce
      .number({ error: "must be a whole number of milliseconds from 10000" })
      .int("must be a whole number of milliseconds from 10000")
      .min(10_000, "must be a whole number of milliseconds from 10000")
      .default(180_000),
    FORM_SUBMISSIONS_POLL_MS: z.coerce
      .number({ error: "must be a whole number of milliseconds from 10000" })
      .int("must be a whole number of milliseconds from 10000")
      .min(10_000, "must be a whole number of milliseconds from 10000")
      .default(180_000),
    COALESCE_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
    HISTORY_RETENTION_DAYS: z.coerce.number().int().min(1).default(90),
    // How often records whose nextChangeAt has passed are rescored: 60 is cron's every minute; tests
    // take 1 so a sandbox clock advance shows in the written scores within seconds.
    DUE_CHECK_SEC: z.coerce
      .number({ error: "must be a whole number of seconds from 1 to 60" })
      .int("must be a whole number of seconds from 1 to 60")
      .min(1, "must be a whole number of seconds from 1 to 60")
      .max(60, "must be a whole number of seconds from 1 to 60")
      .default(60),
    QUEUE_FSYNC: z.enum(["0", "1"], { error: 'must be "0" or "1"' }).default("0"),
    // Several app instances (docs/decisions.md §Several instances): the webhook inbox, the job queue, the
    // due-index, the scheduled tasks' locks and each portal's HubSpot budget move to this Redis, shared by
    // every instance.
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, "must be redis://HOST:PORT (rediss:// for TLS, redis://:PASSWORD@HOST:PORT/DB)")
      .optional(),
  })
  .strip();

/**
 * The cross-key rules of the two modes, checked on the raw values so they are reported together with
 * every per-key problem (a zod refinement would be skipped while any key is invalid).
 */
function modeProblems(env: Record<string, string>): string[] {
  const hasId = env.HUBSPOT_CLIENT_ID !== undefined;
  const hasSecret = env.HUBSPOT_CLIENT_SECRET !== undefined;
  if (hasId !== hasSecret) {
    const missing = hasId ? "HUBSPOT_CLIENT_SECRET" : "HUBSPOT_CLIENT_ID";
    return [
      `${missing}: is missing: set both HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET (HubSpot mode) or neither (sandbox mode)`,
    ];
  }
  if (!hasId) return [];
  const problems: string[] = [];
  if (env.PUBLIC_BASE_URL === undefined) {
    problems.push(
      "PUBLIC_BASE_URL: is required in HubSpot mode: the https address HubSpot reaches this app at",
    );
  }
  if (env.ENCRYPTION_KEY === undefined)
    problems.push(`ENCRYPTION_KEY: is required in HubSpot mode; ${KEY_HINT}`);
  return problems;
}

export type HubSpotMode = { mode: "hubspot"; clientId: string; clientSecret: string } | { mode: "sandbox" };

export type Config = {
  port: number;
  logLevel: (typeof LOG_LEVELS)[number];
  dataDir: string;
  databaseUrl: string;
  /** Without a trailing slash, so `${publicBaseUrl}/path` is always right. */
  publicBaseUrl: string;
  /** Always set in HubSpot mode; in sandbox mode loadEncryptionKey() fills it from DATA_DIR when unset. */
  encryptionKey: string | undefined;
  hubspot: HubSpotMode;
  hubspotApiBaseUrl: string;
  hubspotAuthBaseUrl: string;
  hubspotRateLimitPer10s: number;
  /** HUBSPOT_TIMEOUT_MS: each HubSpot call's deadline, its connect included. */
  hubspotTimeoutMs: number;
  adminToken: string | undefined;
  oauthTokenVersion: OAuthTokenVersion;
  /** The local sandbox portal started in sandbox mode (src/sandbox-mode/start-sandbox-mode.ts); 0 = ephemeral port. */
  sandbox: { port: number; seed: SandboxSeed; ratePer10s: number; tier: SandboxTier };
  pipeline: {
    pollIntervalSec: number;
    listPollIntervalSec: number;
    emailEventsPollMs: number;
    formSubmissionsPollMs: number;
    coalesceMs: number;
    historyRetentionDays: number;
    dueCheckSec: number;
  };
  /** QUEUE_FSYNC=1: the inbox survives power loss (synchronous=FULL), not only a crash of the app. */
  queueFsync: boolean;
  /** REDIS_URL: set when several instances share work and budgets; unset = everything in this process. */
  redisUrl: string | undefined;
};

/**
 * What the app itself runs with: HubSpot mode always. Sandbox mode does not change the app, only its
 * base URLs and credentials (the sandbox portal's app), so composition never sees mode "sandbox".
 */
export type HubSpotModeConfig = Config & { hubspot: Extract<HubSpotMode, { mode: "hubspot" }> };

export const isHubSpotMode = (config: Config): config is HubSpotModeConfig =>
  config.hubspot.mode === "hubspot";

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const trimSlash = (url: string) => url.replace(/\/+$/, "");

/** Reads the configuration; throws a ConfigError listing every bad key at once. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty value (KEY= in a .env file) means unset, as in most dotenv tooling.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = configSchema.safeParse(present);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)),
    ...modeProblems(present as Record<string, string>),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const hubspot: HubSpotMode =
    e.HUBSPOT_CLIENT_ID !== undefined && e.HUBSPOT_CLIENT_SECRET !== undefined
      ? { mode: "hubspot", clientId: e.HUBSPOT_CLIENT_ID, clientSecret: e.HUBSPOT_CLIENT_SECRET }
      : { mode: "sandbox" };
  const dataDir = trimSlash(e.DATA_DIR) || ".";
  return {
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `sqlite://${dataDir}/lead-score.sqlite`,
    publicBaseUrl: trimSlash(e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`),
    encryptionKey: e.ENCRYPTION_KEY?.toLowerCase(),
    hubspot,
    hubspotApiBaseUrl: trimSlash(e.HUBSPOT_API_BASE_URL),
    hubspotAuthBaseUrl: trimSlash(e.HUBSPOT_AUTH_BASE_URL),
    hubspotRateLimitPer10s: e.HUBSPOT_RATE_LIMIT_PER_10S,
    hubspotTimeoutMs: e.HUBSPOT_TIMEOUT_MS,
    adminToken: e.ADMIN_TOKEN,
    oauthTokenVersion: e.HUBSPOT_OAUTH_TOKEN_VERSION,
    sandbox: {
      port: e.SANDBOX_PORT,
      seed: e.SANDBOX_SEED,
      ratePer10s: e.SANDBOX_RATE_LIMIT_PER_10S,
      tier: e.SANDBOX_TIER,
    },
    pipeline: {
      pollIntervalSec: e.POLL_INTERVAL_SEC,
      listPollIntervalSec: e.LIST_POLL_INTERVAL_SEC,
      emailEventsPollMs: e.EMAIL_EVENTS_POLL_MS,
      formSubmissionsPollMs: e.FORM_SUBMISSIONS_POLL_MS,
      coalesceMs: e.COALESCE_MS,
      historyRetentionDays: e.HISTORY_RETENTION_DAYS,
      dueCheckSec: e.DUE_CHECK_SEC,
    },
    queueFsync: e.QUEUE_FSYNC === "1",
    redisUrl: e.REDIS_URL,
  };
}
