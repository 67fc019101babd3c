import type { ExampleScoreOutcome } from "../app/scores/ensure-example-scores.js";

export type SandboxBannerInput = {
  sandboxUrl: string;
  signInLink: string;
  dataDir: string;
  installed: "now" | "already";
  examples: readonly ExampleScoreOutcome[];
};

/**
 * What `npm start` prints for the person at the terminal in sandbox mode (README quick start): where
 * the sandbox is, what the example scores are doing, and the admin page's sign-in link. It holds a
 * credential, so it goes to stdout, never into the log.
 */
export function renderSandboxBanner(input: SandboxBannerInput): string {
  const lines = [`Sandbox portal: ${input.sandboxUrl} (lead-score sandbox ... --url ${input.sandboxUrl})`];
  const started = input.examples.filter((e) => e.job !== null);
  if (started.length > 0) {
    const names = started.map((e) => `${e.scoreId} (${e.object})`).join(", ");
    lines.push(
      `Example scores enabled: ${names}; every record is being scored now, watch it on the admin page`,
    );
  } else if (input.installed === "already") {
    lines.push(`Reusing ${input.dataDir}: the portal, its scores and their values are as you left them`);
  }
  lines.push(`Admin page: open ${input.signInLink} to sign in (works once, for 24 h)`);
  return `${lines.join("\n")}\n`;
}
