import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { expect } from "vitest";
import { createDummyBatch, signDelivery } from "../fixtures/hubspot/webhook-payloads.js";

// The kill -9 tests' load (docs/decisions.md §Webhook inbox: durable means surviving kill -9 of the app):
// signed 100-event deliveries, 10 at a time, to an intake running in `child`, which gets SIGKILL the moment
// the 20th acknowledgement is in, with more deliveries in flight.

const DELIVERIES = 60;
const KILL_AFTER_ACKS = 20;
const CONCURRENCY = 10;

/** The bodies sent and the indexes of those acknowledged (200) before the kill. */
export async function deliverUntilKilled(base: string, child: ChildProcess) {
  const bodies = Array.from({ length: DELIVERIES }, (_, i) =>
    JSON.stringify(createDummyBatch(100, i * 100 + 1)),
  );
  const acked: number[] = [];
  const exited = once(child, "exit");
  let next = 0;
  const sender = async () => {
    while (next < DELIVERIES && child.signalCode === null) {
      const i = next++;
      const { headers, body } = signDelivery(bodies[i] as string, { timestampMs: Date.now() });
      const res = await fetch(`${base}/webhooks/hubspot`, { method: "POST", headers, body }).catch(
        () => undefined,
      );
      if (res?.status !== 200) continue;
      acked.push(i);
      if (acked.length === KILL_AFTER_ACKS) child.kill("SIGKILL");
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, sender));
  expect(await exited).toEqual([null, "SIGKILL"]);
  expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
  expect(acked.length, "killed mid-stream").toBeLessThan(DELIVERIES);
  return { bodies, acked };
}
