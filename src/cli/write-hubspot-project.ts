import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { isAcceptedPublicUrl } from "../config.js";
import { type Descriptors, renderProject } from "../hubspot/render-project.js";

// docs/hubspot.md §Generated HubSpot project: the top-level descriptors are the source of the HubSpot project folder.

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

const HSMETA = "-hsmeta.json";

/** The record card's folder: hsmeta files as JSON, every other file (not node_modules) as text. */
function loadCards(cardDir: string): NonNullable<Descriptors["cards"]> {
  const names = readdirSync(cardDir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
  return {
    components: Object.fromEntries(
      names
        .filter((n) => n.endsWith(HSMETA))
        .map((n) => [n.slice(0, -HSMETA.length), readJson(join(cardDir, n))]),
    ),
    files: Object.fromEntries(
      names.filter((n) => !n.endsWith(HSMETA)).map((n) => [n, readFileSync(join(cardDir, n), "utf8")]),
    ),
  };
}

/** Reads app.json, webhooks/webhooks.json, workflow-actions/*.json and hubspot-card/ (when there) under `root`. */
export function loadDescriptors(root: string): Descriptors {
  const actionsDir = join(root, "workflow-actions");
  const workflowActions = Object.fromEntries(
    readdirSync(actionsDir)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => [basename(f, ".json"), readJson(join(actionsDir, f))]),
  );
  return {
    app: readJson(join(root, "app.json")),
    webhooks: readJson(join(root, "webhooks", "webhooks.json")),
    workflowActions,
    ...(existsSync(join(root, "hubspot-card")) ? { cards: loadCards(join(root, "hubspot-card")) } : {}),
  };
}

export class MissingPublicBaseUrlError extends Error {
  constructor() {
    super(
      "PUBLIC_BASE_URL must be set to the https address HubSpot reaches this app at (http only for localhost), e.g.\n" +
        "  PUBLIC_BASE_URL=https://lead-score.example.com npm run hubspot:project -- --out build/hubspot",
    );
    this.name = "MissingPublicBaseUrlError";
  }
}

/** Renders and writes the project; returns the written paths. Throws on a bad URL or a `{{…}}` left. */
export function writeHubSpotProject(options: {
  root: string;
  out: string;
  publicBaseUrl: string | undefined;
}): string[] {
  const publicBaseUrl = options.publicBaseUrl?.replace(/\/+$/, "");
  if (!publicBaseUrl || !isAcceptedPublicUrl(publicBaseUrl)) throw new MissingPublicBaseUrlError();
  const files = renderProject(loadDescriptors(resolve(options.root)), { PUBLIC_BASE_URL: publicBaseUrl });
  return files.map((file) => {
    const target = join(resolve(options.out), file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, "text" in file ? file.text : `${JSON.stringify(file.json, null, 2)}\n`);
    return target;
  });
}
