import type { Database } from "better-sqlite3";
import type { CursorPosition } from "./paging-cursor.js";
import { stableUuid } from "./stable-uuid.js";

// Forms and their submissions (docs/hubspot.md §Form submissions). A submission holds the submitted values only
// (no contact id, as in HubSpot); the email among them is kept lower-cased beside it, so the
// portal can find a contact's submissions for its roll-ups.

export interface FormField {
  name: string;
  label: string;
  fieldType: string;
}

/** The fields of a form made without a list: HubSpot's default contact form. */
export const defaultFormFields: FormField[] = [
  { name: "email", label: "Email", fieldType: "email" },
  { name: "firstname", label: "First name", fieldType: "single_line_text" },
  { name: "lastname", label: "Last name", fieldType: "single_line_text" },
];

export interface StoredForm {
  guid: string;
  name: string;
  fields: FormField[];
  createdAtMs: number;
}

export interface StoredSubmission {
  seq: number;
  conversionId: string;
  formGuid: string;
  submittedAt: number;
  values: { name: string; value: string }[];
  pageUrl: string;
}

export interface FormRepo {
  create(input: Omit<StoredForm, "guid">): StoredForm;
  get(guid: string): StoredForm | null;
  /** Forms in the order they were created. */
  all(): StoredForm[];
  submit(input: Omit<StoredSubmission, "seq" | "conversionId">): StoredSubmission;
  /** Forgets every submission made with an email (a contact's privacy deletion); how many. */
  eraseEmail(email: string): number;
  /** A form's submissions, newest first, strictly older than `before` when given. */
  submissions(guid: string, before: CursorPosition | null, limit: number): StoredSubmission[];
}

type FormRow = { guid: string; name: string; fields: string; created_at: number };
type SubmissionRow = {
  seq: number;
  form_guid: string;
  submitted_at: number;
  field_values: string;
  page_url: string;
};

const toForm = (row: FormRow): StoredForm => ({
  guid: row.guid,
  name: row.name,
  fields: JSON.parse(row.fields) as FormField[],
  createdAtMs: row.created_at,
});
const toSubmission = (row: SubmissionRow): StoredSubmission => ({
  seq: row.seq,
  conversionId: stableUuid("conversion", row.seq),
  formGuid: row.form_guid,
  submittedAt: row.submitted_at,
  values: JSON.parse(row.field_values) as StoredSubmission["values"],
  pageUrl: row.page_url,
});

export function createFormRepo(db: Database): FormRepo {
  const insertForm = db.prepare("INSERT INTO forms (guid, name, fields, created_at) VALUES (?, ?, ?, ?)");
  const countForms = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM forms");
  const byGuid = db.prepare<[string], FormRow>("SELECT * FROM forms WHERE guid = ?");
  const allForms = db.prepare<[], FormRow>("SELECT * FROM forms ORDER BY created_at, rowid");
  const insertSubmission = db.prepare(
    "INSERT INTO form_submissions (form_guid, submitted_at, field_values, page_url, email) VALUES (?, ?, ?, ?, ?)",
  );
  const eraseByEmail = db.prepare("DELETE FROM form_submissions WHERE email = ?");
  const newest = db.prepare<[string, number], SubmissionRow>(
    "SELECT * FROM form_submissions WHERE form_guid = ? ORDER BY submitted_at DESC, seq DESC LIMIT ?",
  );
  const older = db.prepare<[string, number, number, number, number], SubmissionRow>(
    `SELECT * FROM form_submissions WHERE form_guid = ? AND (submitted_at < ? OR (submitted_at = ? AND seq < ?))
     ORDER BY submitted_at DESC, seq DESC LIMIT ?`,
  );
  return {
    create(input) {
      const guid = stableUuid("form", countForms.get()?.n ?? 0, input.name);
      insertForm.run(guid, input.name, JSON.stringify(input.fields), input.createdAtMs);
      return { guid, ...input };
    },
    get: (guid) => {
      const row = byGuid.get(guid);
      return row ? toForm(row) : null;
    },
    all: () => allForms.all().map(toForm),
    submit(input) {
      const email = input.values.find((v) => v.name === "email")?.value.toLowerCase() ?? null;
      const seq = Number(
        insertSubmission.run(
          input.formGuid,
          input.submittedAt,
          JSON.stringify(input.values),
          input.pageUrl,
          email,
        ).lastInsertRowid,
      );
      return { ...input, seq, conversionId: stableUuid("conversion", seq) };
    },
    eraseEmail: (email) => eraseByEmail.run(email.toLowerCase()).changes,
    submissions: (guid, before, limit) =>
      (before ? older.all(guid, before.atMs, before.atMs, before.seq, limit) : newest.all(guid, limit)).map(
        toSubmission,
      ),
  };
}
