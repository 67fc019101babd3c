import { z } from "zod";

// The app's webhook subscriptions as its webhooks component declares them (docs/hubspot.md §Webhook subscriptions): the
// 2026.03 `*-hsmeta.json` shape (`config.subscriptions`, generic ones name an `objectType`) or the
// legacy `webhooks.json` one (top-level `subscriptions`, `objectName`). HubSpot reads that file at
// `hs project upload`; the sandbox reads the same file, so it needs none of the app's code.

export interface WebhookSubscription {
  /** `object.propertyChange` (generic), `contact.creation` (legacy), `contact.privacyDeletion` (hub event). */
  subscriptionType: string;
  /** Generic (`object.*`) subscriptions only: HubSpot's object name, e.g. `contact`, `meeting_event`. */
  objectType?: string;
  /** Property changes only. */
  propertyName?: string;
  /** An inactive subscription is paused: HubSpot sends nothing for it. */
  active: boolean;
}

const subscriptionSchema = z
  .object({
    subscriptionType: z.string().regex(/^[A-Za-z0-9_]+\.[A-Za-z]+$/, "expected <object>.<event>"),
    objectType: z.string().min(1).optional(),
    objectName: z.string().min(1).optional(),
    propertyName: z.string().min(1).optional(),
    active: z.boolean(),
  })
  .superRefine((s, context) => {
    if (s.subscriptionType.startsWith("object.") && !s.objectType && !s.objectName)
      context.addIssue({ code: "custom", message: `${s.subscriptionType} names no objectType` });
    if (s.subscriptionType.endsWith(".propertyChange") && !s.propertyName)
      context.addIssue({ code: "custom", message: `${s.subscriptionType} names no propertyName` });
  });

const groupsSchema = z.object({
  crmObjects: z.array(subscriptionSchema).default([]),
  legacyCrmObjects: z.array(subscriptionSchema).default([]),
  hubEvents: z.array(subscriptionSchema).default([]),
});

export class WebhookSubscriptionsError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid webhook subscriptions:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "WebhookSubscriptionsError";
  }
}

/** Every subscription of a webhooks component file, in file order; throws a WebhookSubscriptionsError. */
export function parseWebhookSubscriptions(json: unknown): WebhookSubscription[] {
  const file = (json ?? {}) as { config?: { subscriptions?: unknown }; subscriptions?: unknown };
  const groups = file.config?.subscriptions ?? file.subscriptions;
  if (groups === undefined)
    throw new WebhookSubscriptionsError(["neither config.subscriptions nor subscriptions is there"]);
  const parsed = groupsSchema.safeParse(groups);
  if (!parsed.success)
    throw new WebhookSubscriptionsError(
      parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`),
    );
  const { crmObjects, legacyCrmObjects, hubEvents } = parsed.data;
  return [...crmObjects, ...legacyCrmObjects, ...hubEvents].map(
    ({ subscriptionType, objectType, objectName, propertyName, active }) => ({
      subscriptionType,
      ...(objectType || objectName ? { objectType: objectType ?? objectName } : {}),
      ...(propertyName ? { propertyName } : {}),
      active,
    }),
  );
}
