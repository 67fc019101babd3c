import type { Logger } from "pino";
import type { CrmClient } from "../ports/crm-client.js";
import type { ScoreStore } from "../ports/score-store.js";
import type { ObjectType, ScoreDefinition } from "../scoring/index.js";
import { provisionProperties } from "./provision-properties.js";
import { scorePropertySpec } from "./score-property-spec.js";

export type ProvisionEnabledScoresDeps = {
  scores: Pick<ScoreStore, "list">;
  crmFor: (portalId: number) => CrmClient;
  logger: Pick<Logger, "info" | "error">;
};

/**
 * OAuth callback (docs/decisions.md §Provision on every install): "provision the properties of enabled
 * scores" — after a reinstall the account may have lost them (uninstalled, properties deleted). One
 * provisioning per object, each on its own: a failure is logged and returned as a note for the install page,
 * never thrown, since the install itself succeeded and writes re-provision on their own (write-scores.ts).
 */
export async function provisionEnabledScores(
  deps: ProvisionEnabledScoresDeps,
  portalId: number,
): Promise<string[]> {
  const byObject = new Map<ObjectType, ScoreDefinition[]>();
  for (const { definition } of await deps.scores.list(portalId)) {
    if (definition.status !== "enabled") continue;
    byObject.set(definition.object, [...(byObject.get(definition.object) ?? []), definition]);
  }
  const notes: string[] = [];
  for (const [object, definitions] of byObject) {
    const scoreIds = definitions.map((d) => d.id);
    try {
      const report = await provisionProperties(
        deps.crmFor(portalId),
        object,
        definitions.map(scorePropertySpec),
      );
      deps.logger.info(
        { portalId, object, scoreIds, ...report },
        "provisioned the properties of enabled scores",
      );
    } catch (error) {
      deps.logger.error({ portalId, object, scoreIds, err: error }, "provisioning after install failed");
      const why = error instanceof Error ? error.message : String(error);
      notes.push(
        `The HubSpot properties of the enabled ${object} scores (${scoreIds.join(", ")}) could not be ` +
          `created: ${why}. Scores are not written until they exist; install again or re-enable the score to retry.`,
      );
    }
  }
  return notes;
}
