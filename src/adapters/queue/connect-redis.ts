import { Redis } from "ioredis";

/**
 * An ioredis client connected to REDIS_URL (docs/decisions.md §Several instances), or an error naming the
 * setting and the host. Calls fail while Redis is down rather than wait for it, as the keyv stores do
 * (open-keyv.ts).
 */
export async function connectRedis(url: string): Promise<Redis> {
  const client = new Redis(url, {
    // Connect now, not on first use: a wrong REDIS_URL is reported at start-up.
    lazyConnect: true,
    // Without these a call made while Redis is down would wait in a queue until it returns, forever
    // if it never does; failing lets the caller retry on its own schedule (the decay cron, next
    // minute). A call in flight when the connection drops is sent once more after one reconnection.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  // Each call rejects with its own error; without a listener ioredis would also print every failed
  // reconnection to the console.
  client.on("error", () => {});
  // connect() rejects with "Connection is closed."; the error emitted before it says why.
  let cause: unknown;
  const remember = (error: unknown) => {
    cause ??= error;
  };
  client.on("error", remember);
  try {
    await client.connect();
    return client;
  } catch (error) {
    // Stops the reconnection attempts ioredis would otherwise keep making.
    client.disconnect();
    const reason = cause ?? error;
    const message = reason instanceof Error ? reason.message : String(reason);
    throw new Error(`REDIS_URL: cannot connect to Redis at ${hostOf(url)}: ${message}`, { cause: reason });
  } finally {
    client.off("error", remember);
  }
}

/** The host and port of a Redis URL, leaving out the password it may carry. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "(REDIS_URL is not a URL)";
  }
}
