import type { Database } from "better-sqlite3";
import { type AssociationRepo, createAssociationRepo } from "./association-repo.js";
import { type ChangeFeed, createChangeFeed } from "./change-feed.js";
import { createEmailEventRepo, type EmailEventRepo } from "./email-event-repo.js";
import { createFormRepo, type FormRepo } from "./form-repo.js";
import { createListRepo, type ListRepo } from "./list-repo.js";
import { createPropertyRepo, type PropertyRepo } from "./property-repo.js";
import { createRecordRepo, type RecordRepo } from "./record-repo.js";
import type { SandboxClock } from "./sandbox-clock.js";
import { createTokenRepo, type TokenRepo } from "./token-repo.js";
import { createWebEventRepo, type WebEventRepo } from "./web-event-repo.js";

// Everything one sandbox portal holds, over one SQLite database: what routes, seeds and
// control endpoints share.

/** HubSpot subscription tier (SANDBOX_TIER): event analytics is Enterprise only (docs/hubspot.md §Event analytics). */
export const sandboxTiers = ["enterprise", "professional"] as const;
export type SandboxTier = (typeof sandboxTiers)[number];

export interface OAuthAppCredentials {
  clientId: string;
  clientSecret: string;
}

export interface SandboxPortal {
  db: Database;
  portalId: number;
  tier: SandboxTier;
  app: OAuthAppCredentials & { appId: number };
  clock: SandboxClock;
  records: RecordRepo;
  associations: AssociationRepo;
  properties: PropertyRepo;
  lists: ListRepo;
  tokens: TokenRepo;
  changes: ChangeFeed;
  emailEvents: EmailEventRepo;
  forms: FormRepo;
  webEvents: WebEventRepo;
}

export function createSandboxPortal(
  db: Database,
  clock: SandboxClock,
  portalId: number,
  app: OAuthAppCredentials & { appId: number },
  tier: SandboxTier = "enterprise",
): SandboxPortal {
  const changes = createChangeFeed(db);
  return {
    db,
    portalId,
    tier,
    app,
    clock,
    records: createRecordRepo(db, changes),
    associations: createAssociationRepo(db, changes),
    properties: createPropertyRepo(db),
    lists: createListRepo(db),
    tokens: createTokenRepo(db),
    changes,
    emailEvents: createEmailEventRepo(db),
    forms: createFormRepo(db),
    webEvents: createWebEventRepo(db),
  };
}
