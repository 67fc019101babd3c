import { z } from "zod";

// docs/scoring.md §Record snapshot: what the engine reads.

export const objectTypes = ["contacts", "companies", "deals"] as const;
export type ObjectType = (typeof objectTypes)[number];

const id = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);
const propertyValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/** ISO 8601 or epoch milliseconds (docs/scoring.md §Property operators, dates). */
export const instantInput = z.union([z.string().min(1), z.number().finite()]);

export const eventSchema = z.object({
  type: z.string().min(1),
  occurredAt: instantInput,
  properties: z.record(z.string(), propertyValue).default({}),
});

export const associatedRecordSchema = z.object({
  id,
  labels: z.array(z.string()).default([]),
  properties: z.record(z.string(), propertyValue).default({}),
  lists: z.array(id).default([]),
  events: z.array(eventSchema).default([]),
});

export const snapshotSchema = z.object({
  id,
  object: z.enum(objectTypes),
  properties: z.record(z.string(), propertyValue).default({}),
  lists: z.array(id).default([]),
  resets: z.record(z.string(), instantInput).default({}),
  events: z.array(eventSchema).default([]),
  associations: z
    .object({
      contacts: z.array(associatedRecordSchema).optional(),
      companies: z.array(associatedRecordSchema).optional(),
      deals: z.array(associatedRecordSchema).optional(),
    })
    .default({}),
});

/** A snapshot as written in JSON (what loadSnapshots and exports produce). */
export type SnapshotInput = z.input<typeof snapshotSchema>;
export type PropertyValue = z.infer<typeof propertyValue>;
