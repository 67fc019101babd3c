import type { Logger } from "pino";
import { openRedisLocks, type RedisLocks } from "../adapters/coordination/redis-locks.js";
import { openBullmqInbox } from "../adapters/queue/bullmq-inbox.js";
import { createBullmqJobQueue } from "../adapters/queue/bullmq-job-queue.js";
import { openRedisDueIndex } from "../adapters/queue/redis-due-index.js";
import { createRedisSlidingWindow } from "../adapters/rate-window/redis-sliding-window.js";
import type { Config } from "../config.js";
import type { DueIndex } from "../ports/due-index.js";
import type { Inbox } from "../ports/inbox.js";
import type { JobQueue, JobRef } from "../ports/job-queue.js";
import type { SharedRateWindow } from "../ports/shared-rate-window.js";

/** What several app instances share through REDIS_URL (docs/decisions.md §Several instances). */
export type SharedParts = {
  inbox: Inbox;
  dueIndex: DueIndex;
  locks: RedisLocks;
  /** Each portal's HubSpot budget, one sliding window for all instances (the door's pacers). */
  rateWindow: SharedRateWindow;
  openJobQueue: (run: (ref: JobRef) => Promise<void>) => JobQueue;
  /** Closes what compose-app does not close itself (the inbox and due-index it does). */
  close(): Promise<void>;
};

export async function openSharedParts(
  redisUrl: string,
  config: Config,
  logger: Logger,
  now: () => number,
): Promise<SharedParts> {
  // First, with a clear error naming REDIS_URL when Redis cannot be reached.
  const locks = await openRedisLocks({ url: redisUrl });
  if (config.databaseUrl.startsWith("sqlite:"))
    logger.warn(
      "REDIS_URL is set but DATABASE_URL is a SQLite file: instances on other machines will not see the same scores; use redis:// or postgres://",
    );
  const onError = (component: string) => (error: Error) =>
    logger.warn({ component, err: error }, "Redis error (BullMQ retries)");
  const inbox = await openBullmqInbox({ url: redisUrl, now, onError: onError("inbox") });
  const dueIndex = await openRedisDueIndex({ url: redisUrl });
  const rateWindow = createRedisSlidingWindow({ url: redisUrl, logger });
  logger.info(
    "REDIS_URL: webhook inbox, job queue, due-index, scheduled tasks and HubSpot rate budgets shared through Redis",
  );
  return {
    inbox,
    dueIndex,
    locks,
    rateWindow,
    openJobQueue: (run) => createBullmqJobQueue({ url: redisUrl, onError: onError("jobs") }, run),
    async close() {
      await rateWindow.close();
      await locks.close();
    },
  };
}
