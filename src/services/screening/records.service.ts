import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import { rowsOf, type Tx } from "../../adapters/db/index.js";
import { AppError, invalid, notFound } from "../../core/errors.js";
import { recordIndexKeys } from "../../core/names/index-keys.js";
import { normalizeDocumentNumber, normalizeIin } from "../../core/names/keys.js";
import { birthDateFromIin } from "../../core/names/match.js";
import { parseName } from "../../core/names/parse.js";
import {
  customMessage,
  IIN_FORMAT,
  issueDetail,
  matching,
  schemaIssueReason,
} from "../../core/validation-messages.js";
import { recordKeys, records } from "../../db/schema.js";
import { requirePermission } from "../access.js";
import { appendAudit } from "../audit/audit.service.js";
import { canonicalJson } from "../audit/canonical.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import {
  duplicateOfLine,
  IMPORT_REASONS,
  problemLine,
  type RowProblem,
  unreadableCsv,
} from "../reference/csv.js";
import { personOfRecord } from "./scoring.js";

/** The CSV columns of a records file; `names` holds one or more spellings separated by `|`. */
export const RECORD_COLUMNS = [
  "id",
  "names",
  "birth_date",
  "document_number",
  "iin",
  "reason",
  "source",
  "valid_until",
] as const;

/** Rows written per INSERT: large enough to amortize round trips, small enough to keep memory flat. */
export const WRITE_BATCH = 2000;

/** Rejected rows kept in the error (the count is always complete). */
const MAX_REPORTED_PROBLEMS = 1000;

const isRealDate = (value: string): boolean => {
  const [y, m, d] = value.split("-").map(Number);
  const date = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
  return date.getUTCFullYear() === y && date.getUTCMonth() + 1 === m && date.getUTCDate() === d;
};

/** Why a records file could not be read a second time: it changed between the two passes. */
const FILE_CHANGED = {
  kk: "файл импорт кезінде өзгерді",
  ru: "файл изменился во время импорта",
  en: "the file changed during import",
};
const RECORD_ID_FORMAT = {
  kk: "тек әріптер, цифрлар және . _ : / -",
  ru: "только буквы, цифры и . _ : / -",
  en: "letters, digits and . _ : / - only",
};
const NO_SUCH_DATE = { kk: "мұндай күн жоқ", ru: "такой даты нет", en: "no such date" };
const birthDateSchema = z
  .string()
  .trim()
  .refine((v) => /^\d{4}(-\d{2}-\d{2})?$/.test(v), {
    ...customMessage({ kk: "ЖЖЖЖ-АА-КК немесе ЖЖЖЖ", ru: "ГГГГ-ММ-ДД или ГГГГ", en: "YYYY-MM-DD or YYYY" }),
    abort: true,
  })
  .refine((v) => v.length === 4 || isRealDate(v), customMessage(NO_SUCH_DATE))
  .refine(
    (v) => Number(v.slice(0, 4)) >= 1880 && Number(v.slice(0, 4)) <= 2100,
    customMessage({
      kk: "жыл рұқсат етілген шектен тыс",
      ru: "год вне допустимых пределов",
      en: "year out of range",
    }),
  )
  // The checks explain themselves in three languages; the pattern still documents the API.
  .meta({ pattern: "^\\d{4}(-\\d{2}-\\d{2})?$" });
const isoDate = z
  .string()
  .trim()
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v), {
    ...customMessage({ kk: "ЖЖЖЖ-АА-КК", ru: "ГГГГ-ММ-ДД", en: "YYYY-MM-DD" }),
    abort: true,
  })
  .refine(isRealDate, customMessage(NO_SUCH_DATE))
  .meta({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" });
const nameSchema = z
  .string()
  .trim()
  .min(1)
  .max(300)
  // Parsing costs ~40 µs a name (a minute per million rows): a Latin or Cyrillic letter is enough
  // to make a token, and only other scripts are parsed to see whether the scorer can read them.
  .refine(
    (v) => /[a-zа-яёәғқңөұүһі]/iu.test(v) || parseName(v).length > 0,
    customMessage({ kk: "атауда әріп жоқ", ru: "в имени нет букв", en: "no letters in the name" }),
  );

/** A record as the API and the import take it. */
export const recordInputSchema = z.strictObject({
  id: matching(/^[\p{L}\p{N}._:/-]+$/u, RECORD_ID_FORMAT, z.string().trim().min(1).max(100)),
  names: z.array(nameSchema).min(1).max(20),
  birthDate: birthDateSchema.optional(),
  documentNumber: z.string().trim().min(1).max(50).optional(),
  iin: matching(/^\d{12}$/, IIN_FORMAT, z.string().trim()).optional(),
  reason: z.string().trim().min(1).max(2000),
  source: z.string().trim().min(1).max(200),
  validUntil: isoDate.optional(),
});
/** A record to write. */
export type RecordInput = z.infer<typeof recordInputSchema>;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** One CSV row: the same rules as the API, names split on `|`. */
const csvRowSchema = z
  .object({
    id: z.string(),
    names: z.string(),
    birth_date: z.preprocess(blankToUndefined, z.string().optional()),
    document_number: z.preprocess(blankToUndefined, z.string().optional()),
    iin: z.preprocess(blankToUndefined, z.string().optional()),
    reason: z.string(),
    source: z.string(),
    valid_until: z.preprocess(blankToUndefined, z.string().optional()),
  })
  .transform(
    (row): z.input<typeof recordInputSchema> => ({
      id: row.id,
      names: row.names
        .split("|")
        .map((n) => n.trim())
        .filter((n) => n !== ""),
      reason: row.reason,
      source: row.source,
      ...(row.birth_date === undefined ? {} : { birthDate: row.birth_date }),
      ...(row.document_number === undefined ? {} : { documentNumber: row.document_number }),
      ...(row.iin === undefined ? {} : { iin: row.iin }),
      ...(row.valid_until === undefined ? {} : { validUntil: row.valid_until }),
    }),
  )
  .pipe(recordInputSchema);

const CSV_FIELD: Readonly<Record<string, string>> = {
  birthDate: "birth_date",
  documentNumber: "document_number",
  validUntil: "valid_until",
};

/** A record ready to write: its row, its blocking keys. */
export interface PreparedRecord {
  row: {
    id: string;
    names: string[];
    birthYear: number | null;
    birthDate: string | null;
    documentNumber: string | null;
    iin: string | null;
    reason: string;
    source: string;
    validUntil: string | null;
    namesFolded: string;
    dataHash: string;
  };
  keys: string[];
}

/** SHA-256 of canonical JSON: a change to any field changes the hash. */
export function hashOf(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}

/** Computes the stored columns and blocking keys of a record (pure: no I/O). */
export function prepareRecord(input: RecordInput): PreparedRecord {
  const birthDate = input.birthDate && input.birthDate.length === 10 ? input.birthDate : null;
  const birthYear = input.birthDate ? Number(input.birthDate.slice(0, 4)) : null;
  const row = {
    id: input.id,
    names: input.names,
    birthYear,
    birthDate,
    documentNumber: input.documentNumber ?? null,
    iin: input.iin ?? null,
    reason: input.reason,
    source: input.source,
    validUntil: input.validUntil ?? null,
    namesFolded: [...new Set(input.names.flatMap((n) => parseName(n).map((t) => t.key)))].join(" "),
    dataHash: "",
  };
  row.dataHash = hashOf({
    names: row.names,
    birthYear,
    birthDate,
    documentNumber: normalizeDocumentNumber(row.documentNumber ?? undefined) ?? row.documentNumber,
    iin: normalizeIin(row.iin ?? undefined) ?? row.iin,
    reason: row.reason,
    source: row.source,
    validUntil: row.validUntil,
  });
  // A record without a birth date still carries one inside a valid IIN: file it under that year too.
  const person = personOfRecord(row);
  const keyed = person.birthDate
    ? person
    : { ...person, ...optionalBirth(birthDateFromIin(row.iin ?? undefined)) };
  return { row, keys: recordIndexKeys(keyed) };
}

function optionalBirth(date: string | undefined): { birthDate?: string } {
  return date ? { birthDate: date } : {};
}

const UNIT = "\u001f";

/**
 * Upserts prepared records by id and rebuilds their keys: one multi-row statement per table,
 * arrays passed whole (unnest), so a batch is three round trips whatever its size.
 * Returns how many ids were new.
 */
export async function writeRecords(
  tx: Tx,
  batch: readonly PreparedRecord[],
  now: Date,
  isDemo = false,
): Promise<{ added: number; updated: number }> {
  if (batch.length === 0) return { added: 0, updated: 0 };
  const col = <K extends keyof PreparedRecord["row"]>(k: K) => batch.map((p) => p.row[k]);
  const result = await tx.execute(sql`
    INSERT INTO records (id, names, birth_year, birth_date, document_number, iin, reason, source,
                         valid_until, names_folded, data_hash, is_demo, created_at, updated_at)
    SELECT u.id, string_to_array(u.names, ${UNIT}), u.birth_year, u.birth_date, u.document_number, u.iin,
           u.reason, u.source, u.valid_until, u.names_folded, u.data_hash, ${isDemo}, ${now}, ${now}
    FROM unnest(${sql.param(col("id"))}::text[], ${sql.param(batch.map((p) => p.row.names.join(UNIT)))}::text[],
                ${sql.param(col("birthYear"))}::int[], ${sql.param(col("birthDate"))}::date[], ${sql.param(col("documentNumber"))}::text[],
                ${sql.param(col("iin"))}::text[], ${sql.param(col("reason"))}::text[], ${sql.param(col("source"))}::text[],
                ${sql.param(col("validUntil"))}::date[], ${sql.param(col("namesFolded"))}::text[], ${sql.param(col("dataHash"))}::text[])
      AS u(id, names, birth_year, birth_date, document_number, iin, reason, source, valid_until,
           names_folded, data_hash)
    ON CONFLICT (id) DO UPDATE SET
      names = excluded.names, birth_year = excluded.birth_year, birth_date = excluded.birth_date,
      document_number = excluded.document_number, iin = excluded.iin, reason = excluded.reason,
      source = excluded.source, valid_until = excluded.valid_until, names_folded = excluded.names_folded,
      data_hash = excluded.data_hash, updated_at = excluded.updated_at
    RETURNING (xmax = 0) AS inserted`);
  const added = rowsOf<{ inserted: boolean }>(result).filter((r) => r.inserted).length;
  const updated = batch.length - added;
  // Keys are derived: an updated record's old keys go, whatever changed.
  await writeKeys(tx, batch, updated > 0);
  return { added, updated };
}

/** Writes the index keys of prepared records, first removing their old keys when some may exist. */
export async function writeKeys(tx: Tx, batch: readonly PreparedRecord[], replace: boolean): Promise<void> {
  if (replace) {
    const ids = batch.map((p) => p.row.id);
    await tx.execute(sql`DELETE FROM record_keys WHERE record_id = ANY(${sql.param(ids)}::text[])`);
  }
  const keys: string[] = [];
  const ids: string[] = [];
  for (const p of batch) {
    for (const key of p.keys) {
      keys.push(key);
      ids.push(p.row.id);
    }
  }
  await tx.execute(
    sql`INSERT INTO record_keys (key, record_id) SELECT * FROM unnest(${sql.param(keys)}::text[], ${sql.param(ids)}::text[])`,
  );
}

/** The error of a rejected import: every problem counted, the first thousand listed. */
function rejected(problems: RowProblem[], count: number): AppError {
  const first = problems[0];
  return new AppError("IMPORT_REJECTED", {
    field: first?.field,
    params: { count, first: first ? problemLine(first) : "" },
    details: problems.slice(0, MAX_REPORTED_PROBLEMS),
  });
}

/** Progress of an import: the phase and rows done (total known once validation has counted them). */
export type ImportProgress = (phase: "validate" | "write", done: number, total: number) => void;

/** What an import did. */
export interface RecordsImportReport {
  rows: number;
  added: number;
  updated: number;
}

/** Streams the rows of a records CSV with their line numbers, validated. */
async function* csvRecords(
  path: string,
): AsyncGenerator<{ line: number; record?: RecordInput; problems: RowProblem[] }> {
  const parser = createReadStream(path).pipe(
    parse({
      bom: true,
      columns: (header: string[]) => {
        const names = header.map((h) => h.trim().toLowerCase());
        const missing = RECORD_COLUMNS.filter((c) => !names.includes(c));
        if (missing.length > 0) {
          throw rejected([{ line: 1, field: missing.join(","), reason: IMPORT_REASONS.missingColumns }], 1);
        }
        return names;
      },
      skip_empty_lines: true,
      relax_column_count: false,
      info: true,
    }),
  );
  try {
    for await (const item of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      const line = item.info.lines;
      const parsed = csvRowSchema.safeParse(item.record);
      if (parsed.success) yield { line, record: parsed.data, problems: [] };
      else {
        yield {
          line,
          problems: parsed.error.issues.map((issue) => {
            const field = String(issue.path[0] ?? "*");
            return { line, field: CSV_FIELD[field] ?? field, reason: schemaIssueReason(issue) };
          }),
        };
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const line = (err as { lines?: number }).lines ?? 0;
    throw rejected([{ line, field: "*", reason: unreadableCsv((err as Error).message) }], 1);
  }
}

/**
 * Imports a records CSV file of any size, all or nothing. A first streaming pass validates every
 * row (nothing is held in memory but the ids, to refuse duplicates); a bad file is rejected with
 * every problem's line. The second pass writes in batches inside ONE transaction, so a failure
 * half way leaves the registry as it was. Rows whose id exists replace that record (keys rebuilt).
 */
export async function importRecordsFile(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  path: string,
  onProgress: ImportProgress = () => undefined,
): Promise<RecordsImportReport> {
  if (actor) requirePermission(actor, "records.manage");
  const problems: RowProblem[] = [];
  let problemCount = 0;
  const seen = new Map<string, number>();
  let total = 0;
  for await (const { line, record, problems: rowProblems } of csvRecords(path)) {
    total += 1;
    if (record) {
      const earlier = seen.get(record.id);
      if (earlier !== undefined) rowProblems.push({ line, field: "id", reason: duplicateOfLine(earlier) });
      else seen.set(record.id, line);
    }
    problemCount += rowProblems.length;
    if (problems.length < MAX_REPORTED_PROBLEMS) problems.push(...rowProblems);
    if (total % 10_000 === 0) onProgress("validate", total, 0);
  }
  seen.clear();
  if (total === 0) throw rejected([{ line: 1, field: "*", reason: IMPORT_REASONS.noRows }], 1);
  if (problemCount > 0) throw rejected(problems, problemCount);
  onProgress("validate", total, total);

  const now = deps.clock.now();
  return deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    const report: RecordsImportReport = { rows: 0, added: 0, updated: 0 };
    let batch: PreparedRecord[] = [];
    let pending: Promise<void> = Promise.resolve();
    const flush = async (rows: PreparedRecord[]) => {
      const done = await writeRecords(tx, rows, now);
      report.added += done.added;
      report.updated += done.updated;
      report.rows += rows.length;
      onProgress("write", report.rows, total);
    };
    for await (const { record } of csvRecords(path)) {
      if (!record) throw new AppError("RECORDS_FILE_UNREADABLE", { params: { reason: FILE_CHANGED } });
      batch.push(prepareRecord(record));
      if (batch.length >= WRITE_BATCH) {
        // The next batch's keys are computed while the server writes this one.
        await pending;
        pending = flush(batch);
        batch = [];
      }
    }
    await pending;
    await flush(batch);
    if (report.rows !== total) {
      throw new AppError("RECORDS_FILE_UNREADABLE", { params: { reason: FILE_CHANGED } });
    }
    await appendAudit(tx, now, actor, meta, {
      action: "records.import",
      objectType: "records",
      details: { ...report },
    });
    return report;
  });
}

/** A record as the API shows it. */
export interface RecordView {
  id: string;
  names: string[];
  birthDate: string | null;
  documentNumber: string | null;
  iin: string | null;
  reason: string;
  source: string;
  validUntil: string | null;
  isDemo: boolean;
  updatedAt: string;
}

type RecordRow = typeof records.$inferSelect;

/** The API view of a stored record (birth date as given: full date or year). */
export function recordView(r: RecordRow): RecordView {
  return {
    id: r.id,
    names: r.names,
    birthDate: r.birthDate ?? (r.birthYear === null ? null : String(r.birthYear)),
    documentNumber: r.documentNumber,
    iin: r.iin,
    reason: r.reason,
    source: r.source,
    validUntil: r.validUntil,
    isDemo: r.isDemo,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** A stored record as the input it was written from. */
export function inputOf(r: RecordRow): RecordInput {
  const view = recordView(r);
  return {
    id: r.id,
    names: r.names,
    reason: r.reason,
    source: r.source,
    ...(view.birthDate ? { birthDate: view.birthDate } : {}),
    ...(r.documentNumber ? { documentNumber: r.documentNumber } : {}),
    ...(r.iin ? { iin: r.iin } : {}),
    ...(r.validUntil ? { validUntil: r.validUntil } : {}),
  };
}

const scope = { unitPaths: [], all: true } as const;

/**
 * Lists records, searched by id (exact) or by name in any script (every folded name word must
 * appear), ordered by id, with keyset paging (`after`). Searches are audited: the registry is
 * police data.
 */
export async function listRecords(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  input: { q?: string | undefined; after?: string | undefined; limit: number },
): Promise<{ items: RecordView[]; next: string | null }> {
  const who = requirePermission(actor, "records.screen");
  const q = input.q?.trim() ?? "";
  const words = q === "" ? [] : [...new Set(parseName(q).map((t) => t.key))];
  const conditions = [
    input.after ? gt(records.id, input.after) : undefined,
    q === ""
      ? undefined
      : sql`(${records.id} = ${q} OR (${words.length > 0} AND ${sql.join(
          words.length > 0
            ? words.map((w) => sql`${records.namesFolded} LIKE ${`%${w.replace(/[%_\\]/g, "\\$&")}%`}`)
            : [sql`false`],
          sql` AND `,
        )}))`,
  ].filter((c) => c !== undefined);
  return deps.database.tx(scope, async (tx) => {
    const rows = await tx
      .select()
      .from(records)
      .where(conditions.length > 0 ? and(...conditions) : undefined)
      .orderBy(asc(records.id))
      .limit(input.limit + 1);
    await appendAudit(tx, deps.clock.now(), who, meta, {
      action: "records.search",
      objectType: "records",
      details: { q, after: input.after ?? null, found: Math.min(rows.length, input.limit) },
    });
    const items = rows.slice(0, input.limit).map(recordView);
    return { items, next: rows.length > input.limit ? (items[items.length - 1]?.id ?? null) : null };
  });
}

/** One record by id (the read is audited). */
export async function getRecord(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
): Promise<RecordView> {
  const who = requirePermission(actor, "records.screen");
  return deps.database.tx(scope, async (tx) => {
    const row = (await tx.select().from(records).where(eq(records.id, id)).limit(1))[0];
    if (!row) throw notFound();
    await appendAudit(tx, deps.clock.now(), who, meta, {
      action: "records.read",
      objectType: "record",
      objectId: id,
    });
    return recordView(row);
  });
}

/** Creates a record; an existing id answers ALREADY_EXISTS (replacing is PATCH or import). */
export async function createRecord(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  input: RecordInput,
  opts: { isDemo?: boolean } = {},
): Promise<RecordView> {
  const who = actor ? requirePermission(actor, "records.manage") : null;
  const prepared = prepareRecord(input);
  const now = deps.clock.now();
  return deps.database.tx(scope, async (tx) => {
    const exists = await tx.select({ id: records.id }).from(records).where(eq(records.id, input.id)).limit(1);
    if (exists.length > 0) throw new AppError("ALREADY_EXISTS", { field: "id", params: { what: input.id } });
    await writeRecords(tx, [prepared], now, opts.isDemo ?? false);
    await appendAudit(tx, now, who, meta, {
      action: "records.create",
      objectType: "record",
      objectId: input.id,
      details: { dataHash: prepared.row.dataHash },
    });
    const row = (await tx.select().from(records).where(eq(records.id, input.id)))[0];
    if (!row) throw new Error("record insert returned no row");
    return recordView(row);
  });
}

/** The fields a PATCH may change; `null` clears an optional field. */
export type RecordPatch = Partial<{
  names: string[];
  birthDate: string | null;
  documentNumber: string | null;
  iin: string | null;
  reason: string;
  source: string;
  validUntil: string | null;
}>;

/** Changes a record; its keys are rebuilt and its data hash changes, so dismissals of it lapse. */
export async function updateRecord(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
  patch: RecordPatch,
): Promise<RecordView> {
  const who = requirePermission(actor, "records.manage");
  const now = deps.clock.now();
  return deps.database.tx(scope, async (tx) => {
    const row = (await tx.select().from(records).where(eq(records.id, id)).for("update"))[0];
    if (!row) throw notFound();
    const merged: Record<string, unknown> = { ...inputOf(row) };
    for (const [field, value] of Object.entries(patch)) {
      if (value === null) delete merged[field];
      else if (value !== undefined) merged[field] = value;
    }
    const parsed = recordInputSchema.safeParse(merged);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue?.path[0] ?? "body");
      throw invalid(field, issueDetail(issue, field));
    }
    const input = parsed.data;
    const prepared = prepareRecord(input);
    await writeRecords(tx, [prepared], now, row.isDemo);
    await appendAudit(tx, now, who, meta, {
      action: "records.update",
      objectType: "record",
      objectId: id,
      details: { fields: Object.keys(patch), before: row.dataHash, after: prepared.row.dataHash },
    });
    const updated = (await tx.select().from(records).where(eq(records.id, id)))[0];
    if (!updated) throw notFound();
    return recordView(updated);
  });
}

/** Deletes a record and its keys. */
export async function deleteRecord(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
): Promise<void> {
  const who = requirePermission(actor, "records.manage");
  const now = deps.clock.now();
  await deps.database.tx(scope, async (tx) => {
    const gone = await tx.delete(records).where(eq(records.id, id)).returning({ hash: records.dataHash });
    if (gone.length === 0) throw notFound();
    await tx.delete(recordKeys).where(eq(recordKeys.recordId, id));
    await appendAudit(tx, now, who, meta, {
      action: "records.delete",
      objectType: "record",
      objectId: id,
      details: { dataHash: gone[0]?.hash ?? null },
    });
  });
}
