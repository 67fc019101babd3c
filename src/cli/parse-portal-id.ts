import { InvalidArgumentError } from "commander";

/** --portal: a HubSpot account id, refused by commander with this message when it is not one. */
export function parsePortalId(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError("expected a HubSpot account id (a number)");
  return Number(value);
}
