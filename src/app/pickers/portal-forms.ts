import { AppError } from "../../errors.js";
import type { CrmClient } from "../../ports/crm-client.js";
import { PROPERTIES_TTL_MS } from "./portal-properties.js";
import { createTtlCache } from "./ttl-cache.js";

// Form names for the form submission rules' pickers (docs/decisions.md §Builder pickers): the portal's
// forms (GET /marketing/v3/forms, scope `forms`), kept as long as properties. The app does not ask for
// the `forms` scope, so most portals refuse: the form's name and id are then typed.

/** At most this many pages of forms: a picker is no place for more. */
const MAX_PAGES = 20;

export type FormChoice = { id: string; name: string };

export type PortalForms = {
  /** The portal's forms by name; null when HubSpot does not give them (a scope, a tier, a failure). */
  read(portalId: number, refresh?: boolean): Promise<FormChoice[] | null>;
};

export function createPortalForms(deps: {
  crmFor: (portalId: number) => Pick<CrmClient, "listForms">;
  now: () => number;
}): PortalForms {
  const cache = createTtlCache<FormChoice[] | null>({ now: deps.now, ttlMs: PROPERTIES_TTL_MS });
  const load = async (portalId: number) => {
    const forms: FormChoice[] = [];
    let after: string | null = null;
    try {
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await deps.crmFor(portalId).listForms(after);
        forms.push(...answer.forms);
        after = answer.after;
        if (after === null) break;
      }
    } catch (error) {
      // A refusal (the scope, the tier) lasts: kept like an answer, so the next page asks no more.
      if (error instanceof AppError && error.code === "forbidden") return null;
      throw error;
    }
    return forms.sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }));
  };
  return {
    async read(portalId, refresh = false) {
      try {
        return await cache.get(String(portalId), refresh, () => load(portalId));
      } catch {
        // Form names are a help, not a need: without them the picker takes typed names. Not kept.
        return null;
      }
    },
  };
}
