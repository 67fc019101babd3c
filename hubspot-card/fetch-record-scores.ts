import { hubspot } from "@hubspot/ui-extensions";
import { APP_BASE_URL } from "./app-base-url";
import type { CardAnswer } from "./card-answer";

/** The card's one request: HubSpot forwards it signed and adds portalId and userId to the query. */
export async function fetchRecordScores(objectTypeId: string, recordId: string): Promise<CardAnswer> {
  const query = new URLSearchParams({ objectTypeId, recordId });
  const response = await hubspot.fetch(`${APP_BASE_URL}/cards/record-scores?${query}`, {
    method: "GET",
    timeout: 10_000,
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { message?: string };
    throw new Error(body.message ?? `lead-score answered ${response.status}`);
  }
  return (await response.json()) as CardAnswer;
}
