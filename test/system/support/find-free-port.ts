import { createServer } from "node:net";

/**
 * A loopback TCP port nobody listens on right now. redis-server and postgres need the number up
 * front (redis-server treats --port 0 as "no TCP at all"), so port 0 cannot be handed to them.
 */
export async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no TCP port was assigned");
  return address.port;
}
