import type { Writable } from "node:stream";
import { type Command, InvalidArgumentError } from "commander";
import { CliError } from "./cli-error.js";
import { renderSandboxStats, type SandboxStatsView, type WebhookStatsView } from "./render-sandbox-stats.js";
import { createSandboxClient, resolveSandboxUrl, type SandboxClient } from "./sandbox-client.js";
import { addSandboxMarketingCommands } from "./sandbox-marketing-commands.js";
import { addSandboxStartCommand } from "./sandbox-start-command.js";

// `lead-score sandbox start|seed|log-meeting|set-property|associate|dissociate|delete|restore|merge|
// gdpr-delete|remove-from-list|advance-clock|stats`, and submit-form|open-email|click-email|view-page
// (sandbox-marketing-commands.ts) (docs/decisions.md §Sandbox portal): `start` runs a
// sandbox portal in this process; the others act on a running one over its control endpoints, found at
// --url, SANDBOX_URL or in the record of a running npm start (find-npm-start.ts), as a person using
// HubSpot's UI would.

export type SandboxCommandIo = {
  out: Writable;
  /** Which sandbox was found, when no --url or SANDBOX_URL names one. */
  err?: Writable;
  env: Record<string, string | undefined>;
  fetch?: typeof fetch;
  /** `start` hands the running sandbox here instead of waiting for SIGINT (tests). */
  started?: (running: { url: string; close(): Promise<void> }) => void;
};

const defaultIo = (): SandboxCommandIo => ({ out: process.stdout, env: process.env });

const whole = (value: string) => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("expected a whole number");
  return Number(value);
};

/** `name=value` pairs; `name=` clears the property, as HubSpot does with "". */
const assignments = (pairs: string[]): Record<string, string> =>
  Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf("=");
      if (at <= 0) throw new CliError([`expected name=value, got: ${pair}`]);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerSandboxCommand(program: Command, io: SandboxCommandIo = defaultIo()): Command {
  const print = (line: string) => io.out.write(`${line}\n`);
  const sandbox = program
    .command("sandbox")
    .description(
      "run a local sandbox portal, or act on a running one (--url, SANDBOX_URL, else the one npm start runs)",
    );
  // Every acting subcommand: a client for the sandbox its --url / SANDBOX_URL names.
  const acting = (name: string, description: string) =>
    sandbox
      .command(name)
      .description(description)
      .option("--url <url>", "the sandbox (default: SANDBOX_URL, else the one npm start runs)");
  const clientOf = async (options: { url?: string }): Promise<SandboxClient> =>
    createSandboxClient(
      await resolveSandboxUrl(options.url, {
        env: io.env,
        err: io.err ?? process.stderr,
        ...(io.fetch ? { fetch: io.fetch } : {}),
      }),
      io.fetch,
    );

  addSandboxStartCommand(sandbox, io);
  addSandboxMarketingCommands(acting, clientOf, print);

  acting("seed", "add generated companies, contacts, deals and engagements (no webhooks: it is the past)")
    .option("--preset <seed>", "sizes to start from: small or demo", "small")
    .option("--contacts <n>", "contacts to add", whole)
    .option("--companies <n>", "companies to add", whole)
    .option("--deals <n>", "deals to add", whole)
    .option("--engagements <n>", "engagements per contact (default: 0 to the preset's maximum)", whole)
    .action(async (o) => {
      const body = { seed: o.preset, contacts: o.contacts, companies: o.companies, deals: o.deals };
      const answer = await (await clientOf(o)).call<{ added: Record<string, number> }>(
        "POST",
        "/__sandbox/seed",
        {
          ...body,
          engagementsPerContact: o.engagements,
        },
      );
      print(
        `added ${Object.entries(answer.added)
          .map(([type, n]) => `${n} ${type}`)
          .join(", ")}`,
      );
    });

  acting("log-meeting", "log a meeting on a contact (and its primary company)")
    .requiredOption("--contact <id>", "the contact's record id")
    .option("--at <time>", "ISO time or epoch ms (default: the sandbox clock's now)")
    .option("--outcome <outcome>", "hs_meeting_outcome: COMPLETED, SCHEDULED, NO_SHOW, ...", "COMPLETED")
    .option("--property <name=value>", "another meeting property (repeatable)", collect, [])
    .action(async (o) => {
      const answer = await (await clientOf(o)).call<{
        engagement: { id: string };
        associatedWith: { companies: string[] };
      }>("POST", "/__sandbox/engagements", {
        type: "meeting",
        contactId: o.contact,
        ...(o.at ? { occurredAt: /^\d+$/.test(o.at) ? Number(o.at) : o.at } : {}),
        properties: { hs_meeting_outcome: o.outcome, ...assignments(o.property) },
      });
      // The primary company gets the meeting too (as HubSpot logs it): its scores move as well.
      const companies = answer.associatedWith.companies;
      const also = companies.length > 0 ? ` and company ${companies.join(", ")}` : "";
      print(`meeting ${answer.engagement.id} logged on contact ${o.contact}${also}`);
    });

  acting("set-property", "set properties of a record, as a user editing it in HubSpot")
    .argument("<objectType>", "contacts, companies, deals, ...")
    .argument("<id>", "record id")
    .argument("<assignments...>", "name=value (name= clears it)")
    .action(async (objectType: string, id: string, pairs: string[], o) => {
      await (await clientOf(o)).call("PATCH", `/__sandbox/records/${objectType}/${id}`, {
        properties: assignments(pairs),
      });
      print(`${objectType} ${id}: set ${Object.keys(assignments(pairs)).join(", ")}`);
    });

  acting("associate", "associate two records, optionally with a label")
    .argument("<fromType>")
    .argument("<fromId>")
    .argument("<toType>")
    .argument("<toId>")
    .option("--label <label>", "association label, e.g. Primary or Decision maker")
    .action(async (fromType: string, fromId: string, toType: string, toId: string, o) => {
      await (await clientOf(o)).call("POST", "/__sandbox/associations", {
        fromType,
        fromId,
        toType,
        toId,
        label: o.label,
      });
      print(`associated ${fromType} ${fromId} → ${toType} ${toId}${o.label ? ` (${o.label})` : ""}`);
    });

  acting("dissociate", "remove every association between two records")
    .argument("<fromType>")
    .argument("<fromId>")
    .argument("<toType>")
    .argument("<toId>")
    .action(async (fromType: string, fromId: string, toType: string, toId: string, o) => {
      const path = [fromType, fromId, toType, toId].map(encodeURIComponent).join("/");
      await (await clientOf(o)).call("DELETE", `/__sandbox/associations/${path}`);
      print(`dissociated ${fromType} ${fromId} from ${toType} ${toId}`);
    });

  acting("delete", "delete a record (restorable), as a person does in HubSpot")
    .argument("<objectType>")
    .argument("<id>")
    .action(async (objectType: string, id: string, o) => {
      await (await clientOf(o)).call(
        "DELETE",
        `/__sandbox/records/${encodeURIComponent(objectType)}/${encodeURIComponent(id)}`,
      );
      print(`${objectType} ${id}: deleted`);
    });

  acting("restore", "restore a deleted record with its associations")
    .argument("<objectType>")
    .argument("<id>")
    .action(async (objectType: string, id: string, o) => {
      const path = `/__sandbox/records/${encodeURIComponent(objectType)}/${encodeURIComponent(id)}/restore`;
      await (await clientOf(o)).call("POST", path);
      print(`${objectType} ${id}: restored`);
    });

  acting("merge", "merge a record into another: the primary keeps its id and gains the other's associations")
    .argument("<objectType>")
    .argument("<primaryId>", "the record that stays")
    .argument("<mergedId>", "the record merged into it (gone afterwards)")
    .action(async (objectType: string, primaryId: string, mergedId: string, o) => {
      const answer = await (await clientOf(o)).call<{ numberOfPropertiesMoved: number }>(
        "POST",
        `/__sandbox/records/${encodeURIComponent(objectType)}/merge`,
        { primaryObjectId: primaryId, objectIdToMerge: mergedId },
      );
      print(
        `${objectType} ${mergedId} merged into ${primaryId} (${answer.numberOfPropertiesMoved} properties moved)`,
      );
    });

  acting("gdpr-delete", "erase a contact for good, as its GDPR deletion request does")
    .argument("<contactId>")
    .action(async (contactId: string, o) => {
      await (await clientOf(o)).call(
        "POST",
        `/__sandbox/records/contacts/${encodeURIComponent(contactId)}/gdpr-delete`,
      );
      print(`contact ${contactId}: erased`);
    });

  acting("remove-from-list", "take records out of a list")
    .requiredOption("--list <id>", "the list's id")
    .argument("<ids...>", "record ids")
    .action(async (ids: string[], o) => {
      const answer = await (await clientOf(o)).call<{ removed: number }>(
        "DELETE",
        `/__sandbox/lists/${encodeURIComponent(o.list)}/members`,
        { recordIds: ids },
      );
      print(`list ${o.list}: ${answer.removed} removed`);
    });

  acting("advance-clock", "move the sandbox clock (and the app's, in sandbox mode) forward")
    .argument("<duration>", "90s, 15m, 2h, 3d, 1w, 1d12h, PT2H or milliseconds")
    .action(async (duration: string, o) => {
      const answer = await (await clientOf(o)).call<{ iso: string }>("POST", "/__sandbox/clock", {
        advance: duration,
      });
      print(`sandbox clock: ${answer.iso}`);
    });

  acting("stats", "API calls per endpoint, 429s served and webhook deliveries")
    .option("--json", "print the raw figures")
    .option("--reset", "start counting afresh after printing")
    .action(async (o) => {
      const client = await clientOf(o);
      const stats = await client.call<SandboxStatsView>("GET", "/__sandbox/stats");
      const webhooks = await client.call<WebhookStatsView>("GET", "/__sandbox/webhooks");
      if (o.json) print(JSON.stringify({ ...stats, webhooks }));
      else for (const line of renderSandboxStats(stats, webhooks)) print(line);
      if (o.reset) await client.call("POST", "/__sandbox/stats/reset");
    });
  return sandbox;
}
