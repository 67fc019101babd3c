import { Router } from "express";
import { z } from "zod";
import type { AssociatedTarget } from "./association-repo.js";
import { definedTypesOf } from "./association-types.js";
import { type CrmGuard, requireScopes } from "./crm-guard.js";
import { batchTooLarge, validationError } from "./hubspot-error.js";
import { numberedToken } from "./numbered-token.js";
import { readScopesOf } from "./object-scopes.js";
import { objectTypeParam, recordIdOf } from "./object-type-param.js";
import { parseBody } from "./parse-body.js";
import type { SandboxPortal } from "./sandbox-portal.js";

// POST /crm/v4/associations/{from}/{to}/batch/read (docs/hubspot.md §Rate limits and batching): at most 1,000 inputs, each
// with an optional `after`; each result is {from, to[{toObjectId, associationTypes}], paging?}.
// Ids without associations come back as 207 errors (NO_ASSOCIATIONS_FOUND), not as results,
// as test/fixtures/hubspot/crm-payloads.ts records HubSpot doing.

const INPUT_LIMIT = 1_000;
/** Targets per input and page; HubSpot pages an input's associations with `after`. */
export const ASSOCIATION_PAGE = 500;

const body = z.object({
  inputs: z.array(z.object({ id: z.union([z.string(), z.number()]), after: z.string().optional() })),
});

const afterToken = numberedToken("to");

export function createAssociationsRoute(portal: SandboxPortal, guard: CrmGuard): Router {
  const router = Router();
  router.post("/crm/v4/associations/:fromObjectType/:toObjectType/batch/read", guard("api"), (req, res) => {
    const from = objectTypeParam(req.params.fromObjectType);
    const to = objectTypeParam(req.params.toObjectType);
    requireScopes(res, [...new Set([...readScopesOf(from), ...readScopesOf(to)])]);
    const { inputs } = parseBody(body, req.body);
    if (inputs.length > INPUT_LIMIT) throw batchTooLarge(INPUT_LIMIT, inputs.length);
    if (!definedTypesOf(from, to)) throw validationError(`${from} cannot be associated with ${to}`);
    const startedAt = new Date(portal.clock.nowMs()).toISOString();
    const results = [];
    const without: string[] = [];
    for (const input of inputs) {
      const fromId = recordIdOf(input.id);
      const targets: AssociatedTarget[] =
        fromId === null
          ? []
          : portal.associations.targets(
              from,
              fromId,
              to,
              afterToken.decode(input.after),
              ASSOCIATION_PAGE + 1,
            );
      if (targets.length === 0) {
        without.push(String(input.id));
        continue;
      }
      const page = targets.slice(0, ASSOCIATION_PAGE);
      const last = page.at(-1);
      results.push({
        from: { id: String(input.id) },
        // HubSpot sends toObjectId as a number (the SDK types it as a string and converts).
        to: page.map((t) => ({
          toObjectId: t.toObjectId,
          associationTypes: t.associationTypes.map(withoutNullLabel),
        })),
        ...(targets.length > ASSOCIATION_PAGE && last
          ? { paging: { next: { after: afterToken.encode(last.toObjectId) } } }
          : {}),
      });
    }
    const completedAt = new Date(portal.clock.nowMs()).toISOString();
    if (without.length === 0) return void res.json({ status: "COMPLETE", results, startedAt, completedAt });
    res.status(207).json({
      status: "COMPLETE",
      results,
      numErrors: without.length,
      errors: without.map((id) => ({
        status: "error",
        category: "OBJECT_NOT_FOUND",
        subCategory: "crm.associations.NO_ASSOCIATIONS_FOUND",
        message: `No ${to} is associated with ${id}`,
        context: { fromObjectId: [id] },
        links: {},
        errors: [],
      })),
      startedAt,
      completedAt,
    });
  });
  return router;
}

function withoutNullLabel(type: { category: string; typeId: number; label: string | null }) {
  return type.label === null ? { category: type.category, typeId: type.typeId } : type;
}
