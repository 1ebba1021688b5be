import { and, asc, desc, eq, lte, sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../adapters/db/index.js";
import { AppError } from "../../core/errors.js";
import { foldToken } from "../../core/names/translit.js";
import { ZONE_KINDS } from "../../core/place-kinds.js";
import { filled, KATO_FORMAT, matching } from "../../core/validation-messages.js";
import { zoneEntries, zoneLists } from "../../db/schema.js";
import { requirePermission } from "../access.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { duplicateOfLine, IMPORT_REASONS, parseCsvRows, problemLine, type RowProblem, toCsv } from "./csv.js";
import { forgetZoneEntries, type ZoneEntry } from "./zone-entries.js";

export { findZoneEntry, type ZoneEntry } from "./zone-entries.js";
export { ZONE_KINDS };

const kato = matching(/^\d{9}$/, KATO_FORMAT);
const yesNo = z
  .string()
  .transform((v) => v.toLowerCase())
  .pipe(z.enum(["1", "0", "true", "false", "yes", "no", "иә", "жоқ", "да", "нет"]))
  .transform((v) => ["1", "true", "yes", "иә", "да"].includes(v));
const name = filled(200);
const optional = (s: z.ZodType<string | undefined>) => z.preprocess((v) => (v === "" ? undefined : v), s);

/** The CSV columns of a zone list; one row per unit. */
export const ZONE_COLUMNS = [
  "kato",
  "kind",
  "name_kk",
  "name_ru",
  "region_kato",
  "region_kk",
  "region_ru",
  "district_kato",
  "district_kk",
  "district_ru",
  "in_strip",
] as const;

const zoneRowSchema = z.object({
  kato,
  kind: z.enum(ZONE_KINDS),
  name_kk: name,
  name_ru: name,
  region_kato: kato,
  region_kk: name,
  region_ru: name,
  district_kato: optional(kato.optional()),
  district_kk: optional(name.optional()),
  district_ru: optional(name.optional()),
  in_strip: yesNo,
});
type ZoneRow = z.infer<typeof zoneRowSchema>;

/** What an import did. */
export interface ImportReport {
  listId: string;
  effectiveFrom: string;
  rows: number;
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
}

/** A zone list to import: CSV text, the date it takes effect and its legal basis. */
export interface ZoneImport {
  csv: string;
  effectiveFrom: string;
  basisKk: string;
  basisRu: string;
  isDemo?: boolean;
}

/** Rejects an import with every bad row named (nothing is written). */
export function rejectRows(problems: RowProblem[]): AppError {
  const first = problems[0];
  return new AppError("IMPORT_REJECTED", {
    field: first?.field,
    params: {
      count: problems.length,
      first: first ? problemLine(first) : "",
    },
    details: problems.slice(0, 1000),
  });
}

/**
 * Imports a version of the border-zone list, all or nothing. Re-importing the same file for the
 * same date changes nothing; a different file for that date replaces the version's entries.
 */
export async function importZoneList(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  input: ZoneImport,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<ImportReport> {
  if (actor) requirePermission(actor, "reference.manage");
  const { rows, problems } = parseCsvRows(input.csv, zoneRowSchema, ZONE_COLUMNS);
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    if (seen.has(row.kato))
      problems.push({ line: i + 2, field: "kato", reason: duplicateOfLine(seen.get(row.kato) ?? 0) });
    seen.set(row.kato, i + 2);
  });
  if (rows.length === 0 && problems.length === 0)
    problems.push({ line: 1, field: "*", reason: IMPORT_REASONS.noRows });
  if (problems.length > 0) throw rejectRows(problems);
  const now = deps.clock.now();
  const report = await deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    let list = (
      await tx.select().from(zoneLists).where(eq(zoneLists.effectiveFrom, input.effectiveFrom)).limit(1)
    )[0];
    if (!list) {
      [list] = await tx
        .insert(zoneLists)
        .values({
          effectiveFrom: input.effectiveFrom,
          basisKk: input.basisKk,
          basisRu: input.basisRu,
          isDemo: input.isDemo ?? false,
          createdAt: now,
        })
        .returning();
    } else {
      await tx
        .update(zoneLists)
        .set({ basisKk: input.basisKk, basisRu: input.basisRu })
        .where(eq(zoneLists.id, list.id));
    }
    if (!list) throw new Error("zone list insert returned no row");
    const listId = list.id;
    const existing = new Map(
      (await tx.select().from(zoneEntries).where(eq(zoneEntries.listId, listId))).map((e) => [e.kato, e]),
    );
    const report: ImportReport = {
      listId,
      effectiveFrom: input.effectiveFrom,
      rows: rows.length,
      added: 0,
      removed: 0,
      changed: 0,
      unchanged: 0,
    };
    const batch: (typeof zoneEntries.$inferInsert)[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await tx.insert(zoneEntries).values(batch.splice(0));
    };
    for (const [i, row] of rows.entries()) {
      const entry = entryOf(listId, row);
      const old = existing.get(row.kato);
      existing.delete(row.kato);
      if (!old) {
        report.added += 1;
        batch.push(entry);
      } else if (sameEntry(old, entry)) {
        report.unchanged += 1;
      } else {
        report.changed += 1;
        await tx
          .delete(zoneEntries)
          .where(and(eq(zoneEntries.listId, listId), eq(zoneEntries.kato, row.kato)));
        batch.push(entry);
      }
      if (batch.length >= 500) await flush();
      if (i % 500 === 0) onProgress(i, rows.length);
    }
    await flush();
    for (const gone of existing.keys()) {
      await tx.delete(zoneEntries).where(and(eq(zoneEntries.listId, listId), eq(zoneEntries.kato, gone)));
      report.removed += 1;
    }
    onProgress(rows.length, rows.length);
    await appendAudit(tx, now, actor, meta, {
      action: "reference.zone_import",
      objectType: "zone_list",
      objectId: listId,
      details: { ...report, listId: undefined },
    });
    return report;
  });
  forgetZoneEntries(deps.database);
  return report;
}

function entryOf(listId: string, row: ZoneRow): typeof zoneEntries.$inferInsert {
  return {
    listId,
    kato: row.kato,
    kind: row.kind,
    nameKk: row.name_kk,
    nameRu: row.name_ru,
    regionKato: row.region_kato,
    regionKk: row.region_kk,
    regionRu: row.region_ru,
    districtKato: row.district_kato ?? null,
    districtKk: row.district_kk ?? null,
    districtRu: row.district_ru ?? null,
    inStrip: row.in_strip,
    nameFold: foldedWords(`${row.name_kk} ${row.name_ru}`),
  };
}

/** Every word of a text folded to its spelling-blind key, space-separated ("Жаркент қаласы" → "jarkent kalasi"). */
export function foldedWords(text: string): string {
  return (text.match(/[\p{L}\p{M}]+/gu) ?? [])
    .map(foldToken)
    .filter((key) => key !== "")
    .join(" ");
}

/**
 * Folds the names of entries written before the folded column existed (or by hand); answers how
 * many. Runs on start: a list imported since carries its keys already.
 */
export async function ensureZoneNameKeys(deps: Pick<Deps, "database">): Promise<number> {
  return deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    const rows = await tx
      .select({
        listId: zoneEntries.listId,
        kato: zoneEntries.kato,
        nameKk: zoneEntries.nameKk,
        nameRu: zoneEntries.nameRu,
      })
      .from(zoneEntries)
      .where(eq(zoneEntries.nameFold, ""));
    // A name without letters folds to nothing and is left as it is, not counted at every start.
    const keys = rows
      .map((r) => ({ list_id: r.listId, kato: r.kato, fold: foldedWords(`${r.nameKk} ${r.nameRu}`) }))
      .filter((k) => k.fold !== "");
    if (keys.length === 0) return 0;
    await tx.execute(sql`UPDATE zone_entries z SET name_fold = k.fold
      FROM json_to_recordset(${JSON.stringify(keys)}::json) AS k(list_id uuid, kato text, fold text)
      WHERE z.list_id = k.list_id AND z.kato = k.kato`);
    return keys.length;
  });
}

function sameEntry(a: typeof zoneEntries.$inferSelect, b: typeof zoneEntries.$inferInsert): boolean {
  return (
    a.kind === b.kind &&
    a.nameKk === b.nameKk &&
    a.nameRu === b.nameRu &&
    a.regionKato === b.regionKato &&
    a.regionKk === b.regionKk &&
    a.regionRu === b.regionRu &&
    a.districtKato === (b.districtKato ?? null) &&
    a.districtKk === (b.districtKk ?? null) &&
    a.districtRu === (b.districtRu ?? null) &&
    a.inStrip === b.inStrip
  );
}

/** The zone list in force at a date, or undefined when none was yet. */
export async function zoneListAt(tx: Tx, date: string) {
  return (
    await tx
      .select()
      .from(zoneLists)
      .where(lte(zoneLists.effectiveFrom, date))
      .orderBy(desc(zoneLists.effectiveFrom))
      .limit(1)
  )[0];
}

/** Every version of the zone list, newest first. */
export function listZoneVersions(deps: Pick<Deps, "database">) {
  return deps.database.tx({ unitPaths: [] }, (tx) =>
    tx
      .select({
        id: zoneLists.id,
        effectiveFrom: zoneLists.effectiveFrom,
        basisKk: zoneLists.basisKk,
        basisRu: zoneLists.basisRu,
        isDemo: zoneLists.isDemo,
        entries: sql<number>`(SELECT count(*)::int FROM ${zoneEntries} e WHERE e.list_id = ${zoneLists.id})`,
      })
      .from(zoneLists)
      .orderBy(desc(zoneLists.effectiveFrom)),
  );
}

/** Escapes LIKE's wildcards in a searched text. */
function likeText(text: string): string {
  return `%${text.replace(/[%_\\]/g, "\\$&")}%`;
}

/** A name search: the Kazakh or Russian name as typed, or any spelling of it through the folded keys. */
function nameMatches(q: string) {
  const typed = sql`lower(${zoneEntries.nameKk} || ' ' || ${zoneEntries.nameRu}) LIKE ${likeText(q)}`;
  const folded = foldedWords(q);
  return folded === "" ? typed : sql`(${typed} OR ${zoneEntries.nameFold} LIKE ${likeText(folded)})`;
}

/** Searches the list in force at a date by name (kk or ru as typed, or any Latin spelling) or KATO prefix. */
export async function searchZone(
  deps: Pick<Deps, "database">,
  input: { date: string; q?: string | undefined; limit: number; offset?: number },
): Promise<{ effectiveFrom: string | null; items: ZoneEntry[]; total: number }> {
  return deps.database.tx({ unitPaths: [] }, async (tx) => {
    const list = await zoneListAt(tx, input.date);
    if (!list) return { effectiveFrom: null, items: [], total: 0 };
    const q = input.q?.trim().toLowerCase();
    const where = q
      ? and(
          eq(zoneEntries.listId, list.id),
          /^\d+$/.test(q) ? sql`${zoneEntries.kato} LIKE ${`${q}%`}` : nameMatches(q),
        )
      : eq(zoneEntries.listId, list.id);
    const items = await tx
      .select()
      .from(zoneEntries)
      .where(where)
      .orderBy(asc(zoneEntries.regionKato), asc(zoneEntries.nameRu))
      .limit(input.limit)
      .offset(input.offset ?? 0);
    const total = await tx.select({ n: sql<number>`count(*)::int` }).from(zoneEntries).where(where);
    return { effectiveFrom: list.effectiveFrom, items, total: Number(total[0]?.n ?? 0) };
  });
}

/** The zone list in force at a date as CSV (same columns as the import). */
export async function exportZoneList(deps: Pick<Deps, "database">, date: string): Promise<string> {
  const { items } = await searchZone(deps, { date, limit: 1_000_000 });
  return toCsv(
    ZONE_COLUMNS,
    items.map((e) => ({
      kato: e.kato,
      kind: e.kind,
      name_kk: e.nameKk,
      name_ru: e.nameRu,
      region_kato: e.regionKato,
      region_kk: e.regionKk,
      region_ru: e.regionRu,
      district_kato: e.districtKato ?? "",
      district_kk: e.districtKk ?? "",
      district_ru: e.districtRu ?? "",
      in_strip: e.inStrip ? "1" : "0",
    })),
  );
}
