import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { resetErrorCodes } from "../../../src/app/actions/reset-action.js";
import { OPTIONAL_SCOPES, REQUIRED_SCOPES } from "../../../src/hubspot/scopes.js";

// Checks of the top-level descriptors against the platform rules in docs/hubspot.md §Developer projects, §App configuration, §Webhook subscriptions, §Workflow action component (HubSpot's
// JSON Schemas are fetched at runtime by its CLI, so these rules are checked here instead, docs/hubspot.md §Developer projects).

type Subscription = { subscriptionType: string; objectType?: string; propertyName?: string; active: boolean };
const read = (path: string) => JSON.parse(readFileSync(path, "utf8"));
const app = read("app.json");
const webhooks = read("webhooks/webhooks.json");
const action = read("workflow-actions/reset-score.json");
const crmObjects: Subscription[] = webhooks.config.subscriptions.crmObjects;
const legacy: Subscription[] = webhooks.config.subscriptions.legacyCrmObjects;

describe("app.json", () => {
  it("asks for exactly the scopes the install flow requests", () => {
    expect(app.config.auth.requiredScopes).toEqual([...REQUIRED_SCOPES]);
    expect(app.config.auth.optionalScopes).toEqual([...OPTIONAL_SCOPES]);
  });

  it("is an OAuth app redirecting to /oauth/callback (install) and /admin/oauth/callback (admin sign-in)", () => {
    expect(app).toMatchObject({ type: "app", config: { auth: { type: "oauth" } } });
    expect(app.config.auth.redirectUrls).toEqual([
      "{{PUBLIC_BASE_URL}}/oauth/callback",
      "{{PUBLIC_BASE_URL}}/admin/oauth/callback",
    ]);
    expect(
      Object.keys(app).every((k) => ["uid", "type", "config", "dependencies", "permissions"].includes(k)),
    ).toBe(true);
  });
});

describe("webhooks/webhooks.json", () => {
  it("targets /webhooks/hubspot with more than 5 concurrent requests (docs/hubspot.md §Webhook subscriptions)", () => {
    expect(webhooks.type).toBe("webhooks");
    expect(webhooks.config.settings.targetUrl).toBe("{{PUBLIC_BASE_URL}}/webhooks/hubspot");
    expect(webhooks.config.settings.maxConcurrentRequests).toBeGreaterThan(5);
  });

  it.each(["contact", "company", "deal"])(
    "follows %s creations, deletions, merges, restores and associations",
    (type) => {
      const kinds = crmObjects.filter((s) => s.objectType === type).map((s) => s.subscriptionType);
      expect(kinds).toEqual(
        expect.arrayContaining([
          "object.creation",
          "object.deletion",
          "object.merge",
          "object.restore",
          "object.propertyChange",
        ]),
      );
      expect(legacy.map((s) => s.subscriptionType)).toContain(`${type}.associationChange`);
    },
  );

  it.each(["call", "meeting_event", "email", "note", "task", "ticket"])(
    "follows %s engagements as they are logged",
    (type) => {
      expect(crmObjects).toContainEqual({
        subscriptionType: "object.creation",
        objectType: type,
        active: true,
      });
    },
  );

  it("names a property on every property change, never an unsupported one, with no duplicates", () => {
    const changes = crmObjects.filter((s) => s.subscriptionType === "object.propertyChange");
    expect(changes.every((s) => typeof s.propertyName === "string")).toBe(true);
    const banned = [
      "hs_lastmodifieddate",
      "num_unique_conversion_events",
      "hs_email_html",
      "hs_email_subject",
    ];
    expect(changes.filter((s) => banned.includes(s.propertyName as string))).toEqual([]);
    const keys = crmObjects.map((s) => `${s.subscriptionType}/${s.objectType}/${s.propertyName ?? ""}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(crmObjects.length + legacy.length).toBeLessThanOrEqual(1000);
  });

  it("follows GDPR deletions", () => {
    expect(webhooks.config.subscriptions.hubEvents).toContainEqual({
      subscriptionType: "contact.privacyDeletion",
      active: true,
    });
  });
});

describe("workflow-actions/reset-score.json", () => {
  it("takes a required score whose options are fetched and an optional reason, on contacts, companies and deals", () => {
    expect(action.type).toBe("workflow-action");
    expect(action.config.actionUrl).toBe("{{PUBLIC_BASE_URL}}/actions/reset-score");
    expect(action.config.objectTypes).toEqual(["CONTACT", "COMPANY", "DEAL"]);
    expect(action.config.supportedClients).toEqual([{ client: "WORKFLOWS" }]);
    expect(action.config.inputFields).toEqual([
      {
        typeDefinition: {
          name: "score",
          type: "enumeration",
          fieldType: "select",
          optionsUrl: "{{PUBLIC_BASE_URL}}/actions/reset-score/options",
        },
        supportedValueTypes: ["STATIC_VALUE"],
        isRequired: true,
      },
      {
        typeDefinition: { name: "reason", type: "string", fieldType: "text" },
        supportedValueTypes: ["STATIC_VALUE", "OBJECT_PROPERTY"],
        isRequired: false,
      },
    ]);
  });

  it("has an execution-rule message for every error code the action answers", () => {
    const rules = action.config.executionRules.map(
      (r: { conditions: { error_code: string } }) => r.conditions.error_code,
    );
    expect(rules).toEqual([...resetErrorCodes]);
    for (const rule of action.config.executionRules)
      expect(action.config.labels.en.executionRules[rule.labelName]).toBeTruthy();
  });

  it("labels every input and output field in English", () => {
    const en = action.config.labels.en;
    expect(en.actionName).toBe("Reset lead score");
    for (const field of action.config.inputFields)
      expect(en.inputFieldLabels[field.typeDefinition.name]).toBeTruthy();
    for (const field of action.config.outputFields)
      expect(en.outputFieldLabels[field.typeDefinition.name]).toBeTruthy();
  });
});
