import type { TokenInfo } from "../../ports/oauth-client.js";

/**
 * Who signed in with HubSpot, as the header and the revisions' author show it (docs/decisions.md §Admin
 * sign-in): the token user's email; "HubSpot user 41 of account 62515" when HubSpot gave only the id;
 * "hubspot:62515" when it named no user. A display name would need the users API and its
 * settings.users.read scope, which the app does not ask for.
 */
export function hubspotUserName(info: Pick<TokenInfo, "hubId" | "user">): string {
  const email = info.user?.email?.trim();
  if (email) return email;
  if (info.user?.id !== undefined) return `HubSpot user ${info.user.id} of account ${info.hubId}`;
  return `hubspot:${info.hubId}`;
}
