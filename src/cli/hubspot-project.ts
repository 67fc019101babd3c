import { Command } from "commander";
import { ProjectRenderError } from "../hubspot/render-project.js";
import { MissingPublicBaseUrlError, writeHubSpotProject } from "./write-hubspot-project.js";

// `npm run hubspot:project -- --out DIR`: writes hsproject.json and src/app/**/*-hsmeta.json for
// `hs project upload` (docs/hubspot.md §Generated HubSpot project). Reads only PUBLIC_BASE_URL from the environment
// (docs/decisions.md §HubSpot project).

const program = new Command("hubspot-project")
  .description("Render app.json, webhooks/ and workflow-actions/ into a HubSpot 2026.03 project folder")
  .requiredOption("--out <dir>", "folder to write hsproject.json and src/app/ into")
  .option("--root <dir>", "folder holding app.json, webhooks/ and workflow-actions/", process.cwd())
  .parse(process.argv);
const { out, root } = program.opts<{ out: string; root: string }>();

try {
  for (const path of writeHubSpotProject({ root, out, publicBaseUrl: process.env.PUBLIC_BASE_URL })) {
    process.stdout.write(`wrote ${path}\n`);
  }
} catch (error) {
  if (!(error instanceof ProjectRenderError || error instanceof MissingPublicBaseUrlError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
