import type { Command } from "commander";
import { CliError } from "./cli-error.js";
import type { SandboxClient } from "./sandbox-client.js";

// `lead-score sandbox submit-form | open-email | click-email | view-page` (docs/decisions.md §Sandbox
// marketing and web sources): what a contact does with a form, a marketing email or the website, as
// HubSpot records it: the feed entry the app reads (form submissions, email events, event analytics)
// and the contact's roll-up properties, whose changes reach the app as contact.propertyChange webhooks.

type Acting = (name: string, description: string) => Command;
type ClientOf = (options: { url?: string }) => Promise<SandboxClient>;
type Answer = { contactId: string; rollups: Record<string, string> };

const collect = (value: string, previous: string[] = []) => [...previous, value];
/** --at as the sandbox takes it: epoch milliseconds or ISO text. */
const atOf = (at: string | undefined) =>
  at === undefined ? {} : { occurredAt: /^\d+$/.test(at) ? Number(at) : at };
const shown = (rollups: Record<string, string>, names: string[]) =>
  names.map((name) => `${name} ${rollups[name] ?? "(unset)"}`).join(", ");
const pairs = (list: string[]) =>
  Object.fromEntries(
    list.map((pair) => {
      const at = pair.indexOf("=");
      if (at <= 0) throw new CliError([`expected name=value, got: ${pair}`]);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );

export function addSandboxMarketingCommands(
  acting: Acting,
  clientOf: ClientOf,
  print: (line: string) => void,
): void {
  acting(
    "submit-form",
    "submit a form as the contact (an unknown email becomes a new contact, as in HubSpot)",
  )
    .requiredOption("--contact <id|email>", "the contact's record id or email")
    .option("--form <guid>", "the form's id (default: the portal's first form)")
    .option("--page-url <url>", "the page the form was on")
    .option("--value <name=value>", "another submitted field (repeatable)", collect, [])
    .option("--at <time>", "ISO time or epoch ms (default: the sandbox clock's now)")
    .action(async (o) => {
      const { occurredAt } = atOf(o.at) as { occurredAt?: string | number };
      const answer = await (await clientOf(o)).call<Answer & { formName: string }>(
        "POST",
        "/__sandbox/form-submissions",
        {
          contact: o.contact,
          ...(o.form ? { formId: o.form } : {}),
          ...(o.pageUrl ? { pageUrl: o.pageUrl } : {}),
          values: pairs(o.value),
          ...(occurredAt === undefined ? {} : { submittedAt: occurredAt }),
        },
      );
      print(
        `contact ${answer.contactId} submitted "${answer.formName}": ${shown(answer.rollups, ["num_conversion_events", "recent_conversion_date"])}`,
      );
    });

  const emailCommand = (name: string, verb: string) =>
    acting(name, `the contact ${verb} a marketing email (delivered first when it never was)`)
      .requiredOption("--contact <id|email>", "the contact's record id or email")
      .option("--campaign <id>", "the email campaign's id (default: the newest one sent by then)")
      .option("--at <time>", "ISO time or epoch ms (default: the sandbox clock's now)");
  const emailAction =
    (type: "OPEN" | "CLICK", rollups: string[]) => async (o: Record<string, string | undefined>) => {
      const answer = await (await clientOf(o)).call<
        Answer & { events: { type: string; emailCampaignId: number }[] }
      >("POST", "/__sandbox/email-events", {
        contact: o.contact,
        type,
        ...(o.campaign ? { campaignId: o.campaign } : {}),
        ...(o.link ? { url: o.link } : {}),
        ...atOf(o.at),
      });
      const campaign = answer.events.at(-1)?.emailCampaignId;
      const events = answer.events.map((e) => e.type).join(", ");
      print(
        `contact ${answer.contactId}, email campaign ${campaign}: ${events}; ${shown(answer.rollups, rollups)}`,
      );
    };
  emailCommand("open-email", "opens").action(
    emailAction("OPEN", ["hs_email_open", "hs_email_last_open_date"]),
  );
  emailCommand("click-email", "clicks a link in")
    .option("--link <url>", "the link clicked (--url names the sandbox)", "https://www.example.com/")
    .action(emailAction("CLICK", ["hs_email_click", "hs_email_last_click_date"]));

  acting("view-page", "the contact views a page of the website (an e_visited_page event)")
    .requiredOption("--contact <id|email>", "the contact's record id or email")
    .requiredOption("--page <url>", "the page's URL (--url names the sandbox)")
    .option("--title <title>", "the page's title (default: its URL)")
    .option("--at <time>", "ISO time or epoch ms (default: the sandbox clock's now)")
    .action(async (o) => {
      const answer = await (await clientOf(o)).call<Answer>("POST", "/__sandbox/web-events", {
        contact: o.contact,
        kind: "page_view",
        url: o.page,
        ...(o.title ? { title: o.title } : {}),
        ...atOf(o.at),
      });
      print(
        `contact ${answer.contactId} viewed ${o.page}: ${shown(answer.rollups, ["hs_analytics_num_page_views", "hs_analytics_num_visits"])}`,
      );
    });
}
