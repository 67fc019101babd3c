// What the pollers remember between runs (docs/decisions.md §Freshness without webhooks): the moving
// cursor of the modified-records search, and the last membership read of each list.

export interface PollStateStore {
  /** The instant (ms) from which the next search of this object starts; undefined before the first. */
  cursor(portalId: number, object: string): Promise<number | undefined>;
  setCursor(portalId: number, object: string, sinceMs: number): Promise<void>;
  /** The list's member ids at the last read, sorted; undefined before the first read. */
  members(portalId: number, listId: string): Promise<string[] | undefined>;
  setMembers(portalId: number, listId: string, ids: readonly string[]): Promise<void>;
  deletePortal(portalId: number): Promise<void>;
}
