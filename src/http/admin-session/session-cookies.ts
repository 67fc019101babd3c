import type { Request, Response } from "express";

// The admin page's cookies (docs/decisions.md §Admin sessions).
// HttpOnly keeps the session id away from scripts; Secure whenever the app is reached over https.
// The session cookie is SameSite=Lax: a Strict one is not sent on a redirect chain that began on another
// site (HubSpot's OAuth callback, a link in app.hubspot.com), which bounced those sign-ins back to the
// sign-in page. Lax sends it on top-level GETs only; every write it could carry is refused unless it
// comes from this app's own pages (refuse-cross-site-writes.ts) and echoes the session's CSRF token.
// The sign-in forms' double-submit cookie stays Strict: it is only ever read by a same-site post.

export const SESSION_COOKIE = "ls_session";
/** Double-submit value of the sign-in form, so another site cannot sign a browser in (login CSRF). */
export const SIGN_IN_COOKIE = "ls_sign_in";
/**
 * The nonce of an OAuth sign-in. Lax, not Strict: HubSpot's redirect back is a cross-site navigation,
 * and a Strict cookie would not come with it.
 */
export const OAUTH_COOKIE = "ls_oauth";
/** The nonce of an app install (docs/decisions.md §OAuth state): Lax for the same reason. */
export const INSTALL_COOKIE = "ls_install";

/** Cookie header → name/value pairs (no cookie-parser dependency for three cookies). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      if (!cookies.has(name)) cookies.set(name, decodeURIComponent(raw));
    } catch {
      // A value that is not valid percent-encoding is not one of ours: ignore it.
    }
  }
  return cookies;
}

export const readCookie = (req: Request, name: string) => parseCookies(req.get("cookie")).get(name);

export type CookieOptions = { secure: boolean; maxAgeSec: number; sameSite?: "Strict" | "Lax" };

export function setCookie(res: Response, name: string, value: string, options: CookieOptions): void {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    "Path=/",
    `Max-Age=${options.maxAgeSec}`,
    "HttpOnly",
    `SameSite=${options.sameSite ?? "Strict"}`,
  ];
  if (options.secure) parts.push("Secure");
  res.append("Set-Cookie", parts.join("; "));
}

export function clearCookie(res: Response, name: string, secure: boolean): void {
  setCookie(res, name, "", { secure, maxAgeSec: 0 });
}
