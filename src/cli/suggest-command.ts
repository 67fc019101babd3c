import { writeFile } from "node:fs/promises";
import { Command, Option } from "commander";
import { type SuggestType, suggestScore } from "../suggest/index.js";
import { CliError, fileError } from "./cli-error.js";
import { parseNowOption } from "./parse-now-option.js";
import { readOutcomesFile, readSnapshotsFile } from "./read-labelled-files.js";

type SuggestOptions = {
  records: string;
  outcomes: string;
  type: SuggestType;
  now?: string;
  seed: string;
  out: string;
};

/**
 * `lead-score suggest` (docs/scoring.md §Offline CLI): a draft score from labelled snapshots, written to
 * --out; its evidence (JSON) on stdout. Outcomes whose decision instant is after --now are left out
 * (counted as `decisionAfterNow`): nothing can be known about them yet.
 */
export function suggestCommand(): Command {
  return new Command("suggest")
    .description("suggest a draft score from records and their outcomes; print its evidence (JSON)")
    .requiredOption("--records <file>", "record snapshots as of each decision instant (JSON Lines)")
    .requiredOption("--outcomes <file>", 'one {"id", "converted", "at"} per line (JSON Lines)')
    .addOption(
      new Option("--type <type>", "the score to suggest")
        .choices(["fit", "engagement"])
        .makeOptionMandatory(),
    )
    .option(
      "--now <instant>",
      "leave out outcomes decided after this instant (ISO 8601); default: the current time",
    )
    .option("--seed <n>", "fixes the 70/30 split: the same input and seed give the same draft", "1")
    .requiredOption("--out <file>", "where to write the draft definition (JSON)")
    .action(async (options: SuggestOptions) => {
      const seed = Number(options.seed);
      if (!Number.isSafeInteger(seed)) {
        throw new CliError([`--seed: expected a whole number, got ${JSON.stringify(options.seed)}`]);
      }
      const nowMs = parseNowOption(options.now, Date.now);
      const records = await readSnapshotsFile(options.records);
      const all = await readOutcomesFile(options.outcomes);
      const outcomes = all.filter((outcome) => outcome.atMs <= nowMs);
      const object = records[0]?.object ?? "contacts";
      if (object === "deals") {
        throw new CliError([
          `${options.records}: deal scores are combined only; suggestions are for contacts or companies`,
        ]);
      }
      const result = suggestScore({ object, type: options.type, records, outcomes, seed });
      if (!result.ok) throw new CliError([`${options.outcomes}: ${result.message}`]);
      const late = all.length - outcomes.length;
      if (late > 0) result.evidence.metrics.leftOut.decisionAfterNow = late;
      try {
        await writeFile(options.out, `${JSON.stringify(result.definition, null, 2)}\n`);
      } catch (error) {
        throw fileError(options.out, error);
      }
      process.stdout.write(`${JSON.stringify(result.evidence, null, 2)}\n`);
    });
}
