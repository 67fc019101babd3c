import { Command } from "commander";
import { loadDefinitionFile } from "./load-definition-file.js";

/** `lead-score validate`: "ok", or every problem as `file: path: message` on stderr (exit 1). */
export function validateCommand(): Command {
  return new Command("validate")
    .description("check a score definition: print every problem, or ok")
    .requiredOption("--definition <file>", "score definition (JSON)")
    .action(async (options: { definition: string }) => {
      await loadDefinitionFile(options.definition);
      process.stdout.write("ok\n");
    });
}
