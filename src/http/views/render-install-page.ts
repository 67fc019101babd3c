import type { InstallResult } from "../../app/install-portal.js";
import { OPTIONAL_SCOPE_UNLOCKS, OPTIONAL_SCOPES } from "../../hubspot/scopes.js";
import { escapeHtml } from "./escape-html.js";

// Pages shown in the installing user's browser after HubSpot redirects back
// (docs/decisions.md §Install pages: "a page that says what happens next"). Pure and escaped: every value may
// come from a query string.

function page(title: string, paragraphs: string[]): string {
  const body = paragraphs.map((p) => `    <p>${p}</p>`).join("\n");
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(title)} · lead-score</title>
  </head>
  <body>
    <h1>${escapeHtml(title)}</h1>
${body}
  </body>
</html>
`;
}

export function renderInstallSuccess(result: InstallResult): string {
  const portal = escapeHtml(String(result.portalId));
  const lines = [
    `lead-score is ${result.reinstalled ? "reconnected" : "connected"} to HubSpot account ${portal}.`,
    "What happens next: define a score and enable it. lead-score then creates its properties in the " +
      "“Lead score” property group of this account, computes every record's score and keeps it fresh " +
      "as HubSpot reports changes. Nothing is written to your records until a score is enabled.",
    "The “Reset lead score” action is available in HubSpot workflows for contacts, companies and deals.",
  ];
  // Follow-up work that failed (provisioning after install): the install stands, but the user should know.
  for (const note of result.notes ?? []) lines.push(`Not done yet: ${escapeHtml(note)}`);
  // Each optional scope unlocks event types (docs/decisions.md §Sources status): say which, granted or not.
  const unlocks = OPTIONAL_SCOPES.map(
    (s) => `<code>${escapeHtml(s)}</code>: ${escapeHtml(OPTIONAL_SCOPE_UNLOCKS[s])}`,
  ).join("; ");
  lines.push(`Optional scopes, each unlocking events for scores: ${unlocks}.`);
  if (result.missingOptionalScopes.length > 0) {
    const scopes = result.missingOptionalScopes.map((s) => `<code>${escapeHtml(s)}</code>`).join(", ");
    lines.push(
      `Not granted: ${scopes}. Rules on the events they unlock score nothing and the score says so; install again and accept them to include those events.`,
    );
  }
  lines.push("You can close this tab.");
  return page("lead-score is installed", lines);
}

export function renderInstallFailure(title: string, message: string, retryHref = "/oauth/install"): string {
  return page(title, [escapeHtml(message), `<a href="${escapeHtml(retryHref)}">Start the install again</a>`]);
}
