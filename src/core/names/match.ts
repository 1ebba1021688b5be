/**
 * Scoring a candidate pair: is this record the same person as the applicant? The score is a
 * logistic of summed evidence in the manner of Fellegi–Sunter record linkage: each matched name
 * token, the birth date, the IIN and the document number add or subtract log-odds, so that strong
 * evidence in one field (an equal IIN, a birth year ten years off) outweighs weak evidence in
 * another. The score only ranks candidates for an officer; it never decides (Z-18).
 */
import { normalizeDocumentNumber, normalizeIin, phoneticKey } from "./keys.js";
import { type NameToken, parseName, type TokenRole } from "./parse.js";

/** A person as screening sees them: one or more spellings of the full name and what else is known. */
export interface PersonInput {
  /** One or more spellings of the full name, any order and script. */
  names: string[];
  /** "YYYY-MM-DD" or just "YYYY" (records often hold only the year). */
  birthDate?: string;
  iin?: string;
  documentNumber?: string;
}

/** Score at or above which a candidate is shown to the officer as a possible hit. */
export const DEFAULT_THRESHOLD = 0.5;

/** How two name tokens were found to agree. */
export type TokenMatchKind =
  | "exact"
  | "translit"
  | "phonetic"
  | "similar"
  | "surname_stem"
  | "father_name"
  | "different";

/** One compared pair of name tokens. */
export interface TokenComparison {
  a: string;
  b: string;
  roleA: TokenRole;
  roleB: TokenRole;
  /** 0..1 string similarity after folding. */
  similarity: number;
  kind: TokenMatchKind;
  /** Log-odds this pair contributes. */
  weight: number;
}

/** Agreement of birth dates. */
export type BirthAgreement =
  | "date_equal"
  | "day_month_swapped"
  | "same_year_one_part_differs"
  | "same_year_other_date"
  | "year_equal"
  | "year_off_by_one"
  | "conflict"
  | "unknown";

/** Agreement of an identifier (IIN or document number). */
export type IdAgreement = "equal" | "conflict" | "unknown";

/** The evidence behind a score, field by field. */
export interface ScoreParts {
  name: {
    spellingA: string;
    spellingB: string;
    comparisons: TokenComparison[];
    unmatchedA: string[];
    unmatchedB: string[];
    evidence: number;
  };
  birth: { a?: string; b?: string; agreement: BirthAgreement; evidence: number };
  iin: { agreement: IdAgreement; evidence: number };
  document: { agreement: IdAgreement; evidence: number };
  /** Sum of the evidence minus the prior; the score is its logistic. */
  logOdds: number;
}

/** One line of the explanation, in the three interface languages. */
export interface ExplanationLine {
  code: string;
  kk: string;
  ru: string;
  en: string;
}

/** A scored pair. */
export interface ScoreResult {
  /** 0..1; compare with DEFAULT_THRESHOLD. */
  score: number;
  explanation: ExplanationLine[];
  parts: ScoreParts;
}

// ---------------------------------------------------------------------------------------------
// String similarity

/** Jaro similarity of two strings (0..1). */
function jaro(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const matchedA = new Array<boolean>(a.length).fill(false);
  const matchedB = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i += 1) {
    const from = Math.max(0, i - window);
    const to = Math.min(b.length - 1, i + window);
    for (let j = from; j <= to; j += 1) {
      if (!matchedB[j] && a[i] === b[j]) {
        matchedA[i] = true;
        matchedB[j] = true;
        matches += 1;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i += 1) {
    if (!matchedA[i]) continue;
    while (!matchedB[k]) k += 1;
    if (a[i] !== b[k]) transpositions += 1;
    k += 1;
  }
  const t = transpositions / 2;
  return (matches / a.length + matches / b.length + (matches - t) / matches) / 3;
}

/** Jaro–Winkler similarity, computed both ways round so that it is exactly symmetric. */
export function jaroWinkler(a: string, b: string): number {
  const one = (x: string, y: string): number => {
    const j = jaro(x, y);
    let prefix = 0;
    while (prefix < 4 && prefix < x.length && prefix < y.length && x[prefix] === y[prefix]) prefix += 1;
    return j + prefix * 0.1 * (1 - j);
  };
  return Math.max(one(a, b), one(b, a));
}

/** Similarity of two folded keys: equal keys 1, equal phonetic keys 0.97, else Jaro–Winkler. */
export function keySimilarity(x: string, y: string): { similarity: number; kind: TokenMatchKind } {
  if (x === y) return { similarity: 1, kind: "translit" };
  const px = phoneticKey(x);
  const py = phoneticKey(y);
  if (px === py) return { similarity: 0.97, kind: "phonetic" };
  const similarity = Math.max(jaroWinkler(x, y), jaroWinkler(px, py));
  return { similarity, kind: similarity >= 0.9 ? "similar" : "different" };
}

/** Best similarity over all pairs of keys. */
function bestOf(xs: readonly string[], ys: readonly string[]): { similarity: number; kind: TokenMatchKind } {
  let best: { similarity: number; kind: TokenMatchKind } = { similarity: 0, kind: "different" };
  for (const x of xs) {
    for (const y of ys) {
      const result = keySimilarity(x, y);
      if (result.similarity > best.similarity) best = result;
    }
  }
  return best;
}

/** Discount for a patronymic compared with a suffixed surname (Әбішұлы vs Абишев): likely, not sure. */
const PATRONYMIC_SURNAME_FACTOR = 0.97;
/** Discount for a patronymic compared with a plain word (a surname taken from the father's name). */
const PATRONYMIC_PLAIN_FACTOR = 0.9;
/** A surname without -ов must agree almost exactly with the bare word (Ахметов = Ахмет). */
const STEM_TO_PLAIN_MIN = 0.95;

function normalizedRaw(raw: string): string {
  return raw
    .normalize("NFC")
    .toLowerCase()
    .replace(/['’ʼ`]/g, "");
}

/** Compares two tokens, aware of patronymics and surname endings; symmetric. */
export function compareTokens(a: NameToken, b: NameToken): { similarity: number; kind: TokenMatchKind } {
  // A token is a function of its raw word and parsed tokens are shared objects (classifyToken
  // remembers them), so the pair's answer is remembered by the two token objects.
  const hit = pairCache.get(a)?.get(b);
  if (hit) return hit;
  // Bounded: when full it starts over, and the pairs in use come straight back.
  if (pairCount >= PAIR_CACHE_LIMIT) {
    pairCache.clear();
    pairCount = 0;
  }
  let row = pairCache.get(a);
  if (!row) {
    row = new Map();
    pairCache.set(a, row);
  }
  const value = compareTokensOnce(a, b);
  row.set(b, value);
  pairCount += 1;
  return value;
}

const pairCache = new Map<NameToken, Map<NameToken, { similarity: number; kind: TokenMatchKind }>>();
const PAIR_CACHE_LIMIT = 500_000;
let pairCount = 0;

function compareTokensOnce(a: NameToken, b: NameToken): { similarity: number; kind: TokenMatchKind } {
  if (normalizedRaw(a.raw) === normalizedRaw(b.raw)) return { similarity: 1, kind: "exact" };
  const patA = a.role === "patronymic";
  const patB = b.role === "patronymic";
  if (patA && patB) {
    const best = bestOf(a.stems, b.stems);
    return best.similarity >= 0.9 ? { ...best, kind: "father_name" } : best;
  }
  if (patA || patB) {
    const pat = patA ? a : b;
    const other = patA ? b : a;
    const factor = other.role === "surname" ? PATRONYMIC_SURNAME_FACTOR : PATRONYMIC_PLAIN_FACTOR;
    const keys = other.role === "surname" ? other.stems : [other.key];
    const best = bestOf(pat.stems, keys);
    const similarity = best.similarity * factor;
    return { similarity, kind: similarity >= 0.9 ? "father_name" : "different" };
  }
  let best = keySimilarity(a.key, b.key);
  if (a.stems.length > 0 && b.stems.length > 0) {
    const stems = bestOf(a.stems, b.stems);
    if (stems.similarity > best.similarity) best = { ...stems, kind: "surname_stem" };
  } else if (a.stems.length > 0 || b.stems.length > 0) {
    const stemmed = a.stems.length > 0 ? a : b;
    const plain = a.stems.length > 0 ? b : a;
    const stems = bestOf(stemmed.stems, [plain.key]);
    if (stems.similarity >= STEM_TO_PLAIN_MIN && stems.similarity > best.similarity) {
      best = { ...stems, kind: "surname_stem" };
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Evidence

/**
 * Log-odds of a token pair by its similarity, piecewise linear. Transliteration variants of one
 * name fold to equal or phonetically equal keys (≥ 0.97); distinct names one letter apart
 * (Марат/Мурат, Серік/Берік) sit around 0.87–0.93, so the curve crosses zero at 0.9.
 */
const TOKEN_CURVE: ReadonlyArray<readonly [number, number]> = [
  [0, -5],
  [0.7, -5],
  [0.8, -4],
  [0.86, -2.5],
  [0.9, -0.5],
  [0.93, 1],
  [0.96, 2.2],
  [0.99, 3],
  [1, 3],
];

/** Piecewise-linear interpolation on TOKEN_CURVE. */
export function tokenWeight(similarity: number): number {
  for (let i = 1; i < TOKEN_CURVE.length; i += 1) {
    const [x1, y1] = TOKEN_CURVE[i] ?? [1, 3];
    const [x0, y0] = TOKEN_CURVE[i - 1] ?? [0, -5];
    if (similarity <= x1) return y0 + ((similarity - x0) / (x1 - x0 || 1)) * (y1 - y0);
  }
  return 3;
}

/** Cost of a token left without partner: a missing patronymic is common, a missing name less so. */
const UNMATCHED_NAME = -2;
const UNMATCHED_PATRONYMIC_WHEN_OTHER_HAS_ONE = -2;
/** Name evidence is capped: four equal common tokens are not much stronger than three. */
const NAME_EVIDENCE_CAP = 9;
/** Prior log-odds against a match before any evidence. */
const PRIOR = -4;

interface Assignment {
  total: number;
  pairs: Array<[number, number]>;
}

/** Sums in a fixed order so that the result does not depend on which side came first. */
function stableSum(values: readonly number[]): number {
  // Ascending insertion sort of a copy (a handful of values; cheaper than Array.prototype.sort).
  const sorted = values.slice();
  for (let i = 1; i < sorted.length; i += 1) {
    const value = sorted[i] ?? 0;
    let j = i - 1;
    while (j >= 0 && (sorted[j] ?? 0) > value) {
      sorted[j + 1] = sorted[j] ?? 0;
      j -= 1;
    }
    sorted[j + 1] = value;
  }
  let sum = 0;
  for (const value of sorted) sum += value;
  return sum;
}

/** Best partial one-to-one assignment of tokens (exhaustive: names have at most six tokens). */
function bestAssignment(weights: number[][], unmatchedA: number[], unmatchedB: number[]): Assignment {
  const n = unmatchedA.length;
  const m = unmatchedB.length;
  const usedB = new Array<boolean>(m).fill(false);
  const usedA = new Array<boolean>(n).fill(false);
  let best: Assignment = { total: Number.NEGATIVE_INFINITY, pairs: [] };
  const current: Array<[number, number]> = [];
  const recurse = (i: number): void => {
    if (i === n) {
      const values: number[] = [];
      for (const [x, y] of current) values.push(weights[x]?.[y] ?? 0);
      for (let x = 0; x < n; x += 1) if (!usedA[x]) values.push(unmatchedA[x] ?? 0);
      for (let y = 0; y < m; y += 1) if (!usedB[y]) values.push(unmatchedB[y] ?? 0);
      const total = stableSum(values);
      if (total > best.total) best = { total, pairs: [...current] };
      return;
    }
    for (let y = 0; y < m; y += 1) {
      if (usedB[y]) continue;
      usedB[y] = true;
      usedA[i] = true;
      current.push([i, y]);
      recurse(i + 1);
      current.pop();
      usedA[i] = false;
      usedB[y] = false;
    }
    recurse(i + 1);
  };
  recurse(0);
  return best;
}

/** Compares two spellings token by token, in any order. */
function compareSpellings(spellingA: string, spellingB: string): ScoreParts["name"] {
  const tokensA = parseName(spellingA);
  const tokensB = parseName(spellingB);
  const hasPatA = tokensA.some((t) => t.role === "patronymic");
  const hasPatB = tokensB.some((t) => t.role === "patronymic");
  const compared = tokensA.map((a) => tokensB.map((b) => compareTokens(a, b)));
  const weights = compared.map((row) => row.map((c) => tokenWeight(c.similarity)));
  const missing = (token: NameToken, otherHasPatronymic: boolean): number => {
    if (token.role !== "patronymic") return UNMATCHED_NAME;
    return otherHasPatronymic ? UNMATCHED_PATRONYMIC_WHEN_OTHER_HAS_ONE : 0;
  };
  const unmatchedCostA = tokensA.map((t) => missing(t, hasPatB));
  const unmatchedCostB = tokensB.map((t) => missing(t, hasPatA));
  const assignment =
    tokensA.length === 0 || tokensB.length === 0
      ? { total: -6, pairs: [] }
      : bestAssignment(weights, unmatchedCostA, unmatchedCostB);
  const comparisons: TokenComparison[] = assignment.pairs.map(([i, j]) => {
    const a = tokensA[i];
    const b = tokensB[j];
    const c = compared[i]?.[j];
    return {
      a: a?.raw ?? "",
      b: b?.raw ?? "",
      roleA: a?.role ?? "name",
      roleB: b?.role ?? "name",
      similarity: round(c?.similarity ?? 0, 4),
      kind: c?.kind ?? "different",
      weight: round(weights[i]?.[j] ?? 0, 4),
    };
  });
  const matchedA = new Set(assignment.pairs.map(([i]) => i));
  const matchedB = new Set(assignment.pairs.map(([, j]) => j));
  return {
    spellingA,
    spellingB,
    comparisons,
    unmatchedA: tokensA.filter((_, i) => !matchedA.has(i)).map((t) => t.raw),
    unmatchedB: tokensB.filter((_, j) => !matchedB.has(j)).map((t) => t.raw),
    evidence: Math.min(NAME_EVIDENCE_CAP, assignment.total),
  };
}

interface ParsedDate {
  year: number;
  month?: number;
  day?: number;
}

/** Reads "YYYY", "YYYY-MM-DD" or "DD.MM.YYYY"; anything else is unknown. */
function parseBirth(value: string | undefined): ParsedDate | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const iso = /^(\d{4})(?:-(\d{2})-(\d{2}))?$/.exec(text);
  if (iso) {
    const year = Number(iso[1]);
    if (iso[2] === undefined || iso[3] === undefined) return { year };
    return { year, month: Number(iso[2]), day: Number(iso[3]) };
  }
  const dotted = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text);
  if (dotted) return { year: Number(dotted[3]), month: Number(dotted[2]), day: Number(dotted[1]) };
  return undefined;
}

/** True when the IIN's control digit is right (the two-pass mod-11 scheme). */
export function isValidIin(iin: string): boolean {
  if (!/^\d{12}$/.test(iin)) return false;
  const digits = [...iin].map(Number);
  const check = (weights: number[]): number =>
    weights.reduce((sum, weight, i) => sum + weight * (digits[i] ?? 0), 0) % 11;
  let control = check([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  if (control === 10) control = check([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
  return control !== 10 && control === digits[11];
}

/** Birth date encoded in a valid IIN (YYMMDD and a century digit), as "YYYY-MM-DD". */
export function birthDateFromIin(iin: string | undefined): string | undefined {
  const digits = normalizeIin(iin);
  if (!digits || !isValidIin(digits)) return undefined;
  const centuryDigit = Number(digits[6]);
  const century = centuryDigit <= 2 ? 1800 : centuryDigit <= 4 ? 1900 : centuryDigit <= 6 ? 2000 : undefined;
  if (century === undefined || centuryDigit === 0) return undefined;
  const year = century + Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${year}-${digits.slice(2, 4)}-${digits.slice(4, 6)}`;
}

/** Log-odds of the birth-date agreement. */
const BIRTH_EVIDENCE: Readonly<Record<BirthAgreement, number>> = {
  date_equal: 3,
  day_month_swapped: 1,
  same_year_one_part_differs: -1,
  same_year_other_date: -2.5,
  year_equal: 1.5,
  year_off_by_one: -1.5,
  conflict: -8,
  unknown: 0,
};

/** Classifies how two birth dates agree; symmetric. */
function compareBirth(a: ParsedDate | undefined, b: ParsedDate | undefined): BirthAgreement {
  if (!a || !b) return "unknown";
  const gap = Math.abs(a.year - b.year);
  if (gap >= 2) return "conflict";
  if (gap === 1) return "year_off_by_one";
  if (a.month === undefined || b.month === undefined || a.day === undefined || b.day === undefined) {
    return "year_equal";
  }
  if (a.month === b.month && a.day === b.day) return "date_equal";
  if (a.month === b.day && a.day === b.month) return "day_month_swapped";
  if (a.month === b.month || a.day === b.day) return "same_year_one_part_differs";
  return "same_year_other_date";
}

/** Rounds to a fixed number of decimals. */
function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

// ---------------------------------------------------------------------------------------------
// Explanation

const ROLE_WORDS: Readonly<Record<TokenRole, { kk: string; ru: string; en: string }>> = {
  name: { kk: "аты", ru: "имя", en: "name" },
  surname: { kk: "тегі", ru: "фамилия", en: "surname" },
  patronymic: { kk: "әкесінің аты", ru: "отчество", en: "patronymic" },
};

const KIND_WORDS: Readonly<Record<TokenMatchKind, { kk: string; ru: string; en: string }>> = {
  exact: { kk: "бірдей жазылған", ru: "совпадает", en: "written the same" },
  translit: { kk: "транслитерация", ru: "транслитерация", en: "transliteration" },
  phonetic: { kk: "дыбысталуы ұқсас", ru: "созвучно", en: "sounds alike" },
  similar: { kk: "жазылуы ұқсас", ru: "похожее написание", en: "similar spelling" },
  surname_stem: { kk: "тегінің түбірі бірдей", ru: "та же основа фамилии", en: "same surname root" },
  father_name: { kk: "әкесінің аты бірдей", ru: "то же имя отца", en: "same father's name" },
  different: { kk: "сәйкес емес", ru: "не совпадает", en: "different" },
};

const BIRTH_WORDS: Readonly<Record<BirthAgreement, { kk: string; ru: string; en: string }>> = {
  date_equal: { kk: "туған күні бірдей", ru: "дата рождения совпадает", en: "birth date equal" },
  day_month_swapped: {
    kk: "туған жылы бірдей, күні мен айы ауысқан",
    ru: "год рождения совпадает, день и месяц переставлены",
    en: "birth year equal, day and month swapped",
  },
  same_year_one_part_differs: {
    kk: "туған жылы бірдей, күні немесе айы басқа",
    ru: "год рождения совпадает, день или месяц другой",
    en: "birth year equal, day or month differs",
  },
  same_year_other_date: {
    kk: "туған жылы бірдей, күні басқа",
    ru: "год рождения совпадает, дата другая",
    en: "birth year equal, different date",
  },
  year_equal: { kk: "туған жылы бірдей", ru: "год рождения совпадает", en: "birth year equal" },
  year_off_by_one: {
    kk: "туған жылы бір жылға өзгеше",
    ru: "год рождения отличается на один",
    en: "birth year differs by one",
  },
  conflict: { kk: "туған жылы сәйкес емес", ru: "год рождения не совпадает", en: "birth years conflict" },
  unknown: { kk: "туған күні белгісіз", ru: "дата рождения неизвестна", en: "birth date unknown" },
};

/** Builds the explanation lines of a score, strongest evidence first. */
function explain(parts: ScoreParts): ExplanationLine[] {
  const lines: Array<ExplanationLine & { weight: number }> = [];
  if (parts.iin.agreement === "equal") {
    lines.push({ code: "iin_equal", kk: "ЖСН бірдей", ru: "ИИН совпадает", en: "IIN equal", weight: 100 });
  } else if (parts.iin.agreement === "conflict") {
    lines.push({
      code: "iin_conflict",
      kk: "ЖСН әртүрлі",
      ru: "ИИН различаются",
      en: "IINs differ",
      weight: 99,
    });
  }
  if (parts.document.agreement === "equal") {
    lines.push({
      code: "document_equal",
      kk: "құжат нөмірі бірдей",
      ru: "номер документа совпадает",
      en: "document number equal",
      weight: 50,
    });
  }
  for (const c of parts.name.comparisons) {
    const role = ROLE_WORDS[c.roleA === c.roleB ? c.roleA : c.roleA === "name" ? c.roleB : c.roleA];
    const how = KIND_WORDS[c.kind];
    const sign = c.weight > 0 ? (c.kind === "exact" || c.kind === "translit" ? "=" : "≈") : "≠";
    lines.push({
      code: c.weight > 0 ? `name_${c.kind}` : "name_differs",
      kk: `${role.kk} «${c.a}» ${sign} «${c.b}» (${how.kk})`,
      ru: `${role.ru} «${c.a}» ${sign} «${c.b}» (${how.ru})`,
      en: `${role.en} «${c.a}» ${sign} «${c.b}» (${how.en})`,
      weight: Math.abs(c.weight),
    });
  }
  const birth = BIRTH_WORDS[parts.birth.agreement];
  if (parts.birth.agreement !== "unknown") {
    const detail = parts.birth.agreement === "date_equal" ? "" : ` (${parts.birth.a} / ${parts.birth.b})`;
    lines.push({
      code: `birth_${parts.birth.agreement}`,
      kk: birth.kk + detail,
      ru: birth.ru + detail,
      en: birth.en + detail,
      weight: Math.abs(parts.birth.evidence),
    });
  }
  return lines.sort((x, y) => y.weight - x.weight).map(({ weight: _weight, ...line }) => line);
}

// ---------------------------------------------------------------------------------------------
// Scoring

/** Evidence an equal IIN adds: an IIN names one person for life. */
const IIN_EQUAL = 12;
/** Evidence conflicting IINs subtract: two valid IINs mean two people unless one was mistyped. */
const IIN_CONFLICT = -10;
/** Evidence an equal document number adds; different numbers prove little (people renew documents). */
const DOCUMENT_EQUAL = 6;
const DOCUMENT_CONFLICT = -0.5;

/** Scores whether two person descriptions are the same person; symmetric in its arguments. */
export function scorePair(a: PersonInput, b: PersonInput): ScoreResult {
  const { score, parts } = scoreParts(a, b);
  return { score, explanation: explain(parts), parts };
}

/** The explanation lines of a score's parts (for callers that explain only the pairs they keep). */
export function explainScore(parts: ScoreParts): ExplanationLine[] {
  return explain(parts);
}

/** scorePair without the explanation: what a screening pass needs for every candidate it rejects. */
export function scoreParts(a: PersonInput, b: PersonInput): Omit<ScoreResult, "explanation"> {
  let name: ScoreParts["name"] | undefined;
  const namesA = a.names.length > 0 ? a.names : [""];
  const namesB = b.names.length > 0 ? b.names : [""];
  for (const spellingA of namesA) {
    for (const spellingB of namesB) {
      const compared = compareSpellings(spellingA, spellingB);
      if (!name || compared.evidence > name.evidence) name = compared;
    }
  }
  const nameParts = name ?? compareSpellings("", "");

  const iinA = normalizeIin(a.iin);
  const iinB = normalizeIin(b.iin);
  const iinAgreement: IdAgreement = !iinA || !iinB ? "unknown" : iinA === iinB ? "equal" : "conflict";
  const iinEvidence = iinAgreement === "equal" ? IIN_EQUAL : iinAgreement === "conflict" ? IIN_CONFLICT : 0;

  const docA = normalizeDocumentNumber(a.documentNumber);
  const docB = normalizeDocumentNumber(b.documentNumber);
  const docAgreement: IdAgreement = !docA || !docB ? "unknown" : docA === docB ? "equal" : "conflict";
  const docEvidence =
    docAgreement === "equal" ? DOCUMENT_EQUAL : docAgreement === "conflict" ? DOCUMENT_CONFLICT : 0;

  // A record without a birth date but with a valid IIN still carries the date inside the IIN.
  const birthA = a.birthDate ?? birthDateFromIin(a.iin);
  const birthB = b.birthDate ?? birthDateFromIin(b.iin);
  const birthAgreement = compareBirth(parseBirth(birthA), parseBirth(birthB));
  const birthEvidence = BIRTH_EVIDENCE[birthAgreement];

  const logOdds = stableSum([nameParts.evidence, birthEvidence, iinEvidence, docEvidence, PRIOR]);
  const parts: ScoreParts = {
    name: nameParts,
    birth: {
      agreement: birthAgreement,
      evidence: birthEvidence,
      ...(birthA ? { a: birthA } : {}),
      ...(birthB ? { b: birthB } : {}),
    },
    iin: { agreement: iinAgreement, evidence: iinEvidence },
    document: { agreement: docAgreement, evidence: docEvidence },
    logOdds: round(logOdds, 6),
  };
  return { score: round(1 / (1 + Math.exp(-logOdds)), 6), parts };
}

/** True when the pair scores at or above the threshold (default DEFAULT_THRESHOLD). */
export function isCandidate(a: PersonInput, b: PersonInput, threshold = DEFAULT_THRESHOLD): boolean {
  return scorePair(a, b).score >= threshold;
}
