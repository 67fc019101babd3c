import type { LifecycleObjectType, LifecycleStage } from "./crm-client.js";

// When records entered a lifecycle stage, as last read from HubSpot (docs/decisions.md §Score performance):
// kept per portal so a second look at a score's performance reads HubSpot only for what may have changed.

export type StageEntry = {
  /** When the record entered the stage (ms); null when it had not, or HubSpot did not know the record. */
  enteredAtMs: number | null;
  /** When HubSpot said so (ms). */
  readAtMs: number;
};

export interface StageEntryStore {
  /** Per record id, what was last read; records never read are absent. */
  get(
    portalId: number,
    object: LifecycleObjectType,
    stage: LifecycleStage,
    recordIds: readonly string[],
  ): Promise<Map<string, StageEntry>>;
  put(
    portalId: number,
    object: LifecycleObjectType,
    stage: LifecycleStage,
    entries: ReadonlyMap<string, StageEntry>,
  ): Promise<void>;
  deletePortal(portalId: number): Promise<void>;
}
