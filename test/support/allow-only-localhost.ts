import nock from "nock";
import { afterAll, beforeAll } from "vitest";

/**
 * Registers the hooks of a test file whose app runs on 127.0.0.1 and whose HubSpot nock plays: no
 * other connection leaves the process while the file runs.
 */
export function allowOnlyLocalhost() {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterAll(() => nock.enableNetConnect());
}
