import {
  buildEngagementDefaults,
  callDispositions,
  type EngagementKind,
  engagementObjectOf,
} from "./engagement-defaults.js";
import { seededStage } from "./lifecycle-dates.js";
import type { SandboxObjectType } from "./object-types.js";
import type { Prng } from "./prng.js";
import { companyIndustries, dealStages, lifecycleStages, meetingOutcomes } from "./property-catalog.js";
import type { SandboxPortal } from "./sandbox-portal.js";
import {
  companyWords,
  contactLabels,
  firstNames,
  industryLabels,
  jobTitles,
  lastNames,
  regions,
} from "./seed-pools.js";

// Companies, contacts (mostly at a company: "Primary", sometimes "Decision maker" or "Billing
// contact"), deals, and months of engagements per contact, associated with the contact and its
// company as HubSpot's activity logging does. Times are relative to `nowMs`; everything else
// follows from the PRNG, so a seed gives the same portal every time.

export interface SeedSizes {
  companies: number;
  contacts: number;
  deals: number;
  months: number;
  maxEngagementsPerContact: number;
  /** Exactly this many per contact instead of a skewed 0..max (the benchmark's portal). */
  engagementsPerContact?: number;
}

const DAY = 86_400_000;
const quiet = (nowMs: number) => ({ nowMs, changeSource: null });
const kinds: readonly EngagementKind[] = [
  "email",
  "email",
  "email",
  "call",
  "call",
  "meeting",
  "meeting",
  "note",
  "task",
  "task",
];

function engagementAt(kind: EngagementKind, t: number, nowMs: number, rng: Prng) {
  const properties = buildEngagementDefaults(kind, t);
  let createdAtMs = t;
  if (kind === "meeting") {
    if (rng.chance(0.15)) {
      // Booked at t, taking place in the next two weeks.
      const start = nowMs + rng.int(14 * DAY);
      Object.assign(properties, buildEngagementDefaults("meeting", start), {
        hs_meeting_outcome: "SCHEDULED",
      });
    } else {
      properties.hs_meeting_outcome = rng.chance(0.7) ? "COMPLETED" : rng.pick(meetingOutcomes.slice(2));
      createdAtMs = t - rng.int(7 * DAY);
    }
  } else if (kind === "task" && rng.chance(0.3)) {
    Object.assign(properties, {
      hs_task_status: rng.pick(["NOT_STARTED", "IN_PROGRESS"]),
      hs_timestamp: new Date(nowMs + rng.int(14 * DAY)).toISOString(),
    });
    delete properties.hs_task_completion_date;
  } else if (kind === "call") {
    properties.hs_call_disposition = rng.pick(Object.values(callDispositions));
    properties.hs_call_direction = rng.chance(0.7) ? "OUTBOUND" : "INBOUND";
    properties.hs_call_duration = String(rng.int(1_800_000));
  } else if (kind === "email") {
    properties.hs_email_direction = rng.chance(0.5)
      ? "EMAIL"
      : rng.chance(0.9)
        ? "INCOMING_EMAIL"
        : "FORWARDED_EMAIL";
    if (rng.chance(0.03)) properties.hs_email_status = "BOUNCED";
  }
  return { properties, createdAtMs };
}

/**
 * `contactStagesLater`: the conversion process (plant-conversions.ts) sets the contacts' lifecycle;
 * otherwise each contact walks evenly to a stage picked at random.
 */
export function generateCrmData(
  portal: SandboxPortal,
  sizes: SeedSizes,
  rng: Prng,
  nowMs: number,
  contactStagesLater = false,
): void {
  const { records, associations } = portal;
  // The stage is drawn either way, so every later record is the same with or without the process.
  const contactStages = (stage: string, createdAtMs: number) =>
    contactStagesLater ? {} : seededStage(stage, createdAtMs, nowMs);
  const link = (
    fromType: SandboxObjectType,
    fromId: number,
    toType: SandboxObjectType,
    toId: number,
    label?: string,
  ) => associations.associate({ fromType, fromId, toType, toId, label }, quiet(nowMs));

  const companies = Array.from({ length: sizes.companies }, (_, i) => {
    const name = `${rng.pick(companyWords.first)} ${rng.pick(companyWords.second)} ${rng.pick(companyWords.suffix)}`;
    const [city, state, country] = rng.pick(regions);
    const industry = rng.pick(companyIndustries);
    const employees = Math.round(10 ** (rng.next() * 4.3));
    const domain = `${name.toLowerCase().replace(/[^a-z]+/g, "")}${i}.example.com`;
    const createdAtMs = nowMs - rng.int(720 * DAY);
    const record = records.create(
      "companies",
      {
        name,
        domain,
        industry,
        city,
        state,
        country,
        numberofemployees: String(employees),
        annualrevenue: String(employees * (50_000 + rng.int(150_000))),
        ...seededStage(rng.pick(lifecycleStages), createdAtMs, nowMs),
        type: "PROSPECT",
      },
      { ...quiet(createdAtMs), createdAtMs },
    );
    return {
      id: record.id,
      domain,
      industry,
      employees,
      state,
      city,
      country,
      name,
      contacts: [] as number[],
    };
  });

  for (let i = 0; i < sizes.contacts; i++) {
    const company = companies.length > 0 && rng.chance(0.9) ? rng.pick(companies) : null;
    const [first, last] = [rng.pick(firstNames), rng.pick(lastNames)];
    const [city, state, country] = company
      ? [company.city, company.state, company.country]
      : rng.pick(regions);
    const createdAtMs = nowMs - rng.int(365 * DAY);
    const contact = records.create(
      "contacts",
      {
        firstname: first,
        lastname: last,
        email: `${first}.${last}.${i}@${company?.domain ?? "example.com"}`.toLowerCase(),
        jobtitle: rng.pick(jobTitles),
        company: company?.name ?? null,
        industry: company ? (industryLabels[company.industry] ?? null) : null,
        city,
        state,
        country,
        numberofemployees: company ? String(company.employees) : null,
        ...contactStages(rng.pick(lifecycleStages), createdAtMs),
      },
      { ...quiet(createdAtMs), createdAtMs },
    );
    if (company) {
      company.contacts.push(contact.id);
      link("contacts", contact.id, "companies", company.id, "Primary");
      if (rng.chance(0.15))
        link("contacts", contact.id, "companies", company.id, contactLabels.decisionMaker);
      if (rng.chance(0.05)) link("contacts", contact.id, "companies", company.id, contactLabels.billing);
    }
    const count =
      sizes.engagementsPerContact ?? Math.floor(rng.next() ** 1.5 * (sizes.maxEngagementsPerContact + 1));
    const span = Math.min(sizes.months * 30 * DAY, nowMs - createdAtMs);
    for (let e = 0; e < count; e++) {
      const kind = rng.pick(kinds);
      const { properties, createdAtMs: at } = engagementAt(kind, nowMs - rng.int(span), nowMs, rng);
      const type = engagementObjectOf[kind];
      const engagement = records.create(type, properties, { ...quiet(at), createdAtMs: at });
      link(type, engagement.id, "contacts", contact.id);
      if (company) link(type, engagement.id, "companies", company.id);
    }
  }

  for (let i = 0; i < sizes.deals && companies.length > 0; i++) {
    const company = rng.pick(companies);
    const createdAtMs = nowMs - rng.int(sizes.months * 30 * DAY);
    const stage = rng.pick(dealStages);
    const deal = records.create(
      "deals",
      {
        dealname: `${company.name} – deal ${i + 1}`,
        amount: String(1_000 * (1 + rng.int(200))),
        dealstage: stage,
        pipeline: "default",
        closedate: new Date(createdAtMs + rng.int(90 * DAY)).toISOString(),
      },
      { ...quiet(createdAtMs), createdAtMs },
    );
    link("deals", deal.id, "companies", company.id, "Primary");
    for (const contactId of company.contacts.slice(0, 1 + rng.int(3)))
      link(
        "deals",
        deal.id,
        "contacts",
        contactId,
        rng.chance(0.5) ? contactLabels.decisionMaker : undefined,
      );
  }
}
