import { Router } from "express";
import { z } from "zod";
import { generateCrmData } from "./generate-crm-data.js";
import { sandboxObjectTypes } from "./object-types.js";
import { parseBody } from "./parse-body.js";
import { createPrng } from "./prng.js";
import type { SandboxPortal } from "./sandbox-portal.js";
import { seedSizes } from "./seed-portal.js";

// POST /__sandbox/seed (`lead-score sandbox seed`): more companies, contacts, deals and months of
// engagements in a running portal, the CRM records the seeds make (their marketing and web activity
// is not added: the submit-form, open-email, click-email and view-page commands add it as news). Like the seeds, and unlike edits,
// it writes no change rows: it is the portal's past, not news for the app, so no webhooks follow
// (rescore the score to take the new records in).

const count = z.coerce.number().int().min(0).max(100_000);
const seedRequest = z.object({
  /** Start from a named seed's sizes; the other fields override them. */
  seed: z.enum(["small", "demo"]).default("small"),
  companies: count.optional(),
  contacts: count.optional(),
  deals: count.optional(),
  months: z.coerce.number().int().min(1).max(60).optional(),
  engagementsPerContact: z.coerce.number().int().min(0).max(100).optional(),
  /** The PRNG seed; the same seed on the same portal adds the same records. */
  prngSeed: z.coerce.number().int().optional(),
});

export function createSeedRoute(portal: SandboxPortal): Router {
  const router = Router();
  const counts = () =>
    Object.fromEntries(sandboxObjectTypes.map((type) => [type, portal.records.count(type)]));
  router.post("/__sandbox/seed", (req, res) => {
    const { seed, prngSeed, ...sizes } = parseBody(seedRequest, req.body ?? {});
    const defined = Object.fromEntries(Object.entries(sizes).filter(([, v]) => v !== undefined));
    const before = counts();
    const nowMs = portal.clock.nowMs();
    portal.db.transaction(() => {
      generateCrmData(portal, { ...seedSizes[seed], ...defined }, createPrng(prngSeed ?? nowMs), nowMs);
    })();
    const after = counts();
    const added = Object.fromEntries(
      Object.entries(after).map(([type, n]) => [type, n - (before[type] ?? 0)]),
    );
    res.status(201).json({ added, counts: after });
  });
  return router;
}
