import { expect } from "vitest";
import { AppError } from "../../src/errors.js";

/** The AppError `promise` rejects with; fails the test when it resolves or rejects with anything else. */
export async function appErrorRejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => expect.unreachable("expected a rejection"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
