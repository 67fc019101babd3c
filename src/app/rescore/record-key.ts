import type { ObjectType } from "../../scoring/index.js";

/** The key a record is locked (and held by the webhook worker) under. */
export const recordKey = (portalId: number, object: ObjectType, id: string) => `${portalId}:${object}:${id}`;

/** Longer than rescoring 1,000 records at HubSpot's pace; released as soon as the rescore ends. */
export const RECORD_LOCK_MS = 5 * 60_000;
