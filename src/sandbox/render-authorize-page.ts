// The sandbox's OAuth consent page (docs/decisions.md §Sandbox portal: a visible "Install lead-score into
// Sandbox portal" step). Pure: every value is escaped, since client_id, redirect_uri, scope and state come
// from the query string.

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

export interface AuthorizePageInput {
  portalId: number;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  optionalScopes: string[];
  state: string | undefined;
}

export function renderAuthorizePage(input: AuthorizePageInput): string {
  const hidden = (name: string, value: string) =>
    `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
  const required = input.scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join("");
  const optional = input.optionalScopes
    .map(
      (s) =>
        `<li><label><input type="checkbox" name="optional_scope" value="${escapeHtml(s)}" checked> <code>${escapeHtml(s)}</code> (optional)</label></li>`,
    )
    .join("");
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Install lead-score into Sandbox portal</title></head>
<body>
<main>
<h1>Install lead-score into Sandbox portal</h1>
<p>Sandbox portal <strong>${input.portalId}</strong> · app <code>${escapeHtml(input.clientId)}</code></p>
<p>The app asks for these scopes:</p>
<ul>${required}${optional}</ul>
<form method="post" action="/oauth/authorize">
${hidden("client_id", input.clientId)}
${hidden("redirect_uri", input.redirectUri)}
${hidden("scope", input.scopes.join(" "))}
${input.state === undefined ? "" : hidden("state", input.state)}
<button type="submit" name="decision" value="approve">Connect app</button>
<button type="submit" name="decision" value="deny">Cancel</button>
</form>
<p>Redirects to <code>${escapeHtml(input.redirectUri)}</code>.</p>
</main>
</body>
</html>
`;
}
