import type { ScoreDefinition } from "../scoring/index.js";

// A portal's score definitions (docs/decisions.md §Revisions): every save is a new revision with author and
// time.

export type ScoreRevision = {
  revision: number;
  definition: ScoreDefinition;
  savedAtMs: number;
  savedBy: string;
  /** What the save was: "create", "update", "enable", "disable", "restore 3" … */
  change: string;
};

export interface ScoreStore {
  /** The latest revision of each score of the portal, by score id. */
  list(portalId: number): Promise<ScoreRevision[]>;
  get(portalId: number, scoreId: string): Promise<ScoreRevision | undefined>;
  /** Appends a revision (numbered from 1) and returns it. */
  save(
    portalId: number,
    definition: ScoreDefinition,
    meta: Omit<ScoreRevision, "revision" | "definition">,
  ): Promise<ScoreRevision>;
  /** Every revision, oldest first; empty for an unknown score. */
  revisions(portalId: number, scoreId: string): Promise<ScoreRevision[]>;
  /** Forgets the score and its revisions; false when there was none. */
  delete(portalId: number, scoreId: string): Promise<boolean>;
  deletePortal(portalId: number): Promise<void>;
}
