import type { Logger } from "pino";
import type { InstallationStore } from "../../ports/installation-store.js";
import type { JobStore } from "../../ports/job-store.js";
import type { OAuthClient } from "../../ports/oauth-client.js";
import type { OAuthStateStore } from "../../ports/oauth-state-store.js";
import type { ScoreStore } from "../../ports/score-store.js";
import type { SessionStore } from "../../ports/session-store.js";
import type { SuggestionStore } from "../../ports/suggestion-store.js";

/** HubSpot mode only: sign-in 1 reuses the install flow's app credentials and token endpoints. */
export type AdminOAuthDeps = {
  client: OAuthClient;
  clientId: string;
  /** Signs the OAuth `state`, as the install flow does (the app's client secret). */
  stateSecret: string;
  authBaseUrl: string;
  /** States already used, shared with the install flow (docs/decisions.md §OAuth state). */
  states: OAuthStateStore;
};

export type AdminPageDeps = {
  sessions: SessionStore;
  installations: InstallationStore;
  scores: ScoreStore;
  jobs: JobStore;
  /** Whether a score was suggested: its builder then shows the suggestion's evidence. */
  suggestions: Pick<SuggestionStore, "get">;
  /** ADMIN_TOKEN: when unset, the token form is not offered. */
  adminToken: string | undefined;
  /** PUBLIC_BASE_URL: invite links and the OAuth redirect are built on it; https means Secure cookies. */
  publicBaseUrl: string;
  oauth?: AdminOAuthDeps;
  now: () => number;
  logger: Logger;
};

export const secureCookiesFor = (deps: Pick<AdminPageDeps, "publicBaseUrl">) =>
  deps.publicBaseUrl.startsWith("https:");
