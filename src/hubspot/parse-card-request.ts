import { z } from "zod";
import { AppError } from "../errors.js";
import { objectTypeFromTypeId } from "./webhook-object-types.js";

// The query of GET /cards/record-scores as HubSpot forwards a card's hubspot.fetch (docs/hubspot.md §App cards,
// docs/decisions.md §Record card): the card sends objectTypeId and recordId; HubSpot adds portalId and
// userId (and appId, userEmail). The whole URL is under the v3 signature, so once it is verified these
// are HubSpot's word. A name given twice arrives as an array and is refused: the card never sends
// portalId itself, so a second one could only be someone else's.

const digits = (name: string) =>
  z.string({ error: `${name} must be given once, as digits` }).regex(/^\d{1,20}$/, `${name} must be digits`);

const cardQuerySchema = z.object({
  portalId: digits("portalId").transform(Number),
  userId: digits("userId").optional(),
  objectTypeId: z.string({ error: "objectTypeId must be given once" }).min(1),
  recordId: digits("recordId"),
});

export type CardRequest = {
  portalId: number;
  userId: string | undefined;
  object: "contacts" | "companies" | "deals";
  recordId: string;
};

const CARD_OBJECTS = new Set(["contacts", "companies", "deals"]);

/** Throws AppError("invalid_input") naming every bad query parameter. */
export function parseCardRequest(query: unknown): CardRequest {
  const parsed = cardQuerySchema.safeParse(query);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    throw new AppError(
      "invalid_input",
      `not a record card request: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`,
      { problems },
    );
  }
  const object = objectTypeFromTypeId(parsed.data.objectTypeId);
  if (!CARD_OBJECTS.has(object)) {
    throw new AppError(
      "invalid_input",
      `objectTypeId ${parsed.data.objectTypeId} is not a contact (0-1), company (0-2) or deal (0-3)`,
      { problems: [{ path: "objectTypeId", message: "expected 0-1, 0-2 or 0-3" }] },
    );
  }
  return {
    portalId: parsed.data.portalId,
    userId: parsed.data.userId,
    object: object as CardRequest["object"],
    recordId: parsed.data.recordId,
  };
}
