import { describe } from "vitest";
import { createLocalJobQueue } from "../../../../src/adapters/queue/local-job-queue.js";
import { jobQueueContract } from "../../../support/job-queue-contract.js";

describe("createLocalJobQueue", () => {
  jobQueueContract(
    () =>
      (run, { concurrency }) =>
        createLocalJobQueue(run, concurrency),
  );
});
