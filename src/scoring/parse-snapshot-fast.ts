import { parseInstant } from "./parse-instant.js";
import {
  type AssociatedRecord,
  parseSnapshot,
  type RecordSnapshot,
  type ScoredEvent,
} from "./parse-snapshot.js";
import type { ObjectType, PropertyValue } from "./snapshot-schema.js";

// parseSnapshot (zod) costs about twice a JSON.parse per record, which alone put `lead-score
// evaluate` over its budget (3 × reading + JSON.parse; docs/decisions.md §Fast snapshot parser). This is the
// same schema (snapshot-schema.ts) written out by hand for the well-formed case only: anything it is not sure
// of — any invalid value, an unusual key, a date it does not read itself — goes to parseSnapshot, so the
// problems reported for bad input are zod's own. It accepts a subset of what zod accepts and builds the same
// RecordSnapshot; test/unit/scoring/parse-snapshot-fast.test.ts checks both against zod with generated
// inputs.

/** Thrown inside the fast path: "not sure, ask zod". Never escapes this module. */
const unsure = Symbol("unsure");

/** The same result as parseSnapshot(input), faster for well-formed input. */
export function parseSnapshotFast(input: unknown): RecordSnapshot {
  return readWellFormedSnapshot(input) ?? parseSnapshot(input);
}

/** The snapshot parseSnapshot would return, or undefined when the input needs zod's judgement. */
export function readWellFormedSnapshot(input: unknown): RecordSnapshot | undefined {
  try {
    return readSnapshot(input);
  } catch (error) {
    if (error !== unsure) throw error;
    return undefined;
  }
}

type Json = Record<string, unknown>;
const objectTypes: ReadonlySet<unknown> = new Set(["contacts", "companies", "deals"]);

function readSnapshot(input: unknown): RecordSnapshot {
  const s = plainObject(input);
  if (!objectTypes.has(s.object)) throw unsure;
  const resets: Record<string, number> = {};
  if (s.resets !== undefined) {
    const raw = plainObject(s.resets);
    for (const key in raw) resets[safeKey(key)] = instant(raw[key]);
  }
  return {
    id: id(s.id),
    object: s.object as ObjectType,
    properties: properties(s.properties),
    lists: ids(s.lists),
    resets,
    events: events(s.events),
    associations: associations(s.associations),
  };
}

function associations(input: unknown): RecordSnapshot["associations"] {
  const out: RecordSnapshot["associations"] = {};
  if (input === undefined) return out;
  const raw = plainObject(input);
  // zod's output order is the schema's (contacts, companies, deals); unknown keys are stripped.
  if ("contacts" in raw) out.contacts = associatedRecords(raw.contacts);
  if ("companies" in raw) out.companies = associatedRecords(raw.companies);
  if ("deals" in raw) out.deals = associatedRecords(raw.deals);
  return out;
}

function associatedRecords(input: unknown): AssociatedRecord[] {
  if (!Array.isArray(input)) throw unsure;
  const out: AssociatedRecord[] = new Array(input.length);
  for (let i = 0; i < input.length; i++) {
    const r = plainObject(input[i]);
    out[i] = {
      id: id(r.id),
      labels: strings(r.labels),
      properties: properties(r.properties),
      lists: ids(r.lists),
      events: events(r.events),
    };
  }
  return out;
}

function events(input: unknown): ScoredEvent[] {
  if (input === undefined) return [];
  if (!Array.isArray(input)) throw unsure;
  const out: ScoredEvent[] = new Array(input.length);
  for (let i = 0; i < input.length; i++) {
    const e = plainObject(input[i]);
    const type = e.type;
    if (typeof type !== "string" || type === "") throw unsure;
    out[i] = { type, atMs: instant(e.occurredAt), properties: properties(e.properties) };
  }
  return out;
}

function properties(input: unknown): Record<string, PropertyValue> {
  const out: Record<string, PropertyValue> = {};
  if (input === undefined) return out;
  const raw = plainObject(input);
  for (const key in raw) {
    const value = raw[key];
    if (
      typeof value === "string" ||
      value === null ||
      typeof value === "boolean" ||
      (typeof value === "number" && Number.isFinite(value))
    ) {
      out[safeKey(key)] = value;
    } else throw unsure;
  }
  return out;
}

// `id` in snapshot-schema.ts: a non-empty string or a whole number ≥ 0, as a string.
function id(value: unknown): string {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return String(value);
  throw unsure;
}

function ids(input: unknown): string[] {
  if (input === undefined) return [];
  if (!Array.isArray(input)) throw unsure;
  const out: string[] = new Array(input.length);
  for (let i = 0; i < input.length; i++) out[i] = id(input[i]);
  return out;
}

function strings(input: unknown): string[] {
  if (input === undefined) return [];
  if (!Array.isArray(input)) throw unsure;
  for (const value of input) if (typeof value !== "string") throw unsure;
  return input.slice() as string[];
}

// JSON.parse gives plain objects; anything else (a class instance, a null prototype) goes to zod.
function plainObject(value: unknown): Json {
  if (typeof value !== "object" || value === null || Object.getPrototypeOf(value) !== Object.prototype)
    throw unsure;
  return value as Json;
}

// zod skips "__proto__" keys; leave that rarity to it rather than copy the subtlety.
function safeKey(key: string): string {
  if (key === "__proto__") throw unsure;
  return key;
}

/** An instant in epoch ms; NaN (a problem to report) is left to parseSnapshot. */
function instant(value: unknown): number {
  const ms = typeof value === "string" ? isoUtcMs(value) : Number.NaN;
  if (!Number.isNaN(ms)) return ms;
  if ((typeof value === "string" && value !== "") || (typeof value === "number" && Number.isFinite(value))) {
    const parsed = parseInstant(value);
    if (!Number.isNaN(parsed)) return parsed;
  }
  throw unsure;
}

/**
 * The form exports use, `2026-11-20T12:00:00Z` or `2026-11-20T12:00:00.123Z`, read without regular
 * expressions or Date.parse (a quarter of the parse time in the CPU profile). Only real calendar
 * instants from year 1000 on are read here (Date.UTC maps years 0–99 to 19xx); anything else,
 * 31 April included, is NaN here and parseInstant decides, so the two can never disagree.
 */
function isoUtcMs(t: string): number {
  const length = t.length;
  if (length !== 20 && length !== 24) return Number.NaN;
  if (t.charCodeAt(length - 1) !== 90 /* Z */) return Number.NaN;
  if (t[4] !== "-" || t[7] !== "-" || t[10] !== "T" || t[13] !== ":" || t[16] !== ":") return Number.NaN;
  const year = digits(t, 0, 4);
  const month = digits(t, 5, 2);
  const day = digits(t, 8, 2);
  const hour = digits(t, 11, 2);
  const minute = digits(t, 14, 2);
  const second = digits(t, 17, 2);
  let ms = 0;
  if (length === 24) {
    if (t[19] !== ".") return Number.NaN;
    ms = digits(t, 20, 3);
  }
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

// The decimal number in t[start, start + count), or NaN (which fails every range check above).
function digits(t: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}
