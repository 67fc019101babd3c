// The admin page's sign-ins (docs/decisions.md §Admin sessions): sessions and single-use sign-in links, both
// held in the store so a restart does not sign everyone out and a link works once even across processes
// sharing it.

/** Which portals a signed-in person may see: every installed one, or the ones the sign-in was bound to. */
export type SessionPortals = "all" | number[];

export type SignInMethod = "admin-token" | "admin-link" | "invite" | "oauth" | "sandbox";

export type Session = {
  /** Shown as the author of revisions (`savedBy`): an email (a HubSpot sign-in's token user), "admin-token", "hubspot:62515" … */
  name: string;
  portals: SessionPortals;
  via: SignInMethod;
  /** Sent back by the page's scripts in X-CSRF-Token on every state-changing request. */
  csrfToken: string;
  createdAtMs: number;
  expiresAtMs: number;
};

/**
 * A one-time link: an invite (24 h, bound to the inviter's portal), the sandbox link printed at start, or
 * one the ADMIN_TOKEN holder asked the admin API for (`lead-score admin-link`, 1 h).
 */
export type SignInLink = {
  kind: "invite" | "sandbox" | "admin-link";
  /** The invited colleague's email; the session is named after it. */
  email?: string;
  portals: SessionPortals;
  createdBy: string;
  expiresAtMs: number;
};

/**
 * Keys are the secrets themselves (session ids, link tokens); adapters store only their digests, so a
 * copy of the store signs no one in.
 */
export interface SessionStore {
  getSession(sessionId: string): Promise<Session | undefined>;
  saveSession(sessionId: string, session: Session): Promise<void>;
  deleteSession(sessionId: string): Promise<void>;
  saveLink(token: string, link: SignInLink): Promise<void>;
  /** Returns the link and forgets it, so it signs in once; undefined when unknown or already used. */
  takeLink(token: string): Promise<SignInLink | undefined>;
}
