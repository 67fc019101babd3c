import { type DestinationStream, type Logger, type LoggerOptions, pino } from "pino";

// docs/architecture.md §Logs: never a token or secret in a log line (docs/decisions.md §No secrets in logs). Paths cover the
// names our code uses at the top level and one or two levels down (pino's `*` matches one level).
const SECRET_KEYS = [
  "accessToken",
  "refreshToken",
  "access_token",
  "refresh_token",
  "token",
  "clientSecret",
  "client_secret",
  "encryptionKey",
  "adminToken",
  "authorization",
];

// The OAuth code and state travel in the callback's query string; `code` alone is not listed because
// AppError codes ("disconnected", ...) are useful in logs.
const QUERY_SECRETS = ["query.code", "query.state", "*.query.code", "*.query.state"];

export const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  ...SECRET_KEYS.map((k) => `*.*.${k}`),
  ...QUERY_SECRETS,
  'req.headers["authorization"]',
  'headers["x-hubspot-signature"]',
  'headers["x-hubspot-signature-v3"]',
];

export function createLogger(level: LoggerOptions["level"], destination?: DestinationStream): Logger {
  const options: LoggerOptions = { level, redact: { paths: REDACT_PATHS, censor: "[redacted]" } };
  return destination ? pino(options, destination) : pino(options);
}
