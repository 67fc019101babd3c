import { describe, expect, it } from "vitest";
import { buildAuthorizeUrl } from "../../../src/hubspot/build-authorize-url.js";

describe("buildAuthorizeUrl", () => {
  it("builds HubSpot's authorize URL with space-separated scopes encoded as %20", () => {
    const url = buildAuthorizeUrl({
      authBaseUrl: "https://app.hubspot.com",
      clientId: "client-id-1",
      redirectUri: "https://ls.example.com/oauth/callback",
      scopes: ["oauth", "crm.objects.contacts.read"],
      optionalScopes: ["sales-email-read"],
      state: "abc.def",
    });
    expect(url).toBe(
      "https://app.hubspot.com/oauth/authorize?client_id=client-id-1" +
        "&redirect_uri=https%3A%2F%2Fls.example.com%2Foauth%2Fcallback" +
        "&scope=oauth%20crm.objects.contacts.read&optional_scope=sales-email-read&state=abc.def",
    );
  });

  it("leaves optional_scope out when there is none and honours another auth host", () => {
    const url = new URL(
      buildAuthorizeUrl({
        authBaseUrl: "http://localhost:4000",
        clientId: "c",
        redirectUri: "http://localhost:3000/oauth/callback",
        scopes: ["oauth"],
        optionalScopes: [],
        state: "s",
      }),
    );
    expect(url.origin + url.pathname).toBe("http://localhost:4000/oauth/authorize");
    expect([...url.searchParams.keys()]).toEqual(["client_id", "redirect_uri", "scope", "state"]);
  });
});
