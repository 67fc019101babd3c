import type { AddressInfo } from "node:net";
import type { Express } from "express";

// A real server at port 0 on localhost, as the integration tests run the app's routes: its base URL and a
// close that waits for the server to stop.

export async function listenOnPort0(app: Express): Promise<{ base: string; close(): Promise<void> }> {
  const server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
