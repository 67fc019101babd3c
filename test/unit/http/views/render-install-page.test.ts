import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../../../src/http/views/escape-html.js";
import {
  renderInstallFailure,
  renderInstallSuccess,
} from "../../../../src/http/views/render-install-page.js";

describe("install pages", () => {
  it("escapes every HTML-special character", () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });

  it("says what happens next and which optional scope is missing", () => {
    const html = renderInstallSuccess({
      portalId: 62515,
      scopes: ["oauth"],
      missingOptionalScopes: ["sales-email-read"],
      reinstalled: false,
    });
    expect(html).toContain("connected to HubSpot account 62515");
    expect(html).toContain("What happens next");
    expect(html).toContain("Not granted: <code>sales-email-read</code>");
    expect(html).toContain("<code>tickets</code>: support ticket events (event type ticket)");
  });

  it("omits the missing-scope line when everything was granted and says reconnected on reinstall", () => {
    const html = renderInstallSuccess({
      portalId: 1,
      scopes: [],
      missingOptionalScopes: [],
      reinstalled: true,
    });
    expect(html).toContain("reconnected");
    expect(html).not.toContain("Not granted");
  });

  it("shows, escaped, what the follow-up work could not do", () => {
    const html = renderInstallSuccess({
      portalId: 1,
      scopes: [],
      missingOptionalScopes: [],
      reinstalled: false,
      notes: ["contacts property <ls_a> exists with type string"],
    });
    expect(html).toContain("Not done yet: contacts property &lt;ls_a&gt; exists with type string");
  });

  it("escapes the message of a failure page", () => {
    const html = renderInstallFailure("Install cancelled", `HubSpot said <script>alert("x")</script>`);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain('<a href="/oauth/install">Start the install again</a>');
  });
});
