import { describe, expect, it } from "vitest";
import type { Job } from "../../../src/ports/job-store.js";
import { renderSandboxBanner } from "../../../src/sandbox-mode/render-sandbox-banner.js";

const base = {
  sandboxUrl: "http://127.0.0.1:40001",
  signInLink: "http://localhost:3000/admin/sign-in/link?token=abc",
  dataDir: "./data",
};
const job = { id: "j1" } as Job;

describe("renderSandboxBanner", () => {
  it("names the example scores a first start enabled, then the sign-in link", () => {
    const text = renderSandboxBanner({
      ...base,
      installed: "now",
      examples: [
        { scoreId: "contact-lead", object: "contacts", job },
        { scoreId: "company-engagement", object: "companies", job },
      ],
    });
    expect(text.split("\n")).toEqual([
      "Sandbox portal: http://127.0.0.1:40001 (lead-score sandbox ... --url http://127.0.0.1:40001)",
      "Example scores enabled: contact-lead (contacts), company-engagement (companies); every record is being scored now, watch it on the admin page",
      "Admin page: open http://localhost:3000/admin/sign-in/link?token=abc to sign in (works once, for 24 h)",
      "",
    ]);
  });

  it("says DATA_DIR is reused on a later start instead of announcing examples", () => {
    const text = renderSandboxBanner({ ...base, installed: "already", examples: [] });
    expect(text).toContain("Reusing ./data: the portal, its scores and their values are as you left them");
    expect(text).not.toContain("Example scores");
  });
});
