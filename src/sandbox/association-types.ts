import type { SandboxObjectType } from "./object-types.js";

// HubSpot-defined association type ids, one per direction (HubSpot's "Association type IDs"
// table for the v4 API; docs/hubspot.md §Rate limits and batching reads them back as associationTypes[{category, typeId,
// label}]). `unlabeled` is the default type every association has; `primary` exists for
// contact↔company and deal↔company and reads back with the label "Primary".

interface PairTypes {
  unlabeled: number;
  primary?: number;
}

const defined: Record<string, PairTypes> = {
  "contacts>companies": { unlabeled: 279, primary: 1 },
  "companies>contacts": { unlabeled: 280, primary: 2 },
  "deals>contacts": { unlabeled: 3 },
  "contacts>deals": { unlabeled: 4 },
  "deals>companies": { unlabeled: 341, primary: 5 },
  "companies>deals": { unlabeled: 342, primary: 6 },
  "companies>calls": { unlabeled: 181 },
  "calls>companies": { unlabeled: 182 },
  "companies>emails": { unlabeled: 185 },
  "emails>companies": { unlabeled: 186 },
  "companies>meetings": { unlabeled: 187 },
  "meetings>companies": { unlabeled: 188 },
  "companies>notes": { unlabeled: 189 },
  "notes>companies": { unlabeled: 190 },
  "companies>tasks": { unlabeled: 191 },
  "tasks>companies": { unlabeled: 192 },
  "contacts>calls": { unlabeled: 193 },
  "calls>contacts": { unlabeled: 194 },
  "contacts>emails": { unlabeled: 197 },
  "emails>contacts": { unlabeled: 198 },
  "contacts>meetings": { unlabeled: 199 },
  "meetings>contacts": { unlabeled: 200 },
  "contacts>notes": { unlabeled: 201 },
  "notes>contacts": { unlabeled: 202 },
  "contacts>tasks": { unlabeled: 203 },
  "tasks>contacts": { unlabeled: 204 },
  "deals>calls": { unlabeled: 205 },
  "calls>deals": { unlabeled: 206 },
  "deals>emails": { unlabeled: 209 },
  "emails>deals": { unlabeled: 210 },
  "deals>meetings": { unlabeled: 211 },
  "meetings>deals": { unlabeled: 212 },
  "deals>notes": { unlabeled: 213 },
  "notes>deals": { unlabeled: 214 },
  "deals>tasks": { unlabeled: 215 },
  "tasks>deals": { unlabeled: 216 },
  // Tickets (docs/hubspot.md §Tickets; the company and deal ids from the same table, [SDK] src/enums/AssociationTypes.ts).
  "contacts>tickets": { unlabeled: 15 },
  "tickets>contacts": { unlabeled: 16 },
  "companies>tickets": { unlabeled: 340, primary: 25 },
  "tickets>companies": { unlabeled: 339, primary: 26 },
  "deals>tickets": { unlabeled: 27 },
  "tickets>deals": { unlabeled: 28 },
};

/** The HubSpot-defined types of a direction, or null when HubSpot cannot associate the pair. */
export function definedTypesOf(from: SandboxObjectType, to: SandboxObjectType): PairTypes | null {
  return defined[`${from}>${to}`] ?? null;
}

/** User-defined (labelled) types get ids from here up, clear of HubSpot-defined ids. */
export const FIRST_USER_DEFINED_TYPE_ID = 1_000;
