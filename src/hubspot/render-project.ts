// docs/hubspot.md §Generated HubSpot project: the top-level descriptors (app.json, webhooks/webhooks.json, workflow-actions/*.json,
// in 2026.03 hsmeta shapes) are the source; this renders the project `hs project upload` takes:
// hsproject.json + src/app/**/*-hsmeta.json (layout rules: docs/hubspot.md §Developer projects). Pure: no disk, no env.

export const PLATFORM_VERSION = "2026.03";

export type Descriptors = {
  app: unknown;
  webhooks: unknown;
  /** Keyed by file name without extension, e.g. "reset-score". */
  workflowActions: Record<string, unknown>;
  /**
   * The record card's folder (hubspot-card/, docs/decisions.md §Record card): its `*-hsmeta.json` keyed by
   * name without `-hsmeta.json`, and its other files (source, package.json, tsconfig) as text keyed by name.
   */
  cards?: { components: Record<string, unknown>; files: Record<string, string> };
};

/** An hsmeta or JSON file (`json`), or a card's source file copied as text. */
export type ProjectFile = { path: string; json: unknown } | { path: string; text: string };

export class ProjectRenderError extends Error {
  constructor(readonly problems: string[]) {
    super(`cannot render the HubSpot project:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ProjectRenderError";
  }
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
/** In source files `{{ … }}` is also JSX (an object in braces), so only `{{UPPER_CASE}}` is a placeholder there. */
const SOURCE_PLACEHOLDER = /\{\{([A-Z][A-Z0-9_]*)\}\}/g;

function substituteText(
  text: string,
  values: Record<string, string>,
  report: (where: string, text: string) => void,
) {
  return text.replace(SOURCE_PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) report("", whole);
    return value ?? whole;
  });
}

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
    ...Object.entries(descriptors.cards?.components ?? {}).map(([name, json]) => ({
      path: `src/app/cards/${name}-hsmeta.json`,
      json,
    })),
    ...Object.entries(descriptors.cards?.files ?? {}).map(([name, text]) => ({
      path: `src/app/cards/${name}`,
      text,
    })),
  ];
  const problems: string[] = [];
  const rendered = files.map((file): ProjectFile => {
    const report = (where: string, text: string) =>
      problems.push(
        `${file.path}${where ? ` ${where}` : ""}: "${text}" has no value (only ${Object.keys(values).join(", ")} are set)`,
      );
    if ("text" in file) return { path: file.path, text: substituteText(file.text, values, report) };
    return { path: file.path, json: substitute(file.json, values, cardFields(file.json), report) };
  });
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
