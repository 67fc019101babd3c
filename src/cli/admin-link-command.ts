import type { Writable } from "node:stream";
import type { Command } from "commander";
import { createAdminApiClient, resolveAdminApp } from "./admin-api-client.js";
import { parsePortalId } from "./parse-portal-id.js";

// `lead-score admin-link` (docs/decisions.md §Admin sign-in): a fresh single-use admin page link from the
// running app (found as `rescore` finds it: --url, LEAD_SCORE_URL or DATA_DIR/npm-start.json), for when a
// session expired and the link printed at start was spent. The app makes it
// (POST /api/sign-in-links, ADMIN_TOKEN only) and stores it; this prints it, on stdout only, since it
// is a credential.

export type AdminLinkCommandIo = {
  /** The link, alone on its line, so `$(lead-score admin-link)` gives it. */
  out: Writable;
  /** Its validity and reach. */
  err: Writable;
  env: Record<string, string | undefined>;
  fetch?: typeof fetch;
};

type AdminLinkOptions = { portal?: number; url?: string; token?: string };
type CreatedLink = { url: string; expiresAt: string; portals: "all" | number[] };

const defaultIo = (): AdminLinkCommandIo => ({ out: process.stdout, err: process.stderr, env: process.env });

export function registerAdminLinkCommand(program: Command, io: AdminLinkCommandIo = defaultIo()): Command {
  return program
    .command("admin-link")
    .description("print a new single-use sign-in link to the running app's admin page (valid 1 h)")
    .option("--portal <id>", "sign in to this portal only (default: every portal)", parsePortalId)
    .option(
      "--url <url>",
      "the running app (default: LEAD_SCORE_URL, else the app npm start runs, else http://localhost:3000)",
    )
    .option(
      "--token <token>",
      "the app's ADMIN_TOKEN (default: ADMIN_TOKEN; a flag shows in ps, prefer the variable)",
    )
    .action(async (options: AdminLinkOptions) => {
      const { url, token } = await resolveAdminApp(options, {
        env: io.env,
        err: io.err,
        ...(io.fetch ? { fetch: io.fetch } : {}),
      });
      const api = createAdminApiClient(url, token, io.fetch);
      const body = options.portal === undefined ? {} : { portalId: options.portal };
      const link = await api.call<CreatedLink>("POST", "/sign-in-links", body);
      const reach = link.portals === "all" ? "every portal" : `portal ${link.portals.join(", ")}`;
      io.err.write(`a sign-in link to ${reach}; it works once, until ${link.expiresAt}\n`);
      io.out.write(`${link.url}\n`);
    });
}
