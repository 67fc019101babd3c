// A HubSpot account that installed the app (docs/hubspot.md §OAuth). Tokens are held sealed (AES-256-GCM,
// src/adapters/crypto/token-cipher.ts): stores never see them in clear text.

export type InstallationStatus = "connected" | "disconnected";

export type Installation = {
  /** The installing HubSpot account ("portal"); the key of the store. */
  portalId: number;
  /** The hub id HubSpot reports for the token (equal to portalId for a normal install). */
  hubId: number;
  accessTokenSealed: string;
  refreshTokenSealed: string;
  /** When the access token stops working (docs/hubspot.md §OAuth: follow expires_in, 30 min today). */
  expiresAtMs: number;
  /** Scopes actually granted: optional ones may be missing (docs/hubspot.md §OAuth authorization). */
  scopes: string[];
  status: InstallationStatus;
  installedAtMs: number;
  /** Set with status "disconnected": why, for the scores API and the operator. */
  disconnectedAtMs?: number;
  disconnectReason?: string;
};

export interface InstallationStore {
  get(portalId: number): Promise<Installation | undefined>;
  /** Inserts or replaces the installation of `installation.portalId`. */
  save(installation: Installation): Promise<void>;
  list(): Promise<Installation[]>;
  /** Keeps the record (work pauses, nothing is dropped) but marks it unusable until reinstalled. */
  markDisconnected(portalId: number, atMs: number, reason: string): Promise<void>;
  /** Forgets the installation (the portal asked to be erased); false when there was none. */
  delete(portalId: number): Promise<boolean>;
}
