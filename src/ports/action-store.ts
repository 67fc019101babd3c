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
};

export interface ActionStore {
  get(portalId: number, callbackId: string): Promise<StoredAction | undefined>;
  save(action: StoredAction): Promise<void>;
  deletePortal(portalId: number): Promise<void>;
}
