import type { Request, RequestHandler } from "express";

// The session cookie is SameSite=Lax (session-cookies.ts), so browsers already keep it off other sites'
// posts; this refuses them outright, as defence in depth for old browsers and same-site subdomains
// (docs/decisions.md §Admin sessions). A browser names where a write comes from in Origin (and
// Sec-Fetch-Site); a request that names neither is no browser's cross-site post (curl, the CLI).

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Whether a write comes from another site than this app, by its Origin and Sec-Fetch-Site headers. */
export function isCrossSiteWrite(req: Request, publicBaseUrl: string): boolean {
  if (SAFE_METHODS.has(req.method)) return false;
  const fetchSite = req.get("sec-fetch-site");
  if (fetchSite === "cross-site" || fetchSite === "same-site") return true;
  // The browser itself says the write comes from this origin. The admin pages send
  // Referrer-Policy: no-referrer, under which a browser's own form posts carry `Origin: null`, so the
  // Origin header alone would refuse every form of the admin page in current browsers.
  if (fetchSite === "same-origin") return false;
  const origin = req.get("origin");
  if (origin === undefined) return false;
  // "null" with no Sec-Fetch-Site: a sandboxed frame or a privacy-sensitive redirect of an older browser.
  if (!URL.canParse(origin)) return true;
  const from = new URL(origin);
  // The page's own host (however the browser reached the app), or the public address behind a proxy.
  return from.host !== req.get("host") && from.origin !== new URL(publicBaseUrl).origin;
}

/** 403 for a state-changing request another site made, before any session or form is looked at. */
export function refuseCrossSiteWrites(publicBaseUrl: string): RequestHandler {
  return (req, res, next) => {
    if (!isCrossSiteWrite(req, publicBaseUrl)) return next();
    res
      .status(403)
      .type("text")
      .set("Cache-Control", "no-store")
      .send("Refused: this request came from another site. Use the admin page itself.");
  };
}
