import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { MissingPublicBaseUrlError, writeHubSpotProject } from "../../../src/cli/write-hubspot-project.js";

describe("writeHubSpotProject", () => {
  it("writes the HubSpot project folder for PUBLIC_BASE_URL", () => {
    const out = mkdtempSync(join(tmpdir(), "ls-project-"));
    const written = writeHubSpotProject({
      root: process.cwd(),
      out,
      publicBaseUrl: "https://ls.example.com/",
    });
    expect(written.map((p) => relative(out, p)).filter((p) => !p.startsWith("src/app/cards/"))).toEqual([
      "hsproject.json",
      "src/app/app-hsmeta.json",
      "src/app/webhooks/webhooks-hsmeta.json",
      "src/app/workflow-actions/reset-score-hsmeta.json",
    ]);
    // The card's source is copied as it is, but for the base URL it fetches from.
    expect(readFileSync(join(out, "src/app/cards/record-scores-card.tsx"), "utf8")).toBe(
      readFileSync("hubspot-card/record-scores-card.tsx", "utf8"),
    );
    expect(readFileSync(join(out, "src/app/cards/app-base-url.ts"), "utf8")).toContain(
      '"https://ls.example.com"',
    );
    const webhooks = JSON.parse(readFileSync(join(out, "src/app/webhooks/webhooks-hsmeta.json"), "utf8"));
    expect(webhooks.config.settings.targetUrl).toBe("https://ls.example.com/webhooks/hubspot");
  });

  it.each([undefined, "", "http://ls.example.com", "not a url"])(
    "refuses PUBLIC_BASE_URL=%j",
    (publicBaseUrl) => {
      const out = mkdtempSync(join(tmpdir(), "ls-project-"));
      expect(() => writeHubSpotProject({ root: process.cwd(), out, publicBaseUrl })).toThrowError(
        MissingPublicBaseUrlError,
      );
    },
  );
});
