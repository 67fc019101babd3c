// docs/hubspot.md §Generated HubSpot project: the top-level descriptors (app.json, webhooks/webhooks.json, workflow-actions/*.json,
// in 2026.03 hsmeta shapes) are the source; this renders the project `hs project upload` takes:
// hsproject.json + src/app/**/*-hsmeta.json (layout rules: docs/hubspot.md §Developer projects). Pure: no disk, no env.

export const PLATFORM_VERSION = "2026.03";

export type Descriptors = {
  app: unknown;
  webhooks: unknown;
  /** Keyed by file name without extension, e.g. "reset-score". */
  workflowActions: Record<string, unknown>;
};

export type ProjectFile = { path: string; json: unknown };

export class ProjectRenderError extends Error {
  constructor(readonly problems: string[]) {
    super(`cannot render the HubSpot project:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ProjectRenderError";
  }
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Replaces `{{NAME}}` from `values`; throws a ProjectRenderError listing every `{{…}}` left. */
export function renderProject(
  descriptors: Descriptors,
  values: Record<string, string>,
  projectName = "lead-score",
): ProjectFile[] {
  const files: ProjectFile[] = [
    { path: "src/app/app-hsmeta.json", json: descriptors.app },
    { path: "src/app/webhooks/webhooks-hsmeta.json", json: descriptors.webhooks },
    ...Object.entries(descriptors.workflowActions).map(([name, json]) => ({
      path: `src/app/workflow-actions/${name}-hsmeta.json`,
      json,
    })),
  ];
  const problems: string[] = [];
  const rendered = files.map((file) => ({
    path: file.path,
    json: substitute(file.json, values, cardFields(file.json), (where, text) =>
      problems.push(
        `${file.path} ${where}: "${text}" has no value (only ${Object.keys(values).join(", ")} are set)`,
      ),
    ),
  }));
  if (problems.length > 0) throw new ProjectRenderError(problems);
  return [
    { path: "hsproject.json", json: { name: projectName, srcDir: "src", platformVersion: PLATFORM_VERSION } },
    ...rendered,
  ];
}

/**
 * `labels.<locale>.actionCardContent` may use HubSpot's own `{{inputField}}` template (docs/hubspot.md §Workflow action component);
 * those names are the only `{{…}}` allowed to stay.
 */
function cardFields(json: unknown): Set<string> {
  const config = (json as { type?: string; config?: { inputFields?: unknown } }).config;
  if ((json as { type?: string }).type !== "workflow-action" || !Array.isArray(config?.inputFields))
    return new Set();
  return new Set(
    config.inputFields
      .map((f: { typeDefinition?: { name?: unknown } }) => f.typeDefinition?.name)
      .filter((n): n is string => typeof n === "string"),
  );
}

function substitute(
  node: unknown,
  values: Record<string, string>,
  cardNames: Set<string>,
  report: (where: string, text: string) => void,
  path: string[] = [],
): unknown {
  if (typeof node === "string") {
    const inCard = path.at(-1) === "actionCardContent";
    return node.replace(PLACEHOLDER, (whole, name: string) => {
      const value = values[name];
      if (value !== undefined) return value;
      if (!(inCard && cardNames.has(name))) report(path.join("."), whole);
      return whole;
    });
  }
  if (Array.isArray(node))
    return node.map((item, i) => substitute(item, values, cardNames, report, [...path, `${i}`]));
  if (node !== null && typeof node === "object") {
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, substitute(v, values, cardNames, report, [...path, k])]),
    );
  }
  return node;
}
