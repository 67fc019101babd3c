import { type Command, Option } from "commander";
import type { ObjectType } from "../scoring/index.js";
import { objectTypes } from "../scoring/snapshot-schema.js";
import { buildExportNeeds } from "./build-export-needs.js";
import { CliError } from "./cli-error.js";
import type { ExportContext } from "./open-export-context.js";
import { parsePortalId } from "./parse-portal-id.js";
import { runExport } from "./run-export.js";

export { type ExportDeps, type ExportOptions, runExport } from "./run-export.js";

type ExportCommandOptions = {
  portal?: number;
  object: ObjectType;
  ids?: string;
  after?: string;
  properties?: string[];
  events?: boolean;
};

const parseList = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean),
];

async function requireConnected(context: ExportContext, portalId: number): Promise<void> {
  const installation = await context.installations.get(portalId);
  if (installation === undefined) {
    throw new CliError([`portal ${portalId} is not installed: install the app at ${context.installUrl}`]);
  }
  if (installation.status === "disconnected") {
    const since = installation.disconnectedAtMs
      ? ` since ${new Date(installation.disconnectedAtMs).toISOString()}`
      : "";
    const reason = installation.disconnectReason ?? "disconnected";
    throw new CliError([
      `portal ${portalId} is disconnected (${reason})${since}: reinstall the app at ${context.installUrl}`,
    ]);
  }
}

async function exportAction(context: ExportContext, options: ExportCommandOptions): Promise<void> {
  const { object } = options;
  const portal = options.portal ?? context.defaultPortalId;
  if (portal === undefined) throw new CliError(["which portal? pass --portal ID"]);
  await requireConnected(context, portal);
  const definitions = (await context.scores.list(portal))
    .map((revision) => revision.definition)
    .filter((definition) => definition.status === "enabled" && definition.object === object);
  if (definitions.length === 0 && !options.properties?.length) {
    context.err.write(
      `note: portal ${portal} has no enabled ${object} score, so only HubSpot's default properties are read; name more with --properties\n`,
    );
  }
  const needs = buildExportNeeds(definitions, {
    properties: options.properties ?? [],
    // docs/scoring.md: engagement scores count contacts' events, so a contacts export carries them by default.
    events: options.events ?? object === "contacts",
  });
  await runExport(
    {
      object,
      ...(options.ids ? { idsFile: options.ids } : {}),
      ...(options.after ? { after: options.after } : {}),
    },
    {
      crm: context.crmFor(portal),
      needs,
      resets: (ids) => context.records.resets(portal, object, ids),
      sources: {
        portalId: portal,
        atMs: Date.now(),
        feedEvents: (ids: readonly string[]) => context.feeds.events(portal, ids),
        // Web events come from the web feed's store too, unless HubSpot refused its portal-wide read
        // (docs/decisions.md §Web events feed): no call per contact.
        webFeedCursor: () => context.feeds.cursor(portal, "web_events"),
      },
      out: context.out,
      err: context.err,
    },
  );
}

/**
 * `lead-score export --portal ID --object contacts [--ids FILE] [--after CURSOR] > records.jsonl`
 * (docs/scoring.md §Record snapshot): a portal's records as snapshots for `lead-score evaluate`. `open`
 * builds the app's stores and door; tests pass their own.
 */
export function registerExportCommand(
  program: Command,
  // Loaded when the command runs: the HubSpot SDK and the stores are not what `evaluate` starts for.
  open: () => Promise<ExportContext> = async () =>
    (await import("./open-export-context.js")).openExportContext(),
): Command {
  return program
    .command("export")
    .description("write a HubSpot portal's records as snapshots (JSON Lines) on stdout")
    .option(
      "--portal <id>",
      "HubSpot account (portal) id (default: the portal of a running npm start)",
      parsePortalId,
    )
    .addOption(
      new Option("--object <object>", "records to export").choices(objectTypes).makeOptionMandatory(),
    )
    .option("--ids <file>", "export these record ids (one per line) instead of every record")
    .option("--after <cursor>", "continue an export from the last `next: --after` it printed")
    .option("--properties <names>", "more properties to read, comma-separated", parseList)
    .option("--events", "include every engagement event (default for contacts)")
    .option("--no-events", "only the events enabled scores count")
    .action(async (options: ExportCommandOptions) => {
      const context = await open();
      try {
        await exportAction(context, options);
      } finally {
        await context.close();
      }
    });
}
