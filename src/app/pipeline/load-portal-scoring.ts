import type { ScoreDefinition } from "../../scoring/index.js";
import { buildDependencyGraph, type DependencyGraph } from "./build-dependency-graph.js";
import type { PipelineDeps } from "./pipeline-deps.js";

export type PortalScoring = { portalId: number; definitions: ScoreDefinition[]; graph: DependencyGraph };

/**
 * A portal's enabled scores and their graph, or null when the portal is not installed or its
 * installation is disconnected (uninstalled, token revoked: its events are dropped,
 * docs/decisions.md §Disconnected portals pause).
 */
export async function loadPortalScoring(
  deps: Pick<PipelineDeps, "installations" | "scores">,
  portalId: number,
): Promise<PortalScoring | null> {
  const installation = await deps.installations.get(portalId);
  if (installation?.status !== "connected") return null;
  const definitions = (await deps.scores.list(portalId))
    .map((r) => r.definition)
    .filter((d) => d.status === "enabled");
  return { portalId, definitions, graph: buildDependencyGraph(definitions) };
}

/** Every connected portal with at least one enabled score (pollers, decay, sweep). */
export async function loadScoredPortals(
  deps: Pick<PipelineDeps, "installations" | "scores">,
): Promise<PortalScoring[]> {
  const all = await deps.installations.list();
  const loaded = await Promise.all(all.map((i) => loadPortalScoring(deps, i.portalId)));
  return loaded.filter((p): p is PortalScoring => p !== null && p.definitions.length > 0);
}
