import { expect } from "vitest";
import type { E2eApp } from "./start-e2e-app.js";
import { waitFor } from "./wait-for.js";

/** A workflow action's output fields: its answer, or once BLOCKed, what it completed the callback with. */
export async function outcomeOf(app: E2eApp, callbackId: string, answer: Record<string, string>) {
  if (answer.hs_execution_state !== "BLOCK") return answer;
  type Callbacks = { callbacks: { callbackId: string; outputFields: Record<string, string> }[] };
  const { callbacks } = await waitFor(
    () => app.sandbox.call<Callbacks>("GET", "/__sandbox/action-callbacks"),
    (r) => r.callbacks.some((c) => c.callbackId === callbackId),
  );
  return callbacks.find((c) => c.callbackId === callbackId)?.outputFields;
}

/** Ids of the first seeded records, read the way the app reads them: through the CRM API with a token. */
export async function seededIds(
  app: E2eApp,
  object: "contacts" | "companies",
  limit: number,
): Promise<string[]> {
  const { accessToken } = await app.sandbox.call<{ accessToken: string }>("POST", "/__sandbox/tokens", {});
  const response = await fetch(`${app.running.sandboxUrl}/crm/v3/objects/${object}?limit=${limit}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const page = (await response.json()) as { results: { id: string }[] };
  // The small seed has 6 companies and 140 contacts.
  expect(page.results.length).toBeGreaterThanOrEqual(Math.min(limit, 6));
  return page.results.map((r) => r.id);
}
