import type { Database } from "better-sqlite3";

// Where the sandbox delivers webhooks: HubSpot posts to the targetUrl of the app's webhook
// subscriptions (docs/hubspot.md §Webhook subscriptions), here `<origin of the install's redirect_uri>/webhooks/hubspot`
// unless given outright. Kept in `meta` with the last change delivered, so a restarted sandbox
// neither repeats nor loses deliveries. Changes made before the app was installed are never sent:
// HubSpot only notifies apps installed in the portal.

export const WEBHOOK_PATH = "/webhooks/hubspot";

export interface WebhookTarget {
  url(): string | null;
  /** Sets the target; the first time, delivery starts after the changes made so far. */
  set(url: string): void;
  /** The last change sequence number delivered (or given up on). */
  deliveredSeq(): number;
  setDeliveredSeq(seq: number): void;
}

/** `http://localhost:3000/oauth/callback` → `http://localhost:3000/webhooks/hubspot`. */
export function targetFromRedirectUri(redirectUri: string): string {
  return `${new URL(redirectUri).origin}${WEBHOOK_PATH}`;
}

export function createWebhookTarget(db: Database): WebhookTarget {
  const read = db.prepare<[string], { value: string }>("SELECT value FROM meta WHERE key = ?");
  const write = db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
  const lastSeq = db.prepare<[], { seq: number | null }>("SELECT MAX(seq) AS seq FROM changes");
  return {
    url: () => read.get("webhook_target_url")?.value ?? null,
    set(url) {
      db.transaction(() => {
        write.run("webhook_target_url", url);
        if (read.get("webhook_delivered_seq") === undefined)
          write.run("webhook_delivered_seq", String(lastSeq.get()?.seq ?? 0));
      })();
    },
    deliveredSeq: () => Number(read.get("webhook_delivered_seq")?.value ?? 0),
    setDeliveredSeq: (seq) => void write.run("webhook_delivered_seq", String(seq)),
  };
}
