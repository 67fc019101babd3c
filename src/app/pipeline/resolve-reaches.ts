import type { CrmAssociation, CrmClient, CrmObjectType } from "../../ports/crm-client.js";
import type { ObjectType } from "../../scoring/index.js";
import type { Reach } from "./plan-fan-out.js";

export type ScoredRef = { object: ObjectType; id: string };

/**
 * Follows each reach's hops through the door, batched: one associations read per hop for every reach
 * sharing a start object and path (docs/hubspot.md §Rate limits and batching, 1,000 ids per call). Returns, per reach in order,
 * the records whose scores to recompute.
 */
export async function resolveReaches(crm: CrmClient, reaches: readonly Reach[]): Promise<ScoredRef[][]> {
  const out: ScoredRef[][] = reaches.map(() => []);
  const groups = new Map<string, number[]>();
  reaches.forEach((r, i) => {
    const key = [r.object, ...r.hops].join(">");
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  await Promise.all(
    [...groups.values()].map(async (members) => {
      const first = reaches[members[0] as number] as Reach;
      let type: CrmObjectType = first.object;
      let current = members.map((i) => new Set([(reaches[i] as Reach).id]));
      for (const hop of first.hops) {
        const ids = [...new Set(current.flatMap((s) => [...s]))];
        const links: Map<string, CrmAssociation[]> =
          ids.length > 0 ? await crm.readAssociations(type, hop, ids) : new Map();
        current = current.map((s) => new Set([...s].flatMap((id) => (links.get(id) ?? []).map((l) => l.id))));
        type = hop;
      }
      members.forEach((reachIndex, k) => {
        out[reachIndex] = [...(current[k] ?? [])].map((id) => ({ object: type as ObjectType, id }));
      });
    }),
  );
  return out;
}
