// The admin API over the session cookie (docs/decisions.md §Admin sessions). The page holds no token: the
// browser sends the HttpOnly session cookie, and every write echoes the CSRF token of <meta
// name="csrf-token">.

const csrfToken = document.querySelector('meta[name="csrf-token"]')?.getAttribute("content") ?? "";

/**
 * The error body of the admin API.
 * @typedef {{
 *   error?: {code?: string, message?: string, path?: string, problems?: import("./types.js").FieldProblem[]},
 * }} ErrorBody
 */

/** An admin API error: `{error: {code, message, path?, problems?}}` with its status. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {ErrorBody | undefined} body
   */
  constructor(status, body) {
    super(body?.error?.message ?? `request failed with ${status}`);
    this.status = status;
    this.code = body?.error?.code;
    const path = body?.error?.path;
    /** @type {import("./types.js").FieldProblem[]} */
    this.problems = body?.error?.problems ?? (path ? [{ path, message: this.message }] : []);
  }
}

/**
 * @param {string} method
 * @param {string} url
 * @param {unknown} [body]
 * @returns {Promise<unknown>}
 */
export async function callJson(method, url, body) {
  /** @type {Record<string, string>} */
  const headers = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET") headers["x-csrf-token"] = csrfToken;
  const res = await fetch(url, {
    method,
    headers,
    credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // The session ended (expired, signed out elsewhere): back to the sign-in page.
  if (res.status === 401) {
    window.location.assign("/admin/sign-in");
    throw new ApiError(401, { error: { message: "signed out" } });
  }
  const data = (res.headers.get("content-type") ?? "").includes("json") ? await res.json() : undefined;
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/**
 * Calls under /api/portals/:portalId.
 * @param {string | undefined} portalId
 * @returns {import("./types.js").PortalCall}
 */
export function portalApi(portalId) {
  return (method, path, body) => callJson(method, `/api/portals/${portalId}${path}`, body);
}
