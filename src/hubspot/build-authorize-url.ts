// docs/hubspot.md §OAuth authorization: scopes are space-separated; optional_scope lists what the account may
// decline. The SDK's getAuthorizationUrl builds the same query but always on https://app.hubspot.com,
// so it cannot honour HUBSPOT_AUTH_BASE_URL (the sandbox); hence this pure builder.

export type AuthorizeUrlInput = {
  authBaseUrl: string;
  clientId: string;
  redirectUri: string;
  scopes: readonly string[];
  optionalScopes: readonly string[];
  state: string;
};

export function buildAuthorizeUrl(input: AuthorizeUrlInput): string {
  const params: [string, string][] = [
    ["client_id", input.clientId],
    ["redirect_uri", input.redirectUri],
    ["scope", input.scopes.join(" ")],
  ];
  if (input.optionalScopes.length > 0) params.push(["optional_scope", input.optionalScopes.join(" ")]);
  params.push(["state", input.state]);
  // encodeURIComponent writes spaces as %20, as the SDK (querystring) and HubSpot's examples do, not "+".
  const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
  return `${input.authBaseUrl}/oauth/authorize?${query}`;
}
