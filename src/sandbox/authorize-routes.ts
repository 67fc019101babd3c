import express, { type Request, type Response, Router } from "express";
import { renderAuthorizePage } from "./render-authorize-page.js";
import type { SandboxPortal } from "./sandbox-portal.js";

// GET /oauth/authorize (and /oauth/{portalId}/authorize) with HubSpot's query (docs/hubspot.md §OAuth
// authorization: client_id, redirect_uri, space-separated scope, optional_scope, state): a consent
// page whose form POSTs back; approving redirects to redirect_uri with ?code=…&state=…, cancelling
// with ?error=access_denied. `sandbox_auto_approve=1` skips the page, for tests and scripts.

const words = (value: unknown) => (typeof value === "string" ? value.split(/[\s+]+/).filter(Boolean) : []);
const text = (value: unknown) => (typeof value === "string" ? value : undefined);

function redirectTo(res: Response, redirectUri: string, params: Record<string, string | undefined>) {
  const target = new URL(redirectUri);
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) target.searchParams.set(key, value);
  res.redirect(302, target.toString());
}

function refuse(res: Response, message: string) {
  res.status(400).type("html").send(`<!doctype html><title>Authorization error</title><p>${message}</p>`);
}

/** `onApproved` hears the redirect_uri of every approved install (the sandbox derives its webhook target). */
export function createAuthorizeRoutes(
  portal: SandboxPortal,
  onApproved: (redirectUri: string) => void = () => {},
): Router {
  const router = Router();
  const approve = (res: Response, query: Record<string, unknown>, granted: string[]) => {
    const redirectUri = String(query.redirect_uri);
    const code = portal.tokens.createCode(portal.app.clientId, redirectUri, granted, portal.clock.nowMs());
    onApproved(redirectUri);
    redirectTo(res, redirectUri, { code, state: text(query.state) });
  };
  /** The problem with an authorize request, or null. HubSpot shows an error page instead of redirecting. */
  const problem = (query: Record<string, unknown>): string | null => {
    if (query.client_id !== portal.app.clientId) return "Unknown client_id: this sandbox knows one app.";
    const redirectUri = text(query.redirect_uri);
    if (!redirectUri || !URL.canParse(redirectUri)) return "redirect_uri is missing or not a URL.";
    if (words(query.scope).length === 0) return "scope is missing.";
    return null;
  };

  const page = (req: Request, res: Response) => {
    const query = req.query as Record<string, unknown>;
    const refused = problem(query);
    if (refused) return refuse(res, refused);
    const scopes = words(query.scope);
    const optionalScopes = words(query.optional_scope);
    if (query.sandbox_auto_approve === "1" || query.sandbox_auto_approve === "true")
      return approve(res, query, [...scopes, ...optionalScopes]);
    res.type("html").send(
      renderAuthorizePage({
        portalId: portal.portalId,
        clientId: String(query.client_id),
        redirectUri: String(query.redirect_uri),
        scopes,
        optionalScopes,
        state: text(query.state),
      }),
    );
  };
  router.get("/oauth/authorize", page);
  router.get("/oauth/:portalId/authorize", page);

  router.post("/oauth/authorize", express.urlencoded({ extended: false }), (req, res) => {
    const form = (req.body ?? {}) as Record<string, unknown>;
    const refused = problem(form);
    if (refused) return refuse(res, refused);
    if (form.decision !== "approve")
      return redirectTo(res, String(form.redirect_uri), {
        error: "access_denied",
        error_description: "The user cancelled the install",
        state: text(form.state),
      });
    const optional = Array.isArray(form.optional_scope)
      ? form.optional_scope.map(String)
      : words(form.optional_scope);
    approve(res, form, [...words(form.scope), ...optional]);
  });
  return router;
}
