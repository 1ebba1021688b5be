import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { rowsOf, type Tx } from "../../adapters/db/index.js";

/** An explanation in the three interface languages. */
interface Translated {
  kk: string;
  ru: string;
  en: string;
}

/** An explanation text to store once, with its content id. */
export interface ExplanationText extends Translated {
  id: string;
}

/**
 * Ids of explanations met lately, by their Kazakh text: the rules compose a few dozen texts, and
 * each case hashed its own again. Keyed by the texts themselves rather than their concatenation,
 * which would be copied and hashed whole on every lookup.
 */
const recentIds = new Map<string, { ru: string; en: string; id: string }[]>();
const RECENT_IDS_MAX = 1024;
let remembered = 0;

/**
 * Ids by explanation object: the engine gives the same object for the same explanation, so most
 * lookups end here, without comparing kilobytes of text.
 */
const idsByObject = new WeakMap<Translated, string>();

/** The content id of an explanation: SHA-256 of its three texts. */
function idOf(text: Translated): string {
  const same = idsByObject.get(text);
  if (same !== undefined) return same;
  const id = idOfText(text);
  idsByObject.set(text, id);
  return id;
}

/** The content id of an explanation's texts, from the recent ones or hashed. */
function idOfText(text: Translated): string {
  const known = recentIds.get(text.kk);
  const hit = known?.find((k) => k.ru === text.ru && k.en === text.en);
  if (hit) return hit.id;
  const id = createHash("sha256").update(`${text.kk}\u0000${text.ru}\u0000${text.en}`).digest("hex");
  // Bounded: texts with free input in them (none today) must not grow the map without end.
  if (remembered >= RECENT_IDS_MAX) {
    recentIds.clear();
    remembered = 0;
  }
  const entry = { ru: text.ru, en: text.en, id };
  const list = recentIds.get(text.kk);
  if (list) list.push(entry);
  else recentIds.set(text.kk, [entry]);
  remembered += 1;
  return id;
}

function isTranslated(value: unknown): value is Translated {
  const v = value as Partial<Translated> | null;
  return typeof v?.kk === "string" && typeof v.ru === "string" && typeof v.en === "string";
}

/**
 * An eligibility answer as a case stores it: each explanation (the answer's and its fallback's)
 * replaced by the id of its stored text. Answers the stored form and the texts to store.
 */
export function compactEligibility(answer: object): {
  stored: Record<string, unknown>;
  texts: ExplanationText[];
} {
  const texts: ExplanationText[] = [];
  const compact = (part: Record<string, unknown>): Record<string, unknown> => {
    const { explanation, fallback, ...rest } = part;
    const out: Record<string, unknown> = { ...rest };
    if (isTranslated(explanation)) {
      const text = { id: idOf(explanation), kk: explanation.kk, ru: explanation.ru, en: explanation.en };
      texts.push(text);
      out.explanationId = text.id;
    } else if (explanation !== undefined) out.explanation = explanation;
    if (fallback && typeof fallback === "object") out.fallback = compact(fallback as Record<string, unknown>);
    return out;
  };
  return { stored: compact(answer as Record<string, unknown>), texts };
}

const TEXTS_INSERT_HEAD =
  "INSERT INTO eligibility_texts (id, kk, ru, en) SELECT t.id, t.kk, t.ru, t.en FROM json_to_recordset(";
const TEXTS_INSERT_TAIL = "::json) AS t(id text, kk text, ru text, en text) ON CONFLICT (id) DO NOTHING";

/** The INSERT of explanation texts not stored yet, given as a JSON array in parameter `param` (e.g. "$1"). */
export function explanationsInsert(param: string): string {
  return TEXTS_INSERT_HEAD + param + TEXTS_INSERT_TAIL;
}

/** Explanation texts once each, as the JSON rows `explanationsInsert` reads. */
export function distinctTexts(texts: readonly ExplanationText[]): ExplanationText[] {
  return [...new Map(texts.map((t) => [t.id, t])).values()];
}

/** Stores explanation texts not stored yet, in the caller's transaction (one statement). */
export async function saveExplanations(tx: Tx, texts: readonly ExplanationText[]): Promise<void> {
  if (texts.length === 0) return;
  const rows = JSON.stringify(distinctTexts(texts));
  await tx.execute(sql`${sql.raw(TEXTS_INSERT_HEAD)}${rows}${sql.raw(TEXTS_INSERT_TAIL)}`);
}

/** A stored eligibility answer with its explanations put back (answers stored whole pass unchanged). */
export async function withExplanations(tx: Tx, stored: unknown): Promise<unknown> {
  if (!stored || typeof stored !== "object") return stored;
  const ids: string[] = [];
  const collect = (part: Record<string, unknown>) => {
    if (typeof part.explanationId === "string") ids.push(part.explanationId);
    if (part.fallback && typeof part.fallback === "object") collect(part.fallback as Record<string, unknown>);
  };
  collect(stored as Record<string, unknown>);
  if (ids.length === 0) return stored;
  const rows = rowsOf<ExplanationText>(
    await tx.execute(
      sql`SELECT id, kk, ru, en FROM eligibility_texts WHERE id = ANY(${sql.param(ids)}::text[])`,
    ),
  );
  const byId = new Map(rows.map((r) => [r.id, { kk: r.kk, ru: r.ru, en: r.en }]));
  const inflate = (part: Record<string, unknown>): Record<string, unknown> => {
    const { explanationId, fallback, ...rest } = part;
    const out: Record<string, unknown> = { ...rest };
    const text = typeof explanationId === "string" ? byId.get(explanationId) : undefined;
    if (text) out.explanation = text;
    else if (explanationId !== undefined) out.explanationId = explanationId;
    if (fallback && typeof fallback === "object") out.fallback = inflate(fallback as Record<string, unknown>);
    return out;
  };
  return inflate(stored as Record<string, unknown>);
}
