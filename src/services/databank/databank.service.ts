import { type SQL, sql } from "drizzle-orm";
import { rowsOf, type Tx } from "../../adapters/db/index.js";
import { withScansOff } from "../../adapters/db/planner.js";
import { sniffType } from "../../adapters/storage.js";
import type { Agency } from "../../core/access/agencies.js";
import type { BankAudience, BankKind, BankMarking } from "../../core/databank/catalog.js";
import { AppError, invalid, notFound } from "../../core/errors.js";
import { bankDocuments } from "../../db/schema.js";
import { requirePermission, scopeOf } from "../access.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { MAX_FILE_BYTES } from "../reference/regime.service.js";

/** What a search result and a document view show. */
export interface BankDocumentView {
  id: string;
  kind: BankKind;
  title: string;
  excerpt: string;
  language: string;
  reference: string | null;
  docDate: string;
  agency: Agency;
  unitId: string;
  unitNameKk: string | null;
  unitNameRu: string | null;
  unitNameEn: string | null;
  audience: BankAudience;
  marking: BankMarking;
  fileName: string | null;
  fileType: string | null;
  fileSize: number | null;
  isDemo: boolean;
  createdAt: string;
}

/** Search filters (all optional); `q` is free text in Kazakh or Russian, any script or case. */
export interface BankSearch {
  q?: string | undefined;
  kind?: BankKind | undefined;
  agency?: Agency | undefined;
  unitId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  marking?: BankMarking | undefined;
  /** Newest first (the default), or best match first. */
  sort?: "relevance" | "newest" | undefined;
  limit: number;
  offset: number;
}

/**
 * Publishes the actor's agency and clearance for "for official use" material to the row-level
 * security policy of bank_documents, in the transaction's first round trip after the role switch.
 */
async function enterBank(tx: Tx, actor: Actor): Promise<void> {
  await tx.execute(
    sql`SELECT set_config('shekara.agency', coalesce((SELECT agency FROM units WHERE id = ${actor.unitId}::uuid), ''), true),
               set_config('shekara.bank_clearance', ${actor.permissions.has("databank.official_use") ? "on" : "off"}, true)`,
  );
}

// The service repeats what RLS enforces, so a policy slip is caught twice (C-2): marking first.
function markingFilter(actor: Actor): SQL | undefined {
  return actor.permissions.has("databank.official_use") ? undefined : sql`d.marking = 'OPEN'`;
}

const VIEW_COLUMNS = sql`d.id, d.kind, d.title, left(d.body, 400) AS excerpt, d.language, d.reference,
  d.doc_date::text AS "docDate", d.agency, d.unit_id AS "unitId", d.audience, d.marking,
  d.file_name AS "fileName", d.file_type AS "fileType", d.file_size AS "fileSize",
  d.is_demo AS "isDemo", d.created_at AS "createdAt"`;

type RawView = Omit<
  BankDocumentView,
  "isDemo" | "createdAt" | "fileSize" | "unitNameKk" | "unitNameRu" | "unitNameEn"
> & {
  isDemo: number;
  createdAt: string | Date;
  fileSize: string | number | null;
  unitNameKk?: string | null;
  unitNameRu?: string | null;
  unitNameEn?: string | null;
};

function toView(r: RawView): BankDocumentView {
  return {
    ...r,
    unitNameKk: r.unitNameKk ?? null,
    unitNameRu: r.unitNameRu ?? null,
    unitNameEn: r.unitNameEn ?? null,
    fileSize: r.fileSize === null ? null : Number(r.fileSize),
    isDemo: Number(r.isDemo) === 1,
    createdAt: new Date(r.createdAt).toISOString(),
  };
}

/**
 * Full-text search of the data bank (X-15), newest first or best match first.
 * Kazakh and Russian text, folded and stemmed the same way as the stored vector; the results
 * shown are audited (C-3), one entry per search with the ids returned.
 */
export async function searchDocuments(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  search: BankSearch,
  tuning: { dateWalk?: boolean } = {},
): Promise<{ items: BankDocumentView[]; hasMore: boolean }> {
  const me = requirePermission(actor, "databank.read");
  const q = search.q?.trim() ?? "";
  if (search.from && search.to && search.from > search.to)
    throw invalid("to", {
      kk: "кезеңнің басынан ерте болмауы керек",
      ru: "не может быть раньше начала периода",
      en: "must not be before from",
    });
  const conds: SQL[] = [];
  const marking = markingFilter(me);
  if (marking) conds.push(marking);
  if (q) conds.push(sql`d.search_vector @@ q.query`);
  if (search.kind) conds.push(sql`d.kind = ${search.kind}`);
  if (search.agency) conds.push(sql`d.agency = ${search.agency}`);
  if (search.unitId) conds.push(sql`d.unit_id = ${search.unitId}::uuid`);
  if (search.from) conds.push(sql`d.doc_date >= ${search.from}::date`);
  if (search.to) conds.push(sql`d.doc_date <= ${search.to}::date`);
  if (search.marking) conds.push(sql`d.marking = ${search.marking}`);
  const where = conds.length ? sql`WHERE ${sql.join(conds, sql` AND `)}` : sql``;
  const take = search.limit + 1;
  // The page is chosen from bank_documents_visible (the RLS predicate as a view, so the text-search
  // condition can use the GIN index; see migration databank_search_view) on the index columns alone (id, date, rank); the text, file and unit columns
  // are read for that page only, so a query matching many documents never reads their bodies.
  // Newest first by default: a register of instructions and reports is read newest first, and the
  // date order stops after one page while ranking must score every match (docs/DECISIONS.md).
  const byRelevance = q !== "" && search.sort === "relevance";
  const order = byRelevance ? sql`rank DESC, d.doc_date DESC, d.id` : sql`d.doc_date DESC, d.id`;
  const page = q
    ? sql`SELECT d.id, ${byRelevance ? sql`ts_rank(d.search_vector, q.query)` : sql`0`} AS rank
          FROM bank_documents_visible d CROSS JOIN shekara_search_query(${q}) AS q(query) ${where}
          ORDER BY ${order} LIMIT ${take} OFFSET ${search.offset}`
    : sql`SELECT d.id, 0 AS rank FROM bank_documents_visible d ${where}
          ORDER BY ${order} LIMIT ${take} OFFSET ${search.offset}`;
  return deps.database.tx(scopeOf(me), async (tx) => {
    await enterBank(tx, me);
    // Two statements with fixed plans: the page of ids, then those rows by primary key (joined in
    // one statement the planner could pick a plan that reads the whole table on large banks).
    const ids = q
      ? await pageOfMatches(tx, q, where, byRelevance, search.offset, take, page, tuning)
      : rowsOf<{ id: string }>(await tx.execute(page)).map((r) => r.id);
    const found = ids.length
      ? rowsOf<RawView>(
          await tx.execute(sql`SELECT ${VIEW_COLUMNS}, u.name_kk AS "unitNameKk", u.name_ru AS "unitNameRu", u.name_en AS "unitNameEn"
            FROM bank_documents d LEFT JOIN units u ON u.id = d.unit_id
            WHERE d.id = ANY (string_to_array(${ids.join(",")}, ',')::uuid[])`),
        )
      : [];
    const byId = new Map(found.map((r) => [r.id, r]));
    const rows = ids.flatMap((id) => byId.get(id) ?? []);
    const items = rows.slice(0, search.limit).map(toView);
    await appendAudit(tx, deps.clock.now(), me, meta, {
      action: "databank.search",
      objectType: "bank_document",
      details: {
        q,
        filters: {
          kind: search.kind ?? null,
          agency: search.agency ?? null,
          unitId: search.unitId ?? null,
          from: search.from ?? null,
          to: search.to ?? null,
          marking: search.marking ?? null,
        },
        sort: byRelevance ? "relevance" : "newest",
        offset: search.offset,
        shown: items.map((i) => i.id),
      },
    });
    return { items, hasMore: rows.length > search.limit };
  });
}

/**
 * How much dearer one row read in date order is than one match read through the text index: the
 * date walk must load each row's search vector (kept out of line) to test it, while the index
 * pass needs no recheck. Measured at 1M documents (bench `search`); it sets the crossover below.
 */
const DATE_WALK_ROW_COST = 6;

/**
 * The ids of one page of a text search, by a plan chosen from the estimated number of matches
 * (the planner's row estimate from the search vector's statistics) with the costs the planner
 * does not see: newest first either walks the date index and stops after the page — cheap for a
 * common word, whose newest matches are among the newest documents — or collects every match
 * through the text index and orders them — cheap for a rarer one. Best match ranks every match,
 * as it must. Either plan gives the same page; only the time differs.
 */
async function pageOfMatches(
  tx: Tx,
  q: string,
  where: SQL,
  byRelevance: boolean,
  offset: number,
  take: number,
  page: SQL,
  tuning: { dateWalk?: boolean },
): Promise<string[]> {
  let dateWalk = tuning.dateWalk;
  if (dateWalk === undefined && !byRelevance) {
    const explained = rowsOf<{ "QUERY PLAN": unknown }>(
      await tx.execute(sql`EXPLAIN (FORMAT JSON) SELECT d.id FROM bank_documents_visible d
        CROSS JOIN shekara_search_query(${q}) AS q(query) ${where}`),
    );
    const plan = explained[0]?.["QUERY PLAN"];
    const matches = Number(
      (typeof plan === "string" ? JSON.parse(plan) : plan)?.[0]?.Plan?.["Plan Rows"] ?? 0,
    );
    const [size] = rowsOf<{ n: number }>(
      await tx.execute(
        sql`SELECT greatest(reltuples, 1)::float8 AS n FROM pg_class WHERE oid = 'bank_documents'::regclass`,
      ),
    );
    // Rows the date walk reads to find the page vs matches the index pass reads, weighted by cost.
    const walked = ((offset + take) * Number(size?.n ?? 1)) / Math.max(matches, 1);
    dateWalk = walked * DATE_WALK_ROW_COST < matches;
  }
  if (byRelevance) return rowsOf<{ id: string }>(await tx.execute(page)).map((r) => r.id);
  return withScansOff(tx, dateWalk ? ["seqscan", "bitmapscan"] : ["seqscan", "indexscan"], async () =>
    rowsOf<{ id: string }>(await tx.execute(page)).map((r) => r.id),
  );
}

async function visibleDocument(
  tx: Tx,
  actor: Actor,
  id: string,
): Promise<BankDocumentView & { body: string; fileKey: string | null }> {
  await enterBank(tx, actor);
  const marking = markingFilter(actor);
  const rows = rowsOf<RawView & { body: string; fileKey: string | null }>(
    await tx.execute(sql`SELECT ${VIEW_COLUMNS}, d.body, d.file_key AS "fileKey",
        u.name_kk AS "unitNameKk", u.name_ru AS "unitNameRu", u.name_en AS "unitNameEn"
      FROM bank_documents d LEFT JOIN units u ON u.id = d.unit_id
      WHERE d.id = ${id}::uuid ${marking ? sql`AND ${marking}` : sql``}`),
  );
  const row = rows[0];
  // Other units' restricted material answers "not found", like anything the actor may not see.
  if (!row) throw notFound();
  return { ...toView(row), body: row.body, fileKey: row.fileKey };
}

/** Opens one document of the data bank (audited). */
export async function getDocument(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
): Promise<BankDocumentView & { body: string }> {
  const me = requirePermission(actor, "databank.read");
  return deps.database.tx(scopeOf(me), async (tx) => {
    const { fileKey: _k, ...doc } = await visibleDocument(tx, me, id);
    await appendAudit(tx, deps.clock.now(), me, meta, {
      action: "databank.open",
      objectType: "bank_document",
      objectId: id,
      details: { marking: doc.marking },
    });
    return doc;
  });
}

/** Downloads a document's file (audited). */
export async function downloadDocumentFile(
  deps: Pick<Deps, "database" | "clock" | "files">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
): Promise<{ bytes: Buffer; type: string; name: string }> {
  const me = requirePermission(actor, "databank.read");
  const doc = await deps.database.tx(scopeOf(me), async (tx) => {
    const found = await visibleDocument(tx, me, id);
    if (!found.fileKey) throw notFound();
    await appendAudit(tx, deps.clock.now(), me, meta, {
      action: "databank.download",
      objectType: "bank_document",
      objectId: id,
      details: { marking: found.marking, file: found.fileName },
    });
    return found;
  });
  return {
    bytes: await deps.files.get(doc.fileKey as string),
    type: doc.fileType ?? "application/octet-stream",
    name: doc.fileName ?? "document",
  };
}

/** What filing a document takes (the unit is the actor's own). */
export interface FileDocumentInput {
  kind: BankKind;
  title: string;
  body: string;
  language: "kk" | "ru" | "kk+ru";
  reference?: string | undefined;
  docDate: string;
  audience: BankAudience;
  marking: BankMarking;
}

/** The longest text kept for search (a long instruction fits; a book does not). */
export const MAX_BODY_CHARS = 200_000;

/** Recognises a plain UTF-8 text file: valid UTF-8 and no NUL or other binary control bytes. */
export function readPlainText(bytes: Buffer): string | undefined {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    // Binary formats carry control bytes; text has at most tabs and line breaks.
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) return undefined;
    }
    return text.replace(/^\uFEFF/, "");
  } catch {
    return undefined;
  }
}

/**
 * Files a document in the data bank for the actor's unit: PDF, PNG and JPEG are checked by content
 * and stored as they are; a plain-text file is stored and its text indexed. The searchable text is
 * the given body, or the text file's content when the body is empty.
 */
export async function fileDocument(
  deps: Pick<Deps, "database" | "clock" | "files">,
  actor: Actor | null,
  meta: RequestMeta,
  input: FileDocumentInput,
  file?: { name: string; bytes: Buffer },
): Promise<BankDocumentView> {
  const me = requirePermission(actor, "databank.file");
  if (!me.unitId || !me.unitPath) throw new AppError("FORBIDDEN");
  if (input.marking === "OFFICIAL_USE" && !me.permissions.has("databank.official_use")) {
    throw invalid("marking", {
      kk: "«Қызмет бабында пайдалану үшін» белгісімен құжат тіркеуге рұқсатыңыз жоқ",
      ru: "у вас нет допуска к материалам с пометкой «Для служебного пользования»",
      en: "you are not cleared for material marked 'for official use'",
    });
  }
  let body = input.body.trim();
  let stored: { key: string; name: string; type: string; size: number } | undefined;
  if (file) {
    if (file.bytes.length === 0)
      throw invalid("file", {
        kk: "файл бос",
        ru: "файл пуст",
        en: "the file is empty",
      });
    if (file.bytes.length > MAX_FILE_BYTES)
      throw new AppError("BODY_TOO_LARGE", { params: { limit: MAX_FILE_BYTES } });
    const sniffed = sniffType(file.bytes);
    const text = sniffed ? undefined : readPlainText(file.bytes);
    if (!sniffed && text === undefined) {
      throw invalid("file", {
        kk: "тек PDF, PNG, JPEG немесе UTF-8 мәтін файлдары қабылданады",
        ru: "принимаются только файлы PDF, PNG, JPEG или текст UTF-8",
        en: "only PDF, PNG, JPEG or UTF-8 text files are accepted",
      });
    }
    if (!body && text) body = text.trim();
    stored = {
      key: await deps.files.put(file.bytes),
      name: file.name.slice(0, 200) || "document",
      type: sniffed ?? "text/plain; charset=utf-8",
      size: file.bytes.length,
    };
  }
  if (!body) {
    throw invalid("body", {
      kk: "іздеу үшін құжат мәтінін немесе аннотациясын енгізіңіз (немесе мәтін файлын жүктеңіз)",
      ru: "для поиска введите текст или аннотацию документа (или загрузите текстовый файл)",
      en: "enter the document's text or abstract for search (or upload a text file)",
    });
  }
  if (body.length > MAX_BODY_CHARS)
    throw invalid("body", {
      kk: `ең көбі ${MAX_BODY_CHARS} таңба`,
      ru: `не более ${MAX_BODY_CHARS} символов`,
      en: `at most ${MAX_BODY_CHARS} characters`,
    });
  const now = deps.clock.now();
  const id = await deps.database.tx(scopeOf(me), async (tx) => {
    await enterBank(tx, me);
    const unit = rowsOf<{ agency: string }>(
      await tx.execute(sql`SELECT agency FROM units WHERE id = ${me.unitId}::uuid`),
    )[0];
    if (!unit) throw new AppError("FORBIDDEN");
    const [row] = await tx
      .insert(bankDocuments)
      .values({
        kind: input.kind,
        title: input.title.trim(),
        body,
        language: input.language,
        reference: input.reference?.trim() || null,
        docDate: input.docDate,
        agency: unit.agency,
        unitId: me.unitId as string,
        unitPath: me.unitPath as string,
        audience: input.audience,
        marking: input.marking,
        fileKey: stored?.key ?? null,
        fileName: stored?.name ?? null,
        fileType: stored?.type ?? null,
        fileSize: stored?.size ?? null,
        createdBy: me.userId,
        createdAt: now,
      })
      .returning({ id: bankDocuments.id });
    if (!row) throw new Error("insert returned no row");
    await appendAudit(tx, now, me, meta, {
      action: "databank.file",
      objectType: "bank_document",
      objectId: row.id,
      details: {
        kind: input.kind,
        audience: input.audience,
        marking: input.marking,
        file: stored?.type ?? null,
      },
    });
    return row.id;
  });
  return deps.database.tx(scopeOf(me), async (tx) => {
    const { fileKey: _k, body: _b, ...view } = await visibleDocument(tx, me, id);
    return view;
  });
}

/** The units that may own bank documents (the three checkpoint agencies), for the unit filter. */
export async function listBankUnits(
  deps: Pick<Deps, "database">,
  actor: Actor | null,
): Promise<{ id: string; agency: string; nameKk: string; nameRu: string; nameEn: string | null }[]> {
  requirePermission(actor, "databank.read");
  return deps.database.tx({ unitPaths: [] }, async (tx) =>
    rowsOf(
      await tx.execute(sql`SELECT id, agency, name_kk AS "nameKk", name_ru AS "nameRu", name_en AS "nameEn"
        FROM units WHERE agency IN ('IAB', 'NSC', 'CUSTOMS') ORDER BY agency, path`),
    ),
  );
}
