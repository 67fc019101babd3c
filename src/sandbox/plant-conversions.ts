import { refreshContactRollups } from "./compute-contact-rollups.js";
import {
  CONVERSION_WINDOW_DAYS,
  conversionProbability,
  FROM_STAGE,
  seniorTitles,
  TO_STAGE,
} from "./conversion-process.js";
import { observedSignals } from "./conversion-signals.js";
import {
  createNurtureCampaigns,
  type PlantingContext,
  plantConversionSignals,
} from "./plant-conversion-signals.js";
import type { Prng } from "./prng.js";
import type { StoredRecord } from "./record-repo.js";
import type { SandboxPortal } from "./sandbox-portal.js";
import { jobTitles, seniorJobTitles } from "./seed-pools.js";

// The seeded contacts' lifecycle, from the known conversion process (docs/decisions.md §Sandbox conversion
// process). A share of the contacts qualify: lead at creation, marketingqualifiedlead at T (7 to 60 days
// after creation, so over the past year), with engagement planted in the 30 days before T; each then
// reaches salesqualifiedlead within 30 days with the process's probability, and some go on to opportunity
// and customer. The others stay, leave for "other", or reach SQL after the 30 days. A contact whose T is
// less than 30 days ago may still convert: its SQL date is drawn, and written only if it has passed. The
// rest are subscribers, leads or "other" since creation. Some qualifying contacts' job title changed after
// T: their history holds the title they had at T, which is the one the process read.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const quiet = (nowMs: number) => ({ nowMs, changeSource: null });
const juniorTitles = jobTitles.filter((title) => !seniorTitles.has(title));

/** Qualifying contacts whose job title changed after T, to a title of the other seniority. */
const TITLE_CHANGED_SHARE = 0.25;

export function plantConversions(
  portal: SandboxPortal,
  rng: Prng,
  nowMs: number,
  qualifyingShare: number,
): void {
  const forms = new Map(portal.forms.all().map((form) => [form.name, form]));
  const nurture = createNurtureCampaigns(portal, nowMs);
  for (let page = portal.records.page("contacts", 0, 1_000); page.length > 0; ) {
    for (const contact of page) {
      const latestDecision = Math.min(contact.createdAtMs + 60 * DAY, nowMs - HOUR);
      const earliestDecision = contact.createdAtMs + 7 * DAY;
      if (earliestDecision >= latestDecision || !rng.chance(qualifyingShare)) {
        const r = rng.next();
        moveTo(portal, contact.id, r < 0.35 ? "subscriber" : r < 0.9 ? "lead" : "other", contact.createdAtMs);
        continue;
      }
      const decisionAtMs = earliestDecision + rng.int(latestDecision - earliestDecision);
      const primaryCompanyId =
        portal.associations
          .targets("contacts", contact.id, "companies", 0, 50)
          .find((t) => t.associationTypes.some((a) => a.label === "Primary"))?.toObjectId ?? null;
      const context: PlantingContext = { portal, rng, forms, nurture, primaryCompanyId };
      plantTitleChange(portal, rng, contact, decisionAtMs, nowMs);
      plantConversionSignals(context, contact, decisionAtMs);
      const signals = observedSignals(portal, contact, decisionAtMs);
      const converts = rng.chance(conversionProbability(signals));
      walkJourney(portal, rng, contact, decisionAtMs, converts, nowMs);
      refreshContactRollups(portal, contact.id, quiet(nowMs));
    }
    page = portal.records.page("contacts", page.at(-1)?.id ?? 0, 1_000);
  }
}

function moveTo(portal: SandboxPortal, contactId: number, stage: string, atMs: number) {
  portal.records.update("contacts", contactId, { lifecyclestage: stage }, quiet(atMs));
}

/** For some contacts, the title held at T was one of the other seniority, changed to the current one later. */
function plantTitleChange(
  portal: SandboxPortal,
  rng: Prng,
  contact: StoredRecord,
  decisionAtMs: number,
  nowMs: number,
): void {
  const current = contact.properties.jobtitle;
  const changedAtMs = decisionAtMs + 14 * DAY + rng.int(166 * DAY);
  if (current === undefined || changedAtMs >= nowMs || !rng.chance(TITLE_CHANGED_SHARE)) return;
  const before = rng.pick(seniorTitles.has(current) ? juniorTitles : seniorJobTitles);
  portal.records.plantHistory("contacts", contact.id, "jobtitle", [
    { value: before, atMs: contact.createdAtMs },
    { value: current, atMs: changedAtMs },
  ]);
}

/** lead, MQL at T, then SQL within the window (converts) or later or never; each move written if passed. */
function walkJourney(
  portal: SandboxPortal,
  rng: Prng,
  contact: StoredRecord,
  decisionAtMs: number,
  converts: boolean,
  nowMs: number,
) {
  const steps: [string, number][] = [
    ["lead", contact.createdAtMs],
    [FROM_STAGE, decisionAtMs],
  ];
  if (converts) {
    const qualifiedAt = decisionAtMs + DAY + rng.int((CONVERSION_WINDOW_DAYS - 2) * DAY);
    const opportunityAt = qualifiedAt + 7 * DAY + rng.int(38 * DAY);
    const customerAt = opportunityAt + 14 * DAY + rng.int(76 * DAY);
    steps.push([TO_STAGE, qualifiedAt]);
    if (rng.chance(0.55)) {
      steps.push(["opportunity", opportunityAt]);
      if (rng.chance(0.5)) steps.push(["customer", customerAt]);
    }
  } else {
    const r = rng.next();
    const laterAt = decisionAtMs + (CONVERSION_WINDOW_DAYS + 1) * DAY + rng.int(89 * DAY);
    if (r < 0.15) steps.push([TO_STAGE, laterAt]);
    else if (r < 0.3) steps.push(["other", laterAt]);
  }
  for (const [stage, atMs] of steps) if (atMs <= nowMs) moveTo(portal, contact.id, stage, atMs);
}
