import type { Keyv } from "keyv";
import { afterAll, afterEach, beforeAll } from "vitest";
import { openKeyv } from "../../../src/adapters/stores/open-keyv.js";
import type { StoreBackend, StoreServer } from "./store-backends.js";

// One store server per suite, the keyv stores a test opened closed after it: the setup every suite over
// STORE_BACKENDS shares.

export type StoreServerUse = {
  /** The running server; throws why it did not start (a missing program names .ci/run). */
  server(): StoreServer;
  /** Opens `namespace` on `url` as the app does; closed after the test (or by closeOpened). */
  open<Value>(url: string, namespace: string): Promise<Keyv<Value>>;
  /** Closes every store opened so far, as a stopped instance would. */
  closeOpened(): Promise<void>;
};

export function useStoreServer(backend: StoreBackend): StoreServerUse {
  let server: StoreServer | undefined;
  let startError: unknown;
  const opened: Keyv<unknown>[] = [];
  const closeOpened = async () => {
    await Promise.all(opened.splice(0).map((keyv) => keyv.disconnect()));
  };
  beforeAll(async () => {
    // Kept, not thrown: a failing beforeAll reports its tests as skipped; each test must fail instead.
    server = await backend.start().catch((error: unknown) => {
      startError = error;
      return undefined;
    });
  }, 60_000);
  afterAll(async () => {
    await server?.dispose();
  }, 30_000);
  afterEach(closeOpened);
  return {
    server() {
      if (server === undefined) throw startError ?? new Error(`the ${backend.name} server did not start`);
      return server;
    },
    async open<Value>(url: string, namespace: string) {
      const keyv = await openKeyv<Value>(url, namespace);
      opened.push(keyv as Keyv<unknown>);
      return keyv;
    },
    closeOpened,
  };
}
