// Sandbox mode installs the sandbox portal into the app the way a person installs it from HubSpot:
// the app's /oauth/install, the portal's authorize page, the redirect to /oauth/callback, all over
// HTTP, so the real install path (state, code exchange, introspection, provisioning) runs. Only
// the consent click is skipped, with the sandbox's `sandbox_auto_approve` flag. Like a browser, it
// sends the app's cookies back to the app only: the install is bound to the browser that started it
// (docs/decisions.md §OAuth state).

export type InstallStep = "install" | "authorize" | "callback";

export class InstallThroughOAuthError extends Error {
  constructor(
    readonly step: InstallStep,
    message: string,
  ) {
    super(`installing the sandbox portal failed at ${step}: ${message}`);
    this.name = "InstallThroughOAuthError";
  }
}

type Redirect = { location: URL; cookies: string[] };

async function redirectOf(step: InstallStep, url: string, get: typeof fetch): Promise<Redirect> {
  const response = await get(url, { redirect: "manual" });
  await response.arrayBuffer();
  const location = response.headers.get("location");
  if (response.status !== 302 || location === null)
    throw new InstallThroughOAuthError(step, `GET ${new URL(url).pathname} answered ${response.status}`);
  // `name=value` of each Set-Cookie; its attributes (Path, Max-Age, HttpOnly …) are the browser's business.
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(";")[0] ?? "");
  return { location: new URL(location, url), cookies: cookies.filter(Boolean) };
}

/** The text of an HTML page, for an error message. */
const textOf = (html: string) =>
  html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 300);

/** Walks install → authorize (auto-approved) → callback; throws naming the step that failed. */
export async function installThroughOAuth(appUrl: string, get: typeof fetch = fetch): Promise<void> {
  const install = await redirectOf("install", `${appUrl}/oauth/install`, get);
  const authorize = install.location;
  authorize.searchParams.set("sandbox_auto_approve", "1");
  const callback = (await redirectOf("authorize", authorize.toString(), get)).location;
  const denied = callback.searchParams.get("error");
  if (denied !== null) throw new InstallThroughOAuthError("authorize", `the portal answered ${denied}`);
  const cookie = install.cookies.join("; ");
  const response = await get(callback, { redirect: "manual", ...(cookie ? { headers: { cookie } } : {}) });
  const page = await response.text();
  if (response.status !== 200)
    throw new InstallThroughOAuthError("callback", `${response.status}: ${textOf(page)}`);
}
