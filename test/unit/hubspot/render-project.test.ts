import { describe, expect, it } from "vitest";
import { loadDescriptors } from "../../../src/cli/write-hubspot-project.js";
import { ProjectRenderError, renderProject } from "../../../src/hubspot/render-project.js";

const BASE = "https://ls.example.com";
const descriptors = loadDescriptors(process.cwd());

function renderedByPath(): Record<string, unknown> {
  const files = renderProject(descriptors, { PUBLIC_BASE_URL: BASE });
  return Object.fromEntries(files.map((f) => [f.path, "json" in f ? f.json : f.text]));
}

/** The value at a dotted path ("config.inputFields.0.typeDefinition.name") of parsed JSON. */
function dig(value: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], value);
}

describe("renderProject", () => {
  it("writes hsproject.json (2026.03) and one hsmeta file per component", () => {
    const files = renderedByPath();
    expect(Object.keys(files)).toEqual([
      "hsproject.json",
      "src/app/app-hsmeta.json",
      "src/app/webhooks/webhooks-hsmeta.json",
      "src/app/workflow-actions/reset-score-hsmeta.json",
      "src/app/cards/record-scores-hsmeta.json",
      "src/app/cards/app-base-url.ts",
      "src/app/cards/card-answer.ts",
      "src/app/cards/combined-grid.tsx",
      "src/app/cards/fetch-record-scores.ts",
      "src/app/cards/package.json",
      "src/app/cards/record-scores-card.tsx",
      "src/app/cards/record-scores-entry.tsx",
      "src/app/cards/score-section.tsx",
      "src/app/cards/score-sparkline.tsx",
      "src/app/cards/tsconfig.json",
    ]);
    expect(files["hsproject.json"]).toEqual({
      name: "lead-score",
      srcDir: "src",
      platformVersion: "2026.03",
    });
  });

  it("puts PUBLIC_BASE_URL into every URL", () => {
    const files = renderedByPath();
    expect(dig(files["src/app/app-hsmeta.json"], "config.auth.redirectUrls")).toEqual([
      `${BASE}/oauth/callback`,
      `${BASE}/admin/oauth/callback`,
    ]);
    expect(dig(files["src/app/webhooks/webhooks-hsmeta.json"], "config.settings.targetUrl")).toBe(
      `${BASE}/webhooks/hubspot`,
    );
    const action = files["src/app/workflow-actions/reset-score-hsmeta.json"];
    expect(dig(action, "config.actionUrl")).toBe(`${BASE}/actions/reset-score`);
    expect(dig(action, "config.inputFields.0.typeDefinition.optionsUrl")).toBe(
      `${BASE}/actions/reset-score/options`,
    );
    expect(JSON.stringify(files)).not.toContain("PUBLIC_BASE_URL");
  });

  it("keeps HubSpot's own {{inputField}} template in actionCardContent", () => {
    const action = renderedByPath()["src/app/workflow-actions/reset-score-hsmeta.json"];
    expect(dig(action, "config.labels.en.actionCardContent")).toBe("Reset {{score}}");
  });

  it("lists every {{…}} left without a value, with file and path", () => {
    const broken = {
      ...descriptors,
      app: {
        uid: "a",
        type: "app",
        config: { url: "{{PUBLIC_BASE_URL}}/x", other: ["{{ SUPPORT_EMAIL }}"] },
      },
      workflowActions: {
        act: {
          type: "workflow-action",
          config: { inputFields: [], labels: { en: { actionCardContent: "Reset {{score}}" } } },
        },
      },
    };
    try {
      renderProject(broken, { PUBLIC_BASE_URL: BASE });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ProjectRenderError);
      expect((error as ProjectRenderError).problems).toEqual([
        'src/app/app-hsmeta.json config.other.0: "{{ SUPPORT_EMAIL }}" has no value (only PUBLIC_BASE_URL are set)',
        'src/app/workflow-actions/act-hsmeta.json config.labels.en.actionCardContent: "{{score}}" has no value (only PUBLIC_BASE_URL are set)',
      ]);
    }
  });

  it("copies the record card: its hsmeta, and its source with PUBLIC_BASE_URL as the fetch base and permitted URL", () => {
    const files = renderedByPath();
    expect(files["src/app/cards/record-scores-hsmeta.json"]).toMatchObject({
      type: "card",
      config: {
        entrypoint: "/app/cards/record-scores-entry.tsx",
        objectTypes: ["contacts", "companies", "deals"],
      },
    });
    expect(files["src/app/cards/app-base-url.ts"]).toContain(`export const APP_BASE_URL = "${BASE}";`);
    expect(dig(files["src/app/app-hsmeta.json"], "config.permittedUrls.fetch")).toEqual([BASE]);
  });

  it("names a card source file that keeps a {{…}} without a value", () => {
    const cards = { components: {}, files: { "x.ts": 'const a = "{{OTHER}}";' } };
    expect(() => renderProject({ ...descriptors, cards }, { PUBLIC_BASE_URL: BASE })).toThrowError(
      'src/app/cards/x.ts: "{{OTHER}}" has no value',
    );
  });

  it("fails when PUBLIC_BASE_URL itself is not given", () => {
    expect(() => renderProject(descriptors, {})).toThrowError(ProjectRenderError);
  });
});
