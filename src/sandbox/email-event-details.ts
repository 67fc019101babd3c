import type { EmailCampaign, StoredEmailEvent } from "./email-event-repo.js";
import { stableUuid } from "./stable-uuid.js";

// What each marketing email event carries besides the common fields, and an event as
// GET /email/public/v1/events answers it (docs/hubspot.md §Marketing email events; the sandbox's choices where HubSpot's
// docs are silent: docs/decisions.md §Sandbox marketing and web sources). Marketing email is
// HubSpot's "Batch" app.

export const BATCH_APP = { appId: 113, appName: "Batch" } as const;

const browser = {
  family: "Chrome",
  name: "Chrome 131.0.0.0",
  producer: "Google Inc.",
  producerUrl: "https://www.google.com/about/company/",
  type: "Browser",
  url: "https://www.google.com/chrome/",
  version: ["131.0.0.0"],
};
const userAgent =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

export interface EmailEventExtras {
  /** The clicked link (CLICK). */
  url?: string;
  /** The recipient's city, state and country, for an engagement's `location`. */
  location?: { city?: string; state?: string; country?: string };
  /** A STATUSCHANGE's portal-wide status afterwards; SUBSCRIBED (one subscription left) when absent. */
  portalSubscriptionStatus?: string;
}

/** What is stored with an event: where an OPEN or CLICK happened, and a CLICK's url. */
export function emailEventExtrasOf(
  type: string,
  place: { city?: string; state?: string; country?: string },
  url?: string,
): EmailEventExtras {
  if (type !== "OPEN" && type !== "CLICK") return {};
  const location = Object.fromEntries(Object.entries(place).filter(([, v]) => v !== undefined));
  return type === "CLICK" && url ? { location, url } : { location };
}

/**
 * The type's own fields: an engagement's browser and place, a click's url, a bounce's reason, an
 * unsubscribe. Built when answering, from the extras stored with the event.
 */
export function buildEmailEventDetails(type: string, extras: EmailEventExtras = {}): Record<string, unknown> {
  switch (type) {
    case "DELIVERED":
      return { response: "250 2.0.0 OK", attempt: 1 };
    case "OPEN":
    case "CLICK":
      return {
        browser,
        userAgent,
        deviceType: "COMPUTER",
        location: { city: "", state: "", country: "", ...extras.location },
        ...(type === "CLICK"
          ? { url: extras.url ?? "https://www.example.com/", referer: "" }
          : { duration: 4_000 }),
      };
    case "BOUNCE":
      return {
        category: "HARD_BOUNCE",
        status: "5.1.1",
        response: "550 5.1.1 The email account does not exist",
      };
    case "STATUSCHANGE":
      return {
        source: "SOURCE_RECIPIENT",
        changeType: "SUBSCRIPTION",
        portalSubscriptionStatus: extras.portalSubscriptionStatus ?? "SUBSCRIBED",
        subscriptions: [{ id: 7_654_321, status: "UNSUBSCRIBED" }],
      };
    default:
      return {};
  }
}

export function emailEventToWire(
  event: StoredEmailEvent,
  campaign: EmailCampaign | null,
  portalId: number,
): Record<string, unknown> {
  return {
    ...BATCH_APP,
    portalId,
    id: event.id,
    created: event.created,
    emailCampaignId: event.campaignId,
    recipient: event.recipient,
    type: event.type,
    // The send this event follows: one per campaign and recipient.
    sentBy: {
      id: stableUuid("send", event.campaignId, event.recipient),
      created: campaign?.createdAtMs ?? event.created,
    },
    ...(campaign ? { subject: campaign.subject } : {}),
    ...buildEmailEventDetails(event.type, event.details as EmailEventExtras),
  };
}
