import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Components } from "@hubspot/project-parsing-lib/constants";
import { mapToUserFacingType } from "@hubspot/project-parsing-lib/transform";
import { translate } from "@hubspot/project-parsing-lib/translate";
import { validateUid } from "@hubspot/project-parsing-lib/uid";
import { describe, expect, it } from "vitest";
import { writeHubSpotProject } from "../../../src/cli/write-hubspot-project.js";

// HubSpot's own parser (@hubspot/project-parsing-lib, what `hs project upload` runs) reads the folder
// `npm run hubspot:project` writes. Its schema check fetches schemas from HubSpot with an account, so
// it is skipped here (docs/hubspot.md §Developer projects); the checks it makes without them (uids,
// each component in its type's folder) are run with the library's own functions and tables.

const BASE = "https://ls.example.com";

describe("the generated HubSpot project, read by HubSpot's project parser", () => {
  it("translates the app, webhooks, workflow action and card, each uid valid and in its folder", async () => {
    const out = mkdtempSync(join(tmpdir(), "ls-parse-"));
    writeHubSpotProject({ root: process.cwd(), out, publicBaseUrl: BASE });
    const { intermediateRepresentation, skippedHsMetaFiles } = await translate(
      { projectSourceDir: join(out, "src"), platformVersion: "2026.03" },
      { skipValidation: true },
    );
    expect(skippedHsMetaFiles).toEqual([]);
    const nodes = Object.values(intermediateRepresentation.intermediateNodesIndexedByUid);
    expect(Object.fromEntries(nodes.map((node) => [node.uid, node.componentType]))).toEqual({
      lead_score_app: "APPLICATION",
      lead_score_webhooks: "WEBHOOKS",
      lead_score_reset: "WORKFLOW_ACTION",
      lead_score_record_card: "CARD",
    });
    for (const node of nodes) {
      expect(validateUid(node.uid), node.uid).toBeFalsy();
      const component = Components[mapToUserFacingType(node.componentType)];
      const parent = component?.parentComponent ? Components[component.parentComponent]?.dir : "";
      expect(dirname(node.metaFilePath), node.uid).toBe(join(parent ?? "", component?.dir ?? "?"));
    }
    const card = intermediateRepresentation.intermediateNodesIndexedByUid.lead_score_record_card;
    expect(card?.componentDeps).toMatchObject({ app: "lead_score_app" });
    expect(card?.config).toMatchObject({ entrypoint: "/app/cards/record-scores-entry.tsx" });
    const app = intermediateRepresentation.intermediateNodesIndexedByUid.lead_score_app;
    expect(app?.config).toMatchObject({ permittedUrls: { fetch: [BASE] } });
  });
});
