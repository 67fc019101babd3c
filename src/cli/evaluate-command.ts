import { Command } from "commander";
import { compileScore } from "../scoring/index.js";
import { loadDefinitionFile } from "./load-definition-file.js";
import { openRecordsFile } from "./open-records-file.js";
import { parseNowOption } from "./parse-now-option.js";
import { scoreRecords } from "./score-records.js";
import { showProgress } from "./show-progress.js";
import { writeLines } from "./write-lines.js";

type EvaluateOptions = { definition: string; records: string; now?: string; explain?: true; strict?: true };

/** `lead-score evaluate`: one Result JSON line per record, in input order (docs/scoring.md §Result). */
export function evaluateCommand(): Command {
  return new Command("evaluate")
    .description("print one result (JSON) per record")
    .requiredOption("--definition <file>", "score definition (JSON)")
    .requiredOption("--records <file>", "record snapshots (JSON Lines)")
    .option("--now <instant>", "evaluate at this instant (ISO 8601); default: the current time")
    .option("--explain", "list each contributing event with its points before and after decay")
    .option("--strict", "stop at the first bad record line")
    .action(async (options: EvaluateOptions) => {
      const score = compileScore(await loadDefinitionFile(options.definition));
      const nowMs = parseNowOption(options.now, Date.now);
      const { stream, sizeBytes } = await openRecordsFile(options.records);
      const progress = showProgress(sizeBytes, process.stderr);
      const out = writeLines(process.stdout);
      try {
        const { badLines } = await scoreRecords(stream, {
          score,
          nowMs,
          explain: options.explain === true,
          strict: options.strict === true,
          recordsPath: options.records,
          onResult: (result) => out.write(JSON.stringify(result)),
          onBatch: (bytesRead) => {
            progress.update(bytesRead);
            return out.ready();
          },
          report: progress.log,
        });
        await out.end();
        if (badLines > 0) process.exitCode = 2;
      } finally {
        progress.stop();
      }
    });
}
