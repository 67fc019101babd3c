import { Router } from "express";
import type { WebhookSender } from "./webhook-sender.js";

// GET /__sandbox/webhooks: the sender's target, cursor and counts (`lead-score sandbox stats`).
// POST /__sandbox/webhooks/drain: answers once every change so far is delivered or dropped, so a
// test or script can wait for the app to have heard of its edits instead of sleeping.

export function createWebhookRoutes(webhooks: WebhookSender): Router {
  const router = Router();
  router.get("/__sandbox/webhooks", (_req, res) => void res.json(webhooks.stats()));
  router.post("/__sandbox/webhooks/drain", async (_req, res) => {
    await webhooks.drain();
    res.json(webhooks.stats());
  });
  return router;
}
