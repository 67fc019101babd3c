import type { z } from "zod";
import { AppError } from "../errors.js";
import { normalizeWebhookEvent } from "./normalize-webhook-event.js";
import type { WebhookEvent } from "./webhook-event.js";
import { webhookBatchSchema } from "./webhook-event-schema.js";

export type BatchProblem = { path: string; message: string };

/** `[3].portalId` from zod's path array. */
function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((k) => (typeof k === "number" ? `[${k}]` : `.${String(k)}`))
    .join("")
    .replace(/^\./, "");
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type") {
    return issue.input === undefined ? "required" : `expected ${issue.expected}`;
  }
  return issue.message;
}

/**
 * A delivery's parsed JSON → our events, in order (docs/hubspot.md §Webhook payloads). Throws AppError("invalid_input",
 * { problems }) naming each bad field by path (`[3].portalId: required`), at most 10 of them.
 */
export function parseWebhookBatch(input: unknown): WebhookEvent[] {
  const parsed = webhookBatchSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    const problems: BatchProblem[] = parsed.error.issues.map((i) => ({
      path: formatPath(i.path),
      message:
        i.path.length === 0 && i.code === "invalid_type" ? "expected a JSON array of events" : describe(i),
    }));
    const shown = problems.slice(0, 10);
    const text = shown.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join("; ");
    throw new AppError("invalid_input", `not a HubSpot webhook batch: ${text}`, { problems: shown });
  }
  return parsed.data.map(normalizeWebhookEvent);
}
