// OAuth states are single-use (docs/decisions.md §OAuth state): a callback whose state was accepted once
// is refused, by every instance sharing the store, until the state would have expired anyway.

export interface OAuthStateStore {
  /**
   * Records that the state `stateId` was used; resolves false when it had been used already. The
   * record is kept until `expiresAtMs`, after which the state is refused as expired anyway.
   */
  consume(stateId: string, expiresAtMs: number): Promise<boolean>;
}
