import { lifecycleStages } from "./property-catalog.js";

// What HubSpot calculates from a record's lifecycle stage (docs/hubspot.md §Lifecycle stage history):
// `hs_v2_date_entered_<stage>` when the record first entered each stage, and `propertiesWithHistory`
// of lifecyclestage built from those dates, newest first, as the batch read answers it.

/** The stages in pipeline order; "other" stands outside it. */
const PIPELINE = lifecycleStages.filter((stage) => stage !== "other");

export const stageEnteredProperty = (stage: string) => `hs_v2_date_entered_${stage}`;

/**
 * A seeded record's stage and its way there: each pipeline stage up to it entered in turn, evenly between
 * the record's creation and now (the first at creation); "other" entered at creation.
 */
export function seededStage(stage: string, createdAtMs: number, nowMs: number): Record<string, string> {
  const reached = PIPELINE.indexOf(stage as (typeof PIPELINE)[number]);
  if (reached < 0)
    return { lifecyclestage: stage, [stageEnteredProperty(stage)]: new Date(createdAtMs).toISOString() };
  const stepMs = (nowMs - createdAtMs) / (reached + 1);
  const entries = PIPELINE.slice(0, reached + 1).map((s, i) => [
    stageEnteredProperty(s),
    new Date(Math.round(createdAtMs + i * stepMs)).toISOString(),
  ]);
  return { lifecyclestage: stage, ...Object.fromEntries(entries) };
}

/** A write that sets lifecyclestage to a stage never entered also dates its entry, as HubSpot does. */
export function withStageEntry(
  current: Record<string, string>,
  values: Record<string, string | null>,
  nowMs: number,
): Record<string, string | null> {
  const stage = values.lifecyclestage;
  if (!stage || stage === current.lifecyclestage) return values;
  const property = stageEnteredProperty(stage);
  if (current[property] || values[property]) return values;
  return { ...values, [property]: new Date(nowMs).toISOString() };
}

/** lifecyclestage's history from the entry dates, newest first. */
export function lifecycleHistory(properties: Record<string, string>) {
  return lifecycleStages
    .flatMap((stage) => {
      const at = properties[stageEnteredProperty(stage)];
      return at ? [{ value: stage, timestamp: at, sourceType: "CRM_UI" }] : [];
    })
    .sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp));
}
