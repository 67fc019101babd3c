#!/usr/bin/env node
import { Command } from "commander";
import { loadVersion } from "../version.js";
import { registerAdminLinkCommand } from "./admin-link-command.js";
import { CliError } from "./cli-error.js";
import { evaluateCommand } from "./evaluate-command.js";
import { registerExportCommand } from "./export-command.js";
import { previewCommand } from "./preview-command.js";
import { registerRescoreCommand } from "./rescore-command.js";
import { registerSandboxCommand } from "./sandbox-command.js";
import { suggestCommand } from "./suggest-command.js";
import { validateCommand } from "./validate-command.js";

// The `lead-score` bin (package.json): the engine without HubSpot (docs/scoring.md §Offline CLI), and
// `export`, which reads snapshots from an installed portal for it.

// `lead-score evaluate ... | head` closes stdout early: that is the reader's choice, not a failure.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

const program = new Command("lead-score")
  .description(
    "Lead scores from the command line: evaluate a definition over record snapshots (JSON Lines), or export them from a portal",
  )
  .version(loadVersion())
  .addCommand(evaluateCommand())
  .addCommand(previewCommand())
  .addCommand(validateCommand())
  .addCommand(suggestCommand());
registerExportCommand(program);
registerSandboxCommand(program);
registerRescoreCommand(program);
registerAdminLinkCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (!(error instanceof CliError)) throw error;
  process.stderr.write(`${error.lines.join("\n")}\n`);
  process.exitCode = error.exitCode;
}
