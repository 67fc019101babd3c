import type { IncomingMessage, ServerResponse } from "node:http";

// The port is bound before the app is composed (a busy PORT is reported before any file is
// opened, and in sandbox mode the bound port is the sandbox's webhook target), so for a few
// seconds requests arrive with no app to answer them. The gate answers each at once with 503 and
// Retry-After, which HubSpot's webhook retries and browsers alike understand, instead of leaving it
// hanging; once opened it hands every request to the app.

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export type StartingGate = {
  /** The server's request listener, from the moment it binds. */
  handle: RequestListener;
  /** From now on every request goes to `app`. */
  open(app: RequestListener): void;
};

/** Seconds a client should wait before it asks again: start-up takes a few. */
export const STARTING_RETRY_AFTER_SEC = 2;

const STARTING_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta http-equiv="refresh" content="${STARTING_RETRY_AFTER_SEC}"><title>lead-score is starting</title></head>
<body><p>lead-score is starting. This page reloads in a few seconds.</p></body>
</html>
`;

function answerStarting(req: IncomingMessage, res: ServerResponse, version: string): void {
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  res.statusCode = 503;
  res.setHeader("retry-after", String(STARTING_RETRY_AFTER_SEC));
  res.setHeader("cache-control", "no-store");
  if (path === "/admin" || path.startsWith("/admin/")) {
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.end(STARTING_PAGE);
    return;
  }
  res.setHeader("content-type", "application/json; charset=utf-8");
  // /health in its own shape; everything else in the admin API's error shape (README §Admin API).
  const body =
    path === "/health"
      ? { status: "starting", version }
      : { error: { code: "starting", message: "lead-score is starting; retry in a few seconds" } };
  res.end(JSON.stringify(body));
}

export function createStartingGate(version: string): StartingGate {
  let app: RequestListener | undefined;
  return {
    handle(req, res) {
      if (app) app(req, res);
      else answerStarting(req, res, version);
    },
    open(next) {
      app = next;
    },
  };
}
