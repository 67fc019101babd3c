import { z } from "zod";
import { describeEventTypes } from "../../app/pickers/describe-event-types.js";
import { findPortalLists } from "../../app/pickers/find-portal-lists.js";
import type { PortalForms } from "../../app/pickers/portal-forms.js";
import type { PortalProperties } from "../../app/pickers/portal-properties.js";
import type { CrmClient } from "../../ports/crm-client.js";
import type { InstallationStore } from "../../ports/installation-store.js";
import type { ScoreStore } from "../../ports/score-store.js";
import type { SourceStatusStore } from "../../ports/source-status-store.js";
import { defineRoute } from "./define-route.js";
import {
  eventTypesParams,
  listsQuery,
  portalParams,
  propertiesParams,
  refreshQuery,
} from "./request-schemas.js";
import { pickerEventTypes, pickerLists, pickerProperty } from "./response-schemas.js";

/** What the builder's pickers read (docs/decisions.md §Builder pickers). */
export type PickerDeps = {
  installations: InstallationStore;
  scores: ScoreStore;
  crmFor: (portalId: number) => CrmClient;
  properties: PortalProperties;
  forms: PortalForms;
  /** The problems recorded of each event source (docs/decisions.md §Sources status), when composed. */
  sourceStatus?: SourceStatusStore;
};

export const pickerRoutes = [
  defineRoute({
    method: "get",
    path: "/portals/:portalId/properties/:objectType",
    description:
      "An object's properties by label, with the options of enumerations (kept 10 minutes; ?refresh=1 reads HubSpot again)",
    request: { params: propertiesParams, query: refreshQuery },
    response: z.array(pickerProperty),
    handle: (deps: PickerDeps, { params, query }) =>
      deps.properties.read(params.portalId, params.objectType, query.refresh),
  }),
  defineRoute({
    method: "get",
    path: "/portals/:portalId/event-types/:objectType",
    description:
      "Every event type a rule can count, with its event properties by label and options, and whether the portal's events of that type reach lead-score",
    request: { params: eventTypesParams, query: refreshQuery },
    response: pickerEventTypes,
    handle: (deps: PickerDeps, { params, query }) => describeEventTypes(deps, params.portalId, query.refresh),
  }),
  defineRoute({
    method: "get",
    path: "/portals/:portalId/lists",
    description: "The portal's lists by name (id, name, object, size), for scopes and list rules",
    request: { params: portalParams, query: listsQuery },
    response: pickerLists,
    handle: (deps: PickerDeps, { params, query }) =>
      findPortalLists(deps, params.portalId, query.q, query.objectType),
  }),
];
