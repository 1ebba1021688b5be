/**
 * Scoring a candidate pair: is this record the same person as the applicant? The score is a
 * logistic of summed evidence in the manner of Fellegi–Sunter record linkage: each matched name
 * token, the birth date, the IIN and the document number add or subtract log-odds, so that strong
 * evidence in one field (an equal IIN, a birth year ten years off) outweighs weak evidence in
 * another. The score only ranks candidates for an officer; it never decides (Z-18).
 */
import { normalizeDocumentNumber, normalizeIin, phoneticKey } from "./keys.js";
import { type NameToken, splitName, type TokenRole } from "./parse.js";

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

// Match flags of jaro(), reused (a call allocates nothing); grown for longer strings.
let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

/** Jaro similarity of two strings (0..1), compared by UTF-16 code unit. */
function jaro(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  if (a.length > flagsA.length || b.length > flagsB.length) {
    const size = Math.max(a.length, b.length) * 2;
    flagsA = new Uint8Array(size);
    flagsB = new Uint8Array(size);
  }
  flagsA.fill(0, 0, a.length);
  flagsB.fill(0, 0, b.length);
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < a.length; i += 1) {
    const from = Math.max(0, i - window);
    const to = Math.min(b.length - 1, i + window);
    const code = a.charCodeAt(i);
    for (let j = from; j <= to; j += 1) {
      if (flagsB[j] === 0 && code === b.charCodeAt(j)) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches += 1;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i += 1) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k += 1;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions += 1;
    k += 1;
  }
  const t = transpositions / 2;
  return (matches / a.length + matches / b.length + (matches - t) / matches) / 3;
}

/** Jaro–Winkler similarity, computed both ways round so that it is exactly symmetric. */
export function jaroWinkler(a: string, b: string): number {
  // The common prefix is the same both ways round; Jaro's greedy matching may not be.
  let prefix = 0;
  while (
    prefix < 4 &&
    prefix < a.length &&
    prefix < b.length &&
    a.charCodeAt(prefix) === b.charCodeAt(prefix)
  ) {
    prefix += 1;
  }
  const ab = jaro(a, b);
  const ba = jaro(b, a);
  return Math.max(ab + prefix * 0.1 * (1 - ab), ba + prefix * 0.1 * (1 - ba));
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

/** A token comparison with the log-odds it contributes. */
interface Compared {
  similarity: number;
  kind: TokenMatchKind;
  weight: number;
}

// Parsed tokens are shared objects (classifyToken remembers them). Apart from the exact-spelling
// test, a comparison depends only on each token's role, key and stems — its signature — which the
// Kazakh, Russian, Latin and upper-case forms of one word share; so answers are remembered per pair
// of signatures (small numbers: the fastest keys a Map has), and many spellings share one answer.
interface TokenInfo {
  /** The word lower-cased without apostrophes: equal ones are the same spelling. */
  spelling: string;
  /** Number of the token's signature. */
  signature: number;
}

let tokenInfos = new WeakMap<NameToken, TokenInfo>();
const signatures = new Map<string, number>();
let signatureRows: Array<Map<number, Compared> | undefined> = [];
let pairCount = 0;
const PAIR_CACHE_LIMIT = 500_000;
/** The answer for two tokens spelled the same. */
const EXACT: Compared = { similarity: 1, kind: "exact", weight: 3 };

function infoOf(token: NameToken): TokenInfo {
  let info = tokenInfos.get(token);
  if (info === undefined) {
    const key = `${token.role}|${token.key}|${token.stems.join(",")}`;
    let signature = signatures.get(key);
    if (signature === undefined) {
      // Signatures come from a finite vocabulary; should it grow without end, start over.
      if (signatures.size >= PAIR_CACHE_LIMIT) forgetPairs(true);
      signature = signatures.size;
      signatures.set(key, signature);
      // Rows stay a dense array (a hole far past the end would turn it into a slow dictionary).
      signatureRows.push(undefined);
    }
    info = { spelling: normalizedRaw(token.raw), signature };
    tokenInfos.set(token, info);
  }
  return info;
}

function forgetPairs(signaturesToo: boolean): void {
  signatureRows = signaturesToo ? [] : new Array<undefined>(signatures.size).fill(undefined);
  pairCount = 0;
  if (signaturesToo) {
    signatures.clear();
    tokenInfos = new WeakMap();
    spellings.clear();
  }
}

/** A spelling parsed, with what matching needs of its tokens. */
interface Spelling {
  tokens: NameToken[];
  infos: TokenInfo[];
  hasPatronymic: boolean;
}

// A subject is compared with dozens of records and records repeat across checks, so a spelling's
// tokens and their numbers are looked up once per spelling, not once per token per comparison.
const spellings = new Map<string, Spelling>();
const SPELLING_CACHE_LIMIT = 200_000;

/** A subject's spelling, remembered (one subject meets many records). */
function spellingOf(text: string): Spelling {
  let spelling = spellings.get(text);
  if (spelling === undefined) {
    if (spellings.size >= SPELLING_CACHE_LIMIT) spellings.clear();
    spelling = spellingOnce(text);
    spellings.set(text, spelling);
  }
  return spelling;
}

/** A record's spelling, parsed afresh: a registry's records are mostly met once. */
function spellingOnce(text: string): Spelling {
  const tokens = splitName(text);
  return { tokens, infos: tokens.map(infoOf), hasPatronymic: tokens.some((t) => t.role === "patronymic") };
}

/** The pair's comparison with its weight, remembered by signatures. */
function comparedInfo(a: NameToken, infoA: TokenInfo, b: NameToken, infoB: TokenInfo): Compared {
  if (infoA.spelling === infoB.spelling) return EXACT;
  let row = signatureRows[infoA.signature];
  const hit = row?.get(infoB.signature);
  if (hit) return hit;
  // Bounded: when full it starts over, and the pairs in use come straight back.
  if (pairCount >= PAIR_CACHE_LIMIT) {
    forgetPairs(false);
    row = undefined;
  }
  if (!row) {
    row = new Map();
    signatureRows[infoA.signature] = row;
  }
  const { similarity, kind } = compareTokensOnce(a, b);
  const value = { similarity, kind, weight: tokenWeight(similarity) };
  row.set(infoB.signature, value);
  pairCount += 1;
  return value;
}

/** Compares two tokens, aware of patronymics and surname endings; symmetric. */
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
  for (let i = 0; i < values.length; i += 1) sumScratch[i] = values[i] ?? 0;
  return ascendingSum(sumScratch, values.length);
}

/** A scratch array of doubles (one element kind everywhere, so ascendingSum stays fast). */
function doubles(length: number): number[] {
  return new Array<number>(length).fill(0.5);
}

/** stableSum's working copy. */
const sumScratch = doubles(16);

/**
 * Sorts the first `count` values ascending in place and sums them in that order. Insertion sort:
 * a handful of values, cheaper than Array.prototype.sort.
 */
function ascendingSum(values: number[], count: number): number {
  for (let i = 1; i < count; i += 1) {
    const value = values[i] ?? 0;
    let j = i - 1;
    while (j >= 0 && (values[j] ?? 0) > value) {
      values[j + 1] = values[j] ?? 0;
      j -= 1;
    }
    values[j + 1] = value;
  }
  let sum = 0;
  for (let i = 0; i < count; i += 1) sum += values[i] ?? 0;
  return sum;
}

/** Search state of bestAssignment, reused across calls (the search allocates nothing per leaf). */
const search = {
  n: 0,
  m: 0,
  weights: [] as number[][],
  unmatchedA: [] as number[],
  unmatchedB: [] as number[],
  usedA: new Array<boolean>(8).fill(false),
  usedB: new Array<boolean>(8).fill(false),
  pairedWith: new Array<number>(8).fill(-1),
  values: doubles(16),
  bestTotal: Number.NEGATIVE_INFINITY,
  bestPairs: new Array<number>(8).fill(-1),
};

/** Total of the current leaf: its values summed in ascending order, as stableSum does. */
function leafTotal(): number {
  const { n, m, weights, unmatchedA, unmatchedB, usedA, usedB, pairedWith, values } = search;
  let count = 0;
  for (let x = 0; x < n; x += 1) {
    const y = pairedWith[x] ?? -1;
    if (y >= 0) {
      values[count] = weights[x]?.[y] ?? 0;
      count += 1;
    }
  }
  for (let x = 0; x < n; x += 1) {
    if (!usedA[x]) {
      values[count] = unmatchedA[x] ?? 0;
      count += 1;
    }
  }
  for (let y = 0; y < m; y += 1) {
    if (!usedB[y]) {
      values[count] = unmatchedB[y] ?? 0;
      count += 1;
    }
  }
  return ascendingSum(values, count);
}

/**
 * Margin under which a leaf's plain running sum cannot beat the best: the plain and the ordered
 * sum of at most twelve values of magnitude ≤ 12 differ by less than 1e-13, so a leaf whose plain
 * sum is this far below the best total cannot exceed it, and its ordered sum is not computed.
 */
const SUM_MARGIN = 1e-9;

/**
 * Visits every partial assignment of tokens i.. of A (each to a free token of B, or none).
 * `partial` is the plain sum of the choices made for tokens before i; `freeB` the unmatched
 * costs of B's tokens not yet taken.
 */
function visit(i: number, partial: number, freeB: number): void {
  if (i === search.n) {
    if (partial + freeB + SUM_MARGIN <= search.bestTotal) return;
    const total = leafTotal();
    if (total > search.bestTotal) {
      search.bestTotal = total;
      for (let x = 0; x < search.n; x += 1) search.bestPairs[x] = search.pairedWith[x] ?? -1;
    }
    return;
  }
  const row = search.weights[i] as number[];
  for (let y = 0; y < search.m; y += 1) {
    if (search.usedB[y]) continue;
    search.usedB[y] = true;
    search.usedA[i] = true;
    search.pairedWith[i] = y;
    visit(i + 1, partial + (row[y] ?? 0), freeB - (search.unmatchedB[y] ?? 0));
    search.pairedWith[i] = -1;
    search.usedA[i] = false;
    search.usedB[y] = false;
  }
  visit(i + 1, partial + (search.unmatchedA[i] ?? 0), freeB);
}

/**
 * Best partial one-to-one assignment of tokens (exhaustive: names have at most six tokens); the
 * first best in visiting order wins, and every total is summed in one fixed order.
 */
function bestAssignment(weights: number[][], unmatchedA: number[], unmatchedB: number[]): Assignment {
  const total = searchAssignment(unmatchedA.length, unmatchedB.length, weights, unmatchedA, unmatchedB);
  const pairs: Array<[number, number]> = [];
  for (let x = 0; x < search.n; x += 1) {
    const y = search.bestPairs[x] ?? -1;
    if (y >= 0) pairs.push([x, y]);
  }
  return { total, pairs };
}

/** Runs the search over n tokens of A and m of B (the arrays may be longer); the best total. */
function searchAssignment(
  n: number,
  m: number,
  weights: number[][],
  unmatchedA: number[],
  unmatchedB: number[],
): number {
  search.n = n;
  search.m = m;
  search.weights = weights;
  search.unmatchedA = unmatchedA;
  search.unmatchedB = unmatchedB;
  search.bestTotal = Number.NEGATIVE_INFINITY;
  for (let x = 0; x < 8; x += 1) {
    search.usedA[x] = false;
    search.usedB[x] = false;
    search.pairedWith[x] = -1;
  }
  let freeB = 0;
  for (let y = 0; y < m; y += 1) freeB += unmatchedB[y] ?? 0;
  visit(0, 0, freeB);
  return search.bestTotal;
}

/** Two spellings matched token by token: their tokens, the comparisons and the best assignment. */
interface SpellingMatch {
  tokensA: NameToken[];
  tokensB: NameToken[];
  comparedPairs: Compared[][];
  assignment: Assignment;
}

/** Name evidence when either side has no readable name. */
const NO_NAME_EVIDENCE = -6;

/** Cost of leaving a token without partner, given whether the other side has a patronymic. */
function missingCost(token: NameToken, otherHasPatronymic: boolean): number {
  if (token.role !== "patronymic") return UNMATCHED_NAME;
  return otherHasPatronymic ? UNMATCHED_PATRONYMIC_WHEN_OTHER_HAS_ONE : 0;
}

/** Matches two spellings token by token, in any order. */
function matchSpellings(sa: Spelling, sb: Spelling): SpellingMatch {
  const { tokens: tokensA, infos: infosA, hasPatronymic: hasPatA } = sa;
  const { tokens: tokensB, infos: infosB, hasPatronymic: hasPatB } = sb;
  const comparedPairs: Compared[][] = [];
  const weights: number[][] = [];
  for (let i = 0; i < tokensA.length; i += 1) {
    const a = tokensA[i] as NameToken;
    const infoA = infosA[i] as TokenInfo;
    const row: Compared[] = [];
    const weightRow: number[] = [];
    for (let j = 0; j < tokensB.length; j += 1) {
      const c = comparedInfo(a, infoA, tokensB[j] as NameToken, infosB[j] as TokenInfo);
      row.push(c);
      weightRow.push(c.weight);
    }
    comparedPairs.push(row);
    weights.push(weightRow);
  }
  const assignment =
    tokensA.length === 0 || tokensB.length === 0
      ? { total: NO_NAME_EVIDENCE, pairs: [] }
      : bestAssignment(
          weights,
          tokensA.map((t) => missingCost(t, hasPatB)),
          tokensB.map((t) => missingCost(t, hasPatA)),
        );
  return { tokensA, tokensB, comparedPairs, assignment };
}

// Scratch of spellingEvidence (names have at most six tokens).
const scratchWeights: number[][] = Array.from({ length: 8 }, () => new Array<number>(8).fill(0));
const scratchCostA = new Array<number>(8).fill(0);
const scratchCostB = new Array<number>(8).fill(0);

/**
 * The weights of one token of B against each token of A. A weight depends only on the two
 * tokens' signatures (equal spellings and equal signatures both weigh 3), so a subject remembers
 * them by the record token's signature for as long as it is being screened.
 */
function weightsAgainst(sa: Spelling, b: NameToken, infoB: TokenInfo, memo: Map<number, number[]>): number[] {
  let weights = memo.get(infoB.signature);
  if (weights === undefined) {
    weights = sa.tokens.map((a, i) => comparedInfo(a, sa.infos[i] as TokenInfo, b, infoB).weight);
    memo.set(infoB.signature, weights);
  }
  return weights;
}

/** The capped name evidence of two spellings, as matchSpellings finds it. */
function spellingEvidence(sa: Spelling, sb: Spelling, memo: Map<number, number[]>): number {
  const n = sa.tokens.length;
  const m = sb.tokens.length;
  if (n === 0 || m === 0) return Math.min(NAME_EVIDENCE_CAP, NO_NAME_EVIDENCE);
  for (let j = 0; j < m; j += 1) {
    const b = sb.tokens[j] as NameToken;
    const weights = weightsAgainst(sa, b, sb.infos[j] as TokenInfo, memo);
    for (let i = 0; i < n; i += 1) (scratchWeights[i] as number[])[j] = weights[i] ?? 0;
    scratchCostB[j] = missingCost(b, sa.hasPatronymic);
  }
  for (let i = 0; i < n; i += 1) scratchCostA[i] = missingCost(sa.tokens[i] as NameToken, sb.hasPatronymic);
  return Math.min(NAME_EVIDENCE_CAP, searchAssignment(n, m, scratchWeights, scratchCostA, scratchCostB));
}

/** Name evidence of a match: its assignment's total, capped. */
function evidenceOf(match: SpellingMatch): number {
  return Math.min(NAME_EVIDENCE_CAP, match.assignment.total);
}

/**
 * The best-matching pair of spellings of two people (the first best, in the order given). The
 * first person's spellings are remembered, the second's parsed afresh: screening passes the
 * subject first and each of its candidate records second.
 */
function bestSpellings(
  a: PersonInput,
  b: PersonInput,
): { spellingA: string; spellingB: string; match: SpellingMatch } {
  const namesA = a.names.length > 0 ? a.names : [""];
  const namesB = (b.names.length > 0 ? b.names : [""]).map((text) => ({
    text,
    spelling: spellingOnce(text),
  }));
  let best: { spellingA: string; spellingB: string; match: SpellingMatch } | undefined;
  for (const spellingA of namesA) {
    const sa = spellingOf(spellingA);
    for (const { text, spelling } of namesB) {
      const match = matchSpellings(sa, spelling);
      if (!best || evidenceOf(match) > evidenceOf(best.match)) best = { spellingA, spellingB: text, match };
    }
  }
  return best ?? { spellingA: "", spellingB: "", match: matchSpellings(spellingOnce(""), spellingOnce("")) };
}

/** The name part of a score: the assignment spelled out. */
function nameParts(spellingA: string, spellingB: string, match: SpellingMatch): ScoreParts["name"] {
  const { tokensA, tokensB, comparedPairs, assignment } = match;
  const comparisons: TokenComparison[] = assignment.pairs.map(([i, j]) => {
    const a = tokensA[i];
    const b = tokensB[j];
    const c = comparedPairs[i]?.[j];
    return {
      a: a?.raw ?? "",
      b: b?.raw ?? "",
      roleA: a?.role ?? "name",
      roleB: b?.role ?? "name",
      similarity: round(c?.similarity ?? 0, 4),
      kind: c?.kind ?? "different",
      weight: round(c?.weight ?? 0, 4),
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
    evidence: evidenceOf(match),
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

/** The evidence of everything but the names: birth date, IIN and document number. */
function otherEvidence(a: PersonInput, b: PersonInput) {
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
  return {
    iinAgreement,
    iinEvidence,
    docAgreement,
    docEvidence,
    birthA,
    birthB,
    birthAgreement,
    birthEvidence,
  };
}

/** The logistic of the summed evidence, rounded as scores are. */
function scoreOf(logOdds: number): number {
  return round(1 / (1 + Math.exp(-logOdds)), 6);
}

/** scorePair without the explanation: what a screening pass needs for every candidate it rejects. */
export function scoreParts(a: PersonInput, b: PersonInput): Omit<ScoreResult, "explanation"> {
  const best = bestSpellings(a, b);
  const name = nameParts(best.spellingA, best.spellingB, best.match);
  const o = otherEvidence(a, b);
  const logOdds = stableSum([name.evidence, o.birthEvidence, o.iinEvidence, o.docEvidence, PRIOR]);
  const parts: ScoreParts = {
    name,
    birth: {
      agreement: o.birthAgreement,
      evidence: o.birthEvidence,
      ...(o.birthA ? { a: o.birthA } : {}),
      ...(o.birthB ? { b: o.birthB } : {}),
    },
    iin: { agreement: o.iinAgreement, evidence: o.iinEvidence },
    document: { agreement: o.docAgreement, evidence: o.docEvidence },
    logOdds: round(logOdds, 6),
  };
  return { score: scoreOf(logOdds), parts };
}

/**
 * A scorer for one subject: the score scoreParts(subject, record) gives, without building its
 * parts — for the many candidates a check rejects. Keep it while screening that subject only.
 */
export function subjectScorer(subject: PersonInput): (record: PersonInput) => number {
  const spellingsA = (subject.names.length > 0 ? subject.names : [""]).map(spellingOf);
  const memos = spellingsA.map(() => new Map<number, number[]>());
  return (record) => {
    let evidence = Number.NEGATIVE_INFINITY;
    const spellingsB = (record.names.length > 0 ? record.names : [""]).map(spellingOnce);
    spellingsA.forEach((sa, i) => {
      const memo = memos[i] as Map<number, number[]>;
      for (const sb of spellingsB) evidence = Math.max(evidence, spellingEvidence(sa, sb, memo));
    });
    const o = otherEvidence(subject, record);
    return scoreOf(stableSum([evidence, o.birthEvidence, o.iinEvidence, o.docEvidence, PRIOR]));
  };
}

/** True when the pair scores at or above the threshold (default DEFAULT_THRESHOLD). */
export function isCandidate(a: PersonInput, b: PersonInput, threshold = DEFAULT_THRESHOLD): boolean {
  return scorePair(a, b).score >= threshold;
}
