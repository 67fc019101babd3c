import { Router } from "express";
import { HubSpotError } from "./hubspot-error.js";
import { objectTypeParam, recordIdOf } from "./object-type-param.js";
import { recordToWire } from "./record-to-wire.js";
import type { SandboxPortal } from "./sandbox-portal.js";

// GET /__sandbox/records/:objectType/:id: a record as a person sees it in HubSpot's UI, every
// property the portal has (unset ones as null; an archived property is gone). Like the other
// /__sandbox/* routes it stands for a person: no token, no rate limit, so a test or the CLI can
// look at the app's written scores without spending the app's API budget.

export function createRecordViewRoute(portal: SandboxPortal): Router {
  const router = Router();
  router.get("/__sandbox/records/:objectType/:id", (req, res) => {
    const type = objectTypeParam(req.params.objectType);
    const id = recordIdOf(req.params.id);
    const record = id === null ? null : portal.records.get(type, id);
    if (!record) throw new HubSpotError(404, "OBJECT_NOT_FOUND", `no ${type} with id ${req.params.id}`);
    const names = portal.properties.liveNames(type);
    res.json(recordToWire(record, [...names], names));
  });
  return router;
}
