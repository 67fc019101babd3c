// The answers given to workflow-action requests, by callbackId (docs/decisions.md §Reset workflow action): a
// retried request gets the first answer, and the reset it caused is never moved forward in time.

export type ActionAnswer = { outputFields: Record<string, string> };

export type StoredAction = {
  portalId: number;
  callbackId: string;
  answer: ActionAnswer;
  answeredAtMs: number;
  /** A BLOCK answer is completed later through HubSpot's callback API. */
  completedAtMs?: number;
  /**
   * Set while a BLOCK answer's callback is still owed: what to rescore to complete it, kept durably so
   * a callback owed when the process stops is completed after the next start (reset-action.ts).
   */
  owed?: { object: string; recordId: string; scoreId: string; previousScore: string };
};

export interface ActionStore {
  get(portalId: number, callbackId: string): Promise<StoredAction | undefined>;
  save(action: StoredAction): Promise<void>;
  /** Actions whose callback is still owed (`owed` set), across portals: completed at start-up. */
  owed(): Promise<StoredAction[]>;
  deletePortal(portalId: number): Promise<void>;
}
