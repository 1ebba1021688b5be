/**
 * The screening index: the keys a record is filed under and the keys a check looks up, made so
 * that one lookup finds exactly the records the candidate rule admits, without reading the
 * thousands of records that share a single common word with the person.
 *
 * The candidate rule (what a check scores): a record is a candidate when it shares
 * - an identifier (IIN or document number), or
 * - keys of two different name words of the person (in the same birth year or one apart), or
 * - a key of one name word and the same full birth date, or
 * - a key of the only word besides patronymics of both names and the same birth year, or
 * - for undated sides, a pair of names (`nn:`) or keys of two rare words (`rare:`).
 * Otherwise a record agreeing in one word only cannot reach the threshold (match.ts: one word
 * +3, prior −4, birth year at most +1.5 unless the date is the same, and another word of either
 * name left unmatched −2; only a patronymic facing a name without one costs nothing, which is
 * why a one-word name (Ақбота; Ақбота Ерболатқызы) meets a one-word record of its year).
 *
 * How the index answers it:
 * - A dated record is filed under every pair of its name keys with its birth year,
 *   `yq:<year>:<a>+<b>` (a ≤ b, a word's key paired with itself too), and under each name key
 *   with its full date, `yd:<date>:<a>`. A check asks for the pairs of keys of two different
 *   words of the person, in its year and the neighbouring ones, and for its words' keys with its
 *   full date. A shared pair key means exactly "keys of two different words agree". A spelling
 *   with a single word besides patronymics is also filed under that word with its year,
 *   `ys:<year>:<a>`, and a check of such a name asks for it.
 * - Name keys are the blocking keys of keys.ts in the form the index needs: `p:<skeleton>` (the
 *   phonetic consonant skeleton, which every spelling with the same transliteration key shares
 *   too), or `t:<key>` when the skeleton is under two letters.
 * - Identifiers and the year-free keys (`nn:`, `rare:`) are as keys.ts makes them; a dated
 *   record's year-free keys get a `#` suffix, because only a check without a year asks for them
 *   (with a year, a record within a year shares its pair keys anyway, and one two or more years
 *   away cannot reach the threshold without an equal identifier).
 */
import { birthYear, filedKeys, type KeyOptions, skeletonKey, yearFreeKeys } from "./keys.js";
import type { PersonInput } from "./match.js";
import { parseName } from "./parse.js";

/**
 * Version of the key format; a database filed under an older one is re-keyed on start. 3: a word is
 * read as a patronymic by its stem's folded length (a few short Latin spellings changed role).
 */
export const INDEX_KEY_VERSION = 3;

/** Mask bit of a key that admits a record alone: an identifier. */
export const ID_BIT = 1 << 30;
/** Mask of a key that shows two agreeing words at once (counts as two word bits). */
export const PAIR_BITS = (1 << 28) | (1 << 29);
/** Word bits: one per distinct name word of the person, 0–27. */
const WORD_BITS = 28;

/** A key a check looks up, with the evidence a hit on it carries. */
export interface ProbeKey {
  key: string;
  /** ID_BIT, PAIR_BITS, or the bits of the person's words the key comes from. */
  mask: number;
}

/** Name keys of one word in the index's form (`p:` skeleton, or `t:` for a short skeleton). */
function wordKeys(word: ReturnType<typeof parseName>[number]): string[] {
  const keys = new Set<string>();
  for (const key of filedKeys(word)) {
    const skeleton = skeletonKey(key);
    keys.add(skeleton.length >= 2 ? `p:${skeleton}` : `t:${key}`);
  }
  return [...keys];
}

/** The person's distinct words (by folded key) across all spellings, each with its name keys. */
function wordGroups(person: PersonInput): Array<{ raw: string; keys: string[] }> {
  const groups = new Map<string, { raw: string; keys: Set<string> }>();
  for (const spelling of person.names) {
    for (const word of parseName(spelling)) {
      const group = groups.get(word.key) ?? { raw: word.raw, keys: new Set<string>() };
      for (const key of wordKeys(word)) group.keys.add(key);
      groups.set(word.key, group);
    }
  }
  return [...groups.values()].map((g) => ({ raw: g.raw, keys: [...g.keys] }));
}

/** Keys of the only word besides patronymics of each spelling that has just one. */
function soloKeys(person: PersonInput): string[] {
  const keys = new Set<string>();
  for (const spelling of person.names) {
    const words = parseName(spelling).filter((word) => word.role !== "patronymic");
    const [only] = words;
    if (only && words.length === 1) for (const key of wordKeys(only)) keys.add(key);
  }
  return [...keys];
}

function pairKey(year: number, a: string, b: string): string {
  return a <= b ? `yq:${year}:${a}+${b}` : `yq:${year}:${b}+${a}`;
}

/** Full birth date "YYYY-MM-DD" of a person, or undefined when only a year (or nothing) is known. */
function fullDate(person: PersonInput): string | undefined {
  const date = person.birthDate?.trim();
  return date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : undefined;
}

/** The year-free and identifier keys of keys.ts, `#`-suffixed for a dated person when year-free. */
function plainKeys(person: PersonInput, dated: boolean, options: KeyOptions): string[] {
  return yearFreeKeys(person, options).map((key) =>
    dated && (key.startsWith("nn:") || key.startsWith("rare:")) ? `${key}#` : key,
  );
}

/**
 * Keys a record is filed under (pass the birth date an IIN implies when the record has none).
 * Sorted and without repeats.
 */
export function recordIndexKeys(person: PersonInput, options: KeyOptions = {}): string[] {
  const year = birthYear(person.birthDate);
  const keys = new Set(plainKeys(person, year !== undefined, options));
  if (year !== undefined) {
    const all = [...new Set(wordGroups(person).flatMap((g) => g.keys))].sort();
    for (let i = 0; i < all.length; i += 1) {
      for (let j = i; j < all.length; j += 1) keys.add(pairKey(year, all[i] ?? "", all[j] ?? ""));
    }
    const date = fullDate(person);
    if (date) for (const key of all) keys.add(`yd:${date}:${key}`);
    for (const key of soloKeys(person)) keys.add(`ys:${year}:${key}`);
  }
  return [...keys].sort();
}

/**
 * Keys a check looks up for a person (pass the birth date an IIN implies when none was given),
 * each with its mask; a record is a candidate when admits() holds for the masks of its hits.
 */
export function probeIndexKeys(person: PersonInput, options: KeyOptions = {}): ProbeKey[] {
  const masks = new Map<string, number>();
  const add = (key: string, mask: number) => masks.set(key, (masks.get(key) ?? 0) | mask);
  const year = birthYear(person.birthDate);
  const groups = wordGroups(person);
  groups.forEach((group, index) => {
    const bit = 1 << Math.min(index, WORD_BITS - 1);
    // A rare word's key counts for its own word only: two of them are needed.
    const alone: PersonInput = { names: [group.raw] };
    for (const key of yearFreeKeys(alone, options)) {
      if (!key.startsWith("rare:")) continue;
      add(key, bit);
      if (year === undefined) add(`${key}#`, bit);
    }
  });
  for (const key of plainKeys(person, false, options)) {
    if (key.startsWith("iin:") || key.startsWith("doc:")) add(key, ID_BIT);
    else if (key.startsWith("nn:")) {
      add(key, PAIR_BITS);
      if (year === undefined) add(`${key}#`, PAIR_BITS);
    }
  }
  if (year !== undefined) {
    for (let g = 0; g < groups.length; g += 1) {
      for (let h = g + 1; h < groups.length; h += 1) {
        for (const a of groups[g]?.keys ?? []) {
          for (const b of groups[h]?.keys ?? []) {
            for (const y of [year - 1, year, year + 1]) add(pairKey(y, a, b), PAIR_BITS);
          }
        }
      }
    }
    const date = fullDate(person);
    if (date) for (const group of groups) for (const key of group.keys) add(`yd:${date}:${key}`, PAIR_BITS);
    // One word and the same year: only the exact year (a year off costs −1.5, out of reach).
    for (const key of soloKeys(person)) add(`ys:${year}:${key}`, PAIR_BITS);
  }
  return [...masks].map(([key, mask]) => ({ key, mask })).sort((x, y) => (x.key < y.key ? -1 : 1));
}

/** The candidate rule over the masks of a record's hits: an identifier, or two words' worth. */
export function admits(masks: Iterable<number>): boolean {
  let m = 0;
  for (const mask of masks) m |= mask;
  if ((m & ID_BIT) !== 0) return true;
  const words = m & (ID_BIT - 1);
  return (words & (words - 1)) !== 0;
}

/** True when a check of `subject` finds `record` through the index (the index's rule, in memory). */
export function indexFinds(subject: PersonInput, record: PersonInput, options: KeyOptions = {}): boolean {
  const filed = new Set(recordIndexKeys(record, options));
  return admits(probeIndexKeys(subject, options).flatMap((p) => (filed.has(p.key) ? [p.mask] : [])));
}
