import { lifecycleStages } from "./property-catalog.js";

// What HubSpot calculates from a record's lifecycle stage (docs/hubspot.md §Lifecycle stage history):
// `hs_v2_date_entered_<stage>` when the record first entered each stage, `hs_v2_date_exited_<stage>`
// when it last left it, and `propertiesWithHistory` of lifecyclestage built from the entry dates, newest
// first, as the batch read answers it.

/** The stages in pipeline order; "other" stands outside it. */
const PIPELINE = lifecycleStages.filter((stage) => stage !== "other");

export const stageEnteredProperty = (stage: string) => `hs_v2_date_entered_${stage}`;
export const stageExitedProperty = (stage: string) => `hs_v2_date_exited_${stage}`;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A seeded record's stage and its way there: each pipeline stage up to it entered in turn, evenly between
 * the record's creation and now (the first at creation), each left when the next was entered; "other"
 * entered at creation.
 */
export function seededStage(stage: string, createdAtMs: number, nowMs: number): Record<string, string> {
  const reached = PIPELINE.indexOf(stage as (typeof PIPELINE)[number]);
  if (reached < 0) return { lifecyclestage: stage, [stageEnteredProperty(stage)]: iso(createdAtMs) };
  const stepMs = (nowMs - createdAtMs) / (reached + 1);
  const enteredAt = (i: number) => iso(Math.round(createdAtMs + i * stepMs));
  const passed = PIPELINE.slice(0, reached + 1);
  const entries = passed.map((s, i) => [stageEnteredProperty(s), enteredAt(i)]);
  const exits = passed.slice(0, -1).map((s, i) => [stageExitedProperty(s), enteredAt(i + 1)]);
  return { lifecyclestage: stage, ...Object.fromEntries(entries), ...Object.fromEntries(exits) };
}

/**
 * A write that moves lifecyclestage also dates it, as HubSpot does: the entry of a stage never entered
 * before, and the exit of the stage left.
 */
export function withStageEntry(
  current: Record<string, string>,
  values: Record<string, string | null>,
  nowMs: number,
): Record<string, string | null> {
  const stage = values.lifecyclestage;
  const left = current.lifecyclestage;
  if (!stage || stage === left) return values;
  const dated = { ...values };
  const entered = stageEnteredProperty(stage);
  if (!current[entered] && !values[entered]) dated[entered] = iso(nowMs);
  if (left && !values[stageExitedProperty(left)]) dated[stageExitedProperty(left)] = iso(nowMs);
  return dated;
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
