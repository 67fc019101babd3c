import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { SnapshotInput } from "../src/scoring/index.js";
import { createPrng, pick } from "./prng.js";

// A synthetic HubSpot export (docs/decisions.md §Benchmarks): contacts with the properties and event shapes
// the HubSpot side produces (docs/scoring.md §Event types), deterministic for a given seed.

export const benchNow = "2026-11-20T12:00:00Z";
const nowMs = Date.parse(benchNow);
const dayMs = 86_400_000;

const titles = [
  "CEO",
  "CTO",
  "VP Sales",
  "Director of Marketing",
  "Engineer",
  "Analyst",
  "Head of Ops",
  "Intern",
  "",
];
const states = ["Northeast", "Midwest", "West", "Southwest", "Southeast", "Northeast;Midwest"];
const sources = [
  "ORGANIC_SEARCH",
  "PAID_SEARCH",
  "EMAIL_MARKETING",
  "SOCIAL_MEDIA",
  "DIRECT_TRAFFIC",
  "REFERRALS",
];
const stages = [
  "subscriber",
  "lead",
  "marketingqualifiedlead",
  "salesqualifiedlead",
  "opportunity",
  "customer",
];
const pages = [
  ["https://www.example.com/pricing", "Pricing"],
  ["https://www.example.com/demo", "Book a demo"],
  ["https://www.example.com/blog/lead-scoring-101", "Lead scoring 101"],
  ["https://www.example.com/blog/crm-hygiene", "CRM hygiene"],
  ["https://www.example.com/customers/acme", "Case study: Acme"],
  ["https://www.example.com/careers", "Careers"],
  ["https://www.example.com/", "Home"],
  ["https://www.example.com/features/workflows", "Workflows"],
] as const;
const forms = ["Contact us", "Demo request", "Newsletter", "Ebook download", "Webinar signup"];
const campaigns = [
  "Spring Launch 2026",
  "Webinar: pipeline",
  "Monthly newsletter",
  "Product update",
  "Win-back",
];
// Event types and their relative frequency in a marketing-heavy portal.
const eventMix = [
  ["page_view", 40],
  ["marketing_email_open", 18],
  ["marketing_email_click", 8],
  ["form_submission", 6],
  ["cta_click", 6],
  ["email", 7],
  ["call", 4],
  ["meeting", 4],
  ["note", 3],
  ["task", 3],
  ["webinar_attended", 1],
] as const;
const mixTotal = eventMix.reduce((sum, [, weight]) => sum + weight, 0);

function eventType(random: () => number): string {
  let r = random() * mixTotal;
  for (const [type, weight] of eventMix) {
    r -= weight;
    if (r < 0) return type;
  }
  return "page_view";
}

function eventProperties(type: string, random: () => number, atMs: number): Record<string, string | number> {
  switch (type) {
    case "page_view": {
      const [url, title] = pick(random, pages);
      return { url, title };
    }
    case "form_submission": {
      const form = pick(random, forms);
      return { form_id: `f-${forms.indexOf(form)}`, form_name: form, page_url: pick(random, pages)[0] };
    }
    case "marketing_email_open":
    case "marketing_email_click": {
      const campaign = pick(random, campaigns);
      const url = random() < 0.05 ? "https://www.example.com/unsubscribe" : pick(random, pages)[0];
      return type === "marketing_email_open"
        ? { campaign, email_name: `${campaign} #1` }
        : { campaign, email_name: `${campaign} #1`, url };
    }
    case "meeting":
      return {
        hs_meeting_outcome: pick(random, ["SCHEDULED", "COMPLETED", "COMPLETED", "NO_SHOW", "CANCELED"]),
        hs_meeting_title: "Intro call",
      };
    case "call":
      return {
        hs_call_disposition: pick(random, ["connected", "connected", "no_answer", "left_voicemail"]),
        hs_call_duration: String(Math.floor(random() * 900_000)),
        hs_timestamp: new Date(atMs).toISOString(),
      };
    case "email":
      return {
        hs_email_direction: pick(random, ["EMAIL", "INCOMING_EMAIL"]),
        hs_email_subject: "Following up",
      };
    case "task":
      return { hs_task_status: "COMPLETED", hs_task_type: pick(random, ["CALL", "EMAIL", "TODO"]) };
    default:
      return {};
  }
}

/** One contact snapshot with `eventCount` events spread over the last two years (a few in the future). */
export function generateContact(index: number, eventCount: number, random: () => number): SnapshotInput {
  const events = Array.from({ length: eventCount }, () => {
    const type = eventType(random);
    // Skewed towards recent activity; 1 % scheduled in the next week (future events).
    const atMs = random() < 0.01 ? nowMs + random() * 7 * dayMs : nowMs - random() ** 2 * 730 * dayMs;
    return {
      type,
      occurredAt: new Date(Math.floor(atMs)).toISOString(),
      properties: eventProperties(type, random, atMs),
    };
  });
  const lists = ["12", "34", "56", "99"].filter(() => random() < 0.2);
  return {
    id: String(1_000_000 + index),
    object: "contacts",
    properties: {
      email: `contact${index}@example.com`,
      firstname: `First${index}`,
      lastname: `Last${index}`,
      jobtitle: pick(random, titles),
      state: pick(random, states),
      numberofemployees: String(Math.floor(random() ** 3 * 20_000)),
      lifecyclestage: pick(random, stages),
      hs_analytics_source: pick(random, sources),
      createdate: new Date(nowMs - random() * 1000 * dayMs).toISOString(),
    },
    lists,
    events,
  };
}

/** Writes `contacts` snapshots as JSON Lines to `path`; returns the file's size in bytes. */
export async function generateExport(path: string, contacts: number, eventsPerContact: number, seed = 42) {
  const random = createPrng(seed);
  const out = createWriteStream(path);
  let bytes = 0;
  for (let i = 0; i < contacts; i++) {
    const line = `${JSON.stringify(generateContact(i, eventsPerContact, random))}\n`;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return bytes;
}
