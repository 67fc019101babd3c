import { Router } from "express";
import { z } from "zod";
import { type CrmGuard, requireScopes } from "./crm-guard.js";
import type { StoredForm } from "./form-repo.js";
import { HubSpotError } from "./hubspot-error.js";
import { numberedToken } from "./numbered-token.js";
import { decodeCursor, pageWithNext } from "./paging-cursor.js";
import { limitParam, nextLink, parseQuery } from "./parse-query.js";
import type { SandboxPortal } from "./sandbox-portal.js";

// Forms (docs/hubspot.md §Form submissions), scope `forms`: GET /marketing/v3/forms lists the portal's forms in
// pages (limit default 20, at most 50: the sandbox's choice, HubSpot's is unstated), and
// GET /form-integrations/v1/submissions/forms/{guid} a form's submissions, newest first, limit
// 1–50 (default 20), `after` from the previous page's paging.next. A submission carries its
// values only, no contact id, as in HubSpot.

const PAGE_LIMIT = 50;
const listQuery = z.object({
  limit: limitParam(PAGE_LIMIT),
  after: z.string().min(1).optional(),
  archived: z.enum(["true", "false"]).optional(),
  formTypes: z.string().optional(),
});
const submissionsQuery = z.object({ limit: limitParam(PAGE_LIMIT), after: z.string().min(1).optional() });

const iso = (ms: number) => new Date(ms).toISOString();

function formToWire(form: StoredForm) {
  return {
    id: form.guid,
    name: form.name,
    formType: "hubspot",
    createdAt: iso(form.createdAtMs),
    updatedAt: iso(form.createdAtMs),
    archived: false,
    fieldGroups: [
      {
        groupType: "default_group",
        richTextType: "text",
        fields: form.fields.map((field) => ({
          objectTypeId: "0-1",
          name: field.name,
          label: field.label,
          fieldType: field.fieldType,
          required: field.name === "email",
          hidden: false,
        })),
      },
    ],
    configuration: { language: "en", createNewContactForNewEmail: false, allowLinkToResetKnownValues: false },
    legalConsentOptions: { type: "none" },
  };
}

const formToken = numberedToken("form");

export function createFormsRoutes(portal: SandboxPortal, guard: CrmGuard): Router {
  const router = Router();

  router.get("/marketing/v3/forms", guard("api"), (req, res) => {
    requireScopes(res, ["forms"]);
    const { limit = 20, after, archived, formTypes } = parseQuery(listQuery, req);
    // Every sandbox form is a live `hubspot` form: none is archived or of another type.
    const types = formTypes?.split(",") ?? ["hubspot"];
    const forms = archived === "true" || !types.includes("hubspot") ? [] : portal.forms.all();
    const start = formToken.decode(after);
    const page = forms.slice(start, start + limit);
    const next = start + limit < forms.length ? formToken.encode(start + limit) : null;
    res.json({
      results: page.map(formToWire),
      ...(next ? { paging: { next: { after: next, link: nextLink(req, next) } } } : {}),
    });
  });

  router.get("/form-integrations/v1/submissions/forms/:formGuid", guard("api"), (req, res) => {
    requireScopes(res, ["forms-uploaded-files|forms"]);
    const guid = String(req.params.formGuid);
    if (!portal.forms.get(guid)) throw new HubSpotError(404, "OBJECT_NOT_FOUND", `No form with guid ${guid}`);
    const { limit = 20, after } = parseQuery(submissionsQuery, req);
    const nowMs = portal.clock.nowMs();
    const before = after ? decodeCursor("after", after, guid, { nowMs }) : null;
    const rows = portal.forms.submissions(guid, before, limit + 1);
    const { page, paging } = pageWithNext(rows, limit, (r) => ({ atMs: r.submittedAt, seq: r.seq }), {
      query: guid,
      nowMs,
      linkOf: (next) => nextLink(req, next),
    });
    res.json({
      results: page.map(({ conversionId, submittedAt, values, pageUrl }) => ({
        conversionId,
        submittedAt,
        values,
        pageUrl,
      })),
      ...paging,
    });
  });
  return router;
}
