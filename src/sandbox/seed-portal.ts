import { generateCrmData, type SeedSizes } from "./generate-crm-data.js";
import { generateMarketingData } from "./generate-marketing-data.js";
import { installPropertyCatalog } from "./install-property-catalog.js";
import { objectTypeIdOf, sandboxObjectTypes } from "./object-types.js";
import { plantConversions } from "./plant-conversions.js";
import { createPrng } from "./prng.js";
import type { SandboxPortal } from "./sandbox-portal.js";

// SANDBOX_SEED (docs/decisions.md §Sandbox portal): `demo` (hundreds of companies, thousands of contacts,
// months of engagements, marketing email, forms, web activity and tickets), `small` (140 contacts, for tests), `none` (HubSpot's own properties only). A
// portal is seeded once: a data dir that holds a seeded portal is reopened as it is.

export const seedNames = ["demo", "small", "none"] as const;
export type SeedName = (typeof seedNames)[number];

export const seedSizes: Record<Exclude<SeedName, "none">, SeedSizes> = {
  demo: { companies: 300, contacts: 3_000, deals: 450, months: 6, maxEngagementsPerContact: 8 },
  small: { companies: 6, contacts: 140, deals: 6, months: 3, maxEngagementsPerContact: 5 },
};

/**
 * The share of contacts that become marketing qualified leads (docs/decisions.md §Sandbox conversion
 * process): a few hundred labelled MQL → SQL outcomes in the demo seed, at least 80 in the small one.
 */
export const qualifyingShares: Record<Exclude<SeedName, "none">, number> = { demo: 0.25, small: 0.85 };

const PRNG_SEED = 20_261_101;

export interface SeedReport {
  seed: SeedName;
  /** False when the data dir held a seeded portal already. */
  seededNow: boolean;
  counts: Record<string, number>;
  elapsedMs: number;
}

/** `sizes` replaces the named seed's sizes (a benchmark's portal); ignored for `none`. */
export function seedPortal(portal: SandboxPortal, seed: SeedName, sizes?: SeedSizes): SeedReport {
  const started = performance.now();
  const meta = portal.db.prepare<[string], { value: string }>("SELECT value FROM meta WHERE key = ?");
  const setMeta = portal.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
  const existing = meta.get("seed")?.value as SeedName | undefined;
  if (existing === undefined) {
    const nowMs = portal.clock.nowMs();
    portal.db.transaction(() => {
      installPropertyCatalog(portal, nowMs);
      if (seed !== "none") {
        const rng = createPrng(PRNG_SEED);
        const chosen = sizes ?? seedSizes[seed];
        // A benchmark's portal (`sizes`) keeps the CRM records it measures, with their spread stages.
        generateCrmData(portal, chosen, rng, nowMs, !sizes);
        seedLists(portal, rng.next, nowMs);
        // Its own stream, so the CRM records stay what they were before the marketing sources; a
        // benchmark's portal (`sizes`) keeps to the CRM records it measures.
        if (!sizes) generateMarketingData(portal, chosen.months, createPrng(PRNG_SEED + 1), nowMs);
        // Its own stream too: lifecycle transitions from a known process, over the records above.
        if (!sizes) plantConversions(portal, createPrng(PRNG_SEED + 2), nowMs, qualifyingShares[seed]);
      }
      setMeta.run("seed", seed);
      setMeta.run("seeded_at_ms", String(nowMs));
    })();
  }
  const counts = Object.fromEntries(sandboxObjectTypes.map((type) => [type, portal.records.count(type)]));
  return {
    seed: existing ?? seed,
    seededNow: existing === undefined,
    counts,
    elapsedMs: Math.round(performance.now() - started),
  };
}

function seedLists(portal: SandboxPortal, random: () => number, nowMs: number): void {
  const pick = (type: "contacts" | "companies", share: number) => {
    const ids: number[] = [];
    for (
      let page = portal.records.page(type, 0, 1_000);
      page.length > 0;
      page = portal.records.page(type, page.at(-1)?.id ?? 0, 1_000)
    )
      for (const record of page) if (random() < share) ids.push(record.id);
    return ids;
  };
  const lists: [string, "contacts" | "companies", number][] = [
    ["Newsletter subscribers", "contacts", 0.3],
    ["Webinar attendees 2026", "contacts", 0.1],
    ["Target accounts", "companies", 0.2],
  ];
  for (const [name, type, share] of lists) {
    const list = portal.lists.create(
      { name, objectTypeId: objectTypeIdOf[type], processingType: "SNAPSHOT" },
      nowMs,
    );
    portal.lists.addMembers(list.listId, pick(type, share), nowMs);
  }
}
