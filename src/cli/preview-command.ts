import { Command } from "commander";
import { compileScore } from "../scoring/index.js";
import { summarizeDistribution } from "../scoring/summarize-distribution.js";
import { loadDefinitionFile } from "./load-definition-file.js";
import { openRecordsFile } from "./open-records-file.js";
import { parseNowOption } from "./parse-now-option.js";
import { renderHistogram } from "./render-histogram.js";
import { scoreRecords } from "./score-records.js";
import { showProgress } from "./show-progress.js";

type PreviewOptions = { definition: string; records: string; now?: string; json?: true; strict?: true };

/** `lead-score preview`: the distribution of a score over the records ("preview distribution"). */
export function previewCommand(): Command {
  return new Command("preview")
    .description("print the distribution of the scores: histogram, thresholds, min/median/p90/max")
    .requiredOption("--definition <file>", "score definition (JSON)")
    .requiredOption("--records <file>", "record snapshots (JSON Lines)")
    .option("--now <instant>", "evaluate at this instant (ISO 8601); default: the current time")
    .option("--json", "print the same figures as JSON")
    .option("--strict", "stop at the first bad record line")
    .action(async (options: PreviewOptions) => {
      const definition = await loadDefinitionFile(options.definition);
      const score = compileScore(definition);
      const nowMs = parseNowOption(options.now, Date.now);
      const { stream, sizeBytes } = await openRecordsFile(options.records);
      const distribution = summarizeDistribution(definition);
      const progress = showProgress(sizeBytes, process.stderr);
      let badLines: number;
      try {
        ({ badLines } = await scoreRecords(stream, {
          score,
          nowMs,
          explain: false,
          strict: options.strict === true,
          recordsPath: options.records,
          onResult: distribution.add,
          onBatch: async (bytesRead) => progress.update(bytesRead),
          report: progress.log,
        }));
      } finally {
        progress.stop();
      }
      const summary = distribution.summary();
      const text = options.json ? JSON.stringify(summary) : renderHistogram(summary).join("\n");
      process.stdout.write(`${text}\n`);
      if (badLines > 0) process.exitCode = 2;
    });
}
