import type { Database } from "better-sqlite3";
import { type AssociationRepo, createAssociationRepo } from "./association-repo.js";
import { type ChangeFeed, createChangeFeed } from "./change-feed.js";
import { createListRepo, type ListRepo } from "./list-repo.js";
import { createPropertyRepo, type PropertyRepo } from "./property-repo.js";
import { createRecordRepo, type RecordRepo } from "./record-repo.js";
import type { SandboxClock } from "./sandbox-clock.js";
import { createTokenRepo, type TokenRepo } from "./token-repo.js";

// Everything one sandbox portal holds, over one SQLite database: what routes, seeds and
// control endpoints share.

export interface OAuthAppCredentials {
  clientId: string;
  clientSecret: string;
}

export interface SandboxPortal {
  db: Database;
  portalId: number;
  app: OAuthAppCredentials & { appId: number };
  clock: SandboxClock;
  records: RecordRepo;
  associations: AssociationRepo;
  properties: PropertyRepo;
  lists: ListRepo;
  tokens: TokenRepo;
  changes: ChangeFeed;
}

export function createSandboxPortal(
  db: Database,
  clock: SandboxClock,
  portalId: number,
  app: OAuthAppCredentials & { appId: number },
): SandboxPortal {
  const changes = createChangeFeed(db);
  return {
    db,
    portalId,
    app,
    clock,
    records: createRecordRepo(db, changes),
    associations: createAssociationRepo(db, changes),
    properties: createPropertyRepo(db),
    lists: createListRepo(db),
    tokens: createTokenRepo(db),
    changes,
  };
}
