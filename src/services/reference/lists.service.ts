import { asc, eq } from "drizzle-orm";
import type { AnyPgTable } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Permission } from "../../core/access/roles.js";
import { SERVICE_PLACE_KINDS } from "../../core/place-kinds.js";
import { filled, KATO_FORMAT, matching } from "../../core/validation-messages.js";
import { nscOfficials, servicePlaces } from "../../db/schema.js";
import { requirePermission } from "../access.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { duplicateOfLine, IMPORT_REASONS, parseCsvRows, toCsv } from "./csv.js";
import { rejectRows } from "./zone.service.js";

const date = z.iso.date("date YYYY-MM-DD");
const optionalDate = z.preprocess((v) => (v === "" ? undefined : v), date.optional());
const text = filled;
const code = matching(/^[A-Za-z0-9_-]{1,40}$/, {
  kk: "код: 1–40 латын әрпі, цифр, '-' немесе '_'",
  ru: "код: 1–40 латинских букв, цифр, '-' или '_'",
  en: "code: 1–40 Latin letters, digits, '-' or '_'",
});

export { SERVICE_PLACE_KINDS };

/** A code-keyed reference list imported from CSV: its table, columns and row schema. */
interface ListDef<S extends z.ZodType> {
  kind: string;
  table: AnyPgTable & { code: unknown };
  columns: readonly string[];
  rowSchema: S;
  permission: Permission;
  toRow(parsed: z.infer<S>): Record<string, unknown>;
  toCsvRow(stored: Record<string, unknown>): Record<string, unknown>;
}

function defineList<S extends z.ZodType>(def: ListDef<S>): ListDef<S> {
  return def;
}

const officialsDef = defineList({
  kind: "officials",
  table: nscOfficials,
  columns: ["code", "title_kk", "title_ru", "basis", "valid_from", "valid_to"],
  rowSchema: z.object({
    code,
    title_kk: text(300),
    title_ru: text(300),
    basis: text(500),
    valid_from: date,
    valid_to: optionalDate,
  }),
  permission: "officials.manage" as const,
  toRow: (r) => ({
    code: r.code,
    titleKk: r.title_kk,
    titleRu: r.title_ru,
    basis: r.basis,
    validFrom: r.valid_from,
    validTo: r.valid_to ?? null,
  }),
  toCsvRow: (s) => ({
    code: s.code,
    title_kk: s.titleKk,
    title_ru: s.titleRu,
    basis: s.basis,
    valid_from: s.validFrom,
    valid_to: s.validTo ?? "",
  }),
});

const placesDef = defineList({
  kind: "places",
  table: servicePlaces,
  columns: ["code", "kato", "kind", "name_kk", "name_ru", "basis", "valid_from", "valid_to"],
  rowSchema: z.object({
    code,
    kato: matching(/^\d{9}$/, KATO_FORMAT),
    kind: z.enum(SERVICE_PLACE_KINDS),
    name_kk: text(300),
    name_ru: text(300),
    basis: text(500),
    valid_from: date,
    valid_to: optionalDate,
  }),
  permission: "reference.manage",
  toRow: (r) => ({
    code: r.code,
    kato: r.kato,
    kind: r.kind,
    nameKk: r.name_kk,
    nameRu: r.name_ru,
    basis: r.basis,
    validFrom: r.valid_from,
    validTo: r.valid_to ?? null,
  }),
  toCsvRow: (s) => ({
    code: s.code,
    kato: s.kato,
    kind: s.kind,
    name_kk: s.nameKk,
    name_ru: s.nameRu,
    basis: s.basis,
    valid_from: s.validFrom,
    valid_to: s.validTo ?? "",
  }),
});

/** The code-keyed reference lists: NSC officials (Z p.3) and places serving non-residents (Z p.19). */
export const REFERENCE_LISTS = { officials: officialsDef, places: placesDef } as const;
export type ReferenceListKind = keyof typeof REFERENCE_LISTS;

/** Imports a list from CSV, all or nothing, upserting by code; rows absent from the file are kept. */
export async function importReferenceList(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  kind: ReferenceListKind,
  csv: string,
  opts: { isDemo?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ rows: number; added: number; updated: number }> {
  const def = REFERENCE_LISTS[kind] as unknown as ListDef<z.ZodType>;
  if (actor) requirePermission(actor, def.permission);
  const { rows, problems } = parseCsvRows(csv, def.rowSchema, def.columns);
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const c = String((row as { code: string }).code);
    if (seen.has(c)) problems.push({ line: i + 2, field: "code", reason: duplicateOfLine(seen.get(c) ?? 0) });
    seen.set(c, i + 2);
  });
  if (rows.length === 0 && problems.length === 0)
    problems.push({ line: 1, field: "*", reason: IMPORT_REASONS.noRows });
  if (problems.length > 0) throw rejectRows(problems);
  const now = deps.clock.now();
  return deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    const table = def.table as typeof nscOfficials;
    const existing = new Set((await tx.select({ code: table.code }).from(table)).map((r) => r.code));
    let added = 0;
    for (const [i, row] of rows.entries()) {
      const values = { ...def.toRow(row), isDemo: opts.isDemo ?? false } as typeof nscOfficials.$inferInsert;
      if (existing.has(values.code)) {
        const { code: key, ...changes } = values;
        await tx.update(table).set(changes).where(eq(table.code, key));
      } else {
        await tx.insert(table).values({ ...values, createdAt: now });
        added += 1;
      }
      if (i % 200 === 0) opts.onProgress?.(i, rows.length);
    }
    opts.onProgress?.(rows.length, rows.length);
    const report = { rows: rows.length, added, updated: rows.length - added };
    await appendAudit(tx, now, actor, meta, {
      action: `reference.${kind}_import`,
      objectType: `reference_${kind}`,
      details: report,
    });
    return report;
  });
}

/** Every row of a list, by code. */
export async function listReference(
  deps: Pick<Deps, "database">,
  actor: Actor | null,
  kind: ReferenceListKind,
) {
  requirePermission(actor, "units.read");
  const table = REFERENCE_LISTS[kind].table as typeof nscOfficials;
  return deps.database.tx({ unitPaths: [] }, (tx) => tx.select().from(table).orderBy(asc(table.code)));
}

/** A list as CSV, in the import's columns. */
export async function exportReference(
  deps: Pick<Deps, "database">,
  actor: Actor | null,
  kind: ReferenceListKind,
) {
  requirePermission(actor, "units.read");
  return exportReferenceAsOperator(deps, kind);
}

/** The same export for the machine's operator (CLI), who has no user account. */
export async function exportReferenceAsOperator(deps: Pick<Deps, "database">, kind: ReferenceListKind) {
  const def = REFERENCE_LISTS[kind] as unknown as ListDef<z.ZodType>;
  const table = def.table as typeof nscOfficials;
  const rows = await deps.database.tx({ unitPaths: [] }, (tx) =>
    tx.select().from(table).orderBy(asc(table.code)),
  );
  return toCsv(
    def.columns,
    rows.map((r) => def.toCsvRow(r as unknown as Record<string, unknown>)),
  );
}
