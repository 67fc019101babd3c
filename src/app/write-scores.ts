import { AppError } from "../errors.js";
import type { CrmClient, CrmRecordUpdate } from "../ports/crm-client.js";
import type {
  GroupPoints,
  HistoryCause,
  HistoryReason,
  HistoryEntry as RecordHistoryEntry,
} from "../ports/record-store.js";
import { round2 } from "../scoring/round.js";
import type { ObjectType } from "../scoring/snapshot-schema.js";

// Write-back (docs/decisions.md §Write only changed values): only values that differ from what HubSpot holds
// are sent, one batch update input per record (docs/hubspot.md §Score properties: values are strings; "" clears), and every
// change becomes a history entry (docs/scoring.md "Lifecycle": history with time, threshold and cause).

export type WriteCause = HistoryCause;

/** One score's new values for one record; null clears (a record out of scope). */
export interface ScoreValues {
  recordId: string;
  /** The score's property name (definition.property.name). */
  property: string;
  score: number | null;
  threshold: string | null;
  /** Combined scores only. */
  engagement?: number | null;
  fit?: number | null;
  /** The points behind `score`, kept in its history entry (docs/decisions.md §Record card). */
  groups?: GroupPoints[];
}

/** A port history entry, with the record it belongs to. */
export type HistoryEntry = RecordHistoryEntry & { recordId: string };

export interface WriteScoresInput {
  object: ObjectType;
  values: readonly ScoreValues[];
  /** What HubSpot holds now, per record id: property name → value as read. */
  current: ReadonlyMap<string, Readonly<Record<string, string | null>>>;
  cause: WriteCause;
  /** Why each record was rescored (docs/scoring.md §History); none for causes that say it all. */
  reasonsOf?: (recordId: string) => readonly HistoryReason[];
  atMs: number;
  /** Re-creates the score properties; called once when HubSpot says one no longer exists. */
  reprovision: () => Promise<void>;
}

export interface WriteScoresResult {
  history: HistoryEntry[];
  updatedRecords: number;
}

const asNumber = (value: number | null | undefined) =>
  value === null || value === undefined ? null : String(round2(value));
const blank = (value: string | null | undefined) =>
  value === undefined || value === null || value === "" ? null : value;

function sameValue(oldValue: string | null, newValue: string | null, numeric: boolean): boolean {
  if (oldValue === null || newValue === null) return oldValue === newValue;
  return numeric ? Number(oldValue) === Number(newValue) : oldValue === newValue;
}

function wantedValues(values: ScoreValues): [string, string | null, boolean][] {
  const wanted: [string, string | null, boolean][] = [
    [values.property, asNumber(values.score), true],
    [`${values.property}_threshold`, values.threshold, false],
  ];
  if (values.engagement !== undefined)
    wanted.push([`${values.property}_engagement`, asNumber(values.engagement), true]);
  if (values.fit !== undefined) wanted.push([`${values.property}_fit`, asNumber(values.fit), true]);
  return wanted;
}

function isMissingProperty(error: unknown): boolean {
  if (!(error instanceof AppError) || error.code !== "invalid_input") return false;
  // HubSpot: 400 VALIDATION_ERROR, "Property values were not valid: [... PROPERTY_DOESNT_EXIST ...]".
  return /PROPERTY_DOESNT_EXIST|does not exist/i.test(String(error.details.hubspotMessage ?? error.message));
}

export async function writeScores(crm: CrmClient, input: WriteScoresInput): Promise<WriteScoresResult> {
  const updates = new Map<string, CrmRecordUpdate>();
  const history: HistoryEntry[] = [];
  for (const values of input.values) {
    const current = input.current.get(values.recordId) ?? {};
    const reasons = input.reasonsOf?.(values.recordId) ?? [];
    for (const [property, newValue, numeric] of wantedValues(values)) {
      const oldValue = blank(current[property]);
      if (sameValue(oldValue, newValue, numeric)) continue;
      const update = updates.get(values.recordId) ?? { id: values.recordId, properties: {} };
      update.properties[property] = newValue ?? "";
      updates.set(values.recordId, update);
      const entry: HistoryEntry = {
        recordId: values.recordId,
        property,
        old: oldValue,
        new: newValue,
        threshold: values.threshold,
        atMs: input.atMs,
        cause: input.cause,
        ...(reasons.length > 0 ? { reasons: [...reasons] } : {}),
      };
      if (property === values.property && values.groups !== undefined) entry.groups = values.groups;
      history.push(entry);
    }
  }
  const batch = [...updates.values()];
  if (batch.length === 0) return { history, updatedRecords: 0 };
  try {
    await crm.updateRecords(input.object, batch);
  } catch (error) {
    if (!isMissingProperty(error)) throw error;
    // Someone deleted a score property in HubSpot: re-create it once, then give up visibly.
    await input.reprovision();
    try {
      await crm.updateRecords(input.object, batch);
    } catch (again) {
      if (!isMissingProperty(again)) throw again;
      throw new AppError(
        "upstream_failed",
        `Score properties on ${input.object} in portal ${crm.portalId} were deleted and could not be re-created; the score is parked until they exist: ${(again as AppError).message}`,
        { portalId: crm.portalId, object: input.object, parked: true },
      );
    }
  }
  return { history, updatedRecords: batch.length };
}
