/**
 * Blocking keys: cheap exact keys under which a person is filed, so that screening compares an
 * applicant only with records sharing at least one key instead of with every record. Missing a
 * real match is the worst error, so a person gets many keys (any one shared key makes a
 * candidate); the scorer then does the fine work.
 *
 * Key kinds:
 * - `iin:<12 digits>` and `doc:<number>`: exact identifiers.
 * - `yt:<year>:<key>`: birth year with the transliteration key of each name token (and the
 *   surname without -ов/-ев, and the father's name inside a patronymic).
 * - `yp:<year>:<skeleton>`: birth year with the phonetic consonant skeleton of each token, which
 *   survives Kazakh/Russian vowel differences (Төлеген/Тулеген, Жүсіп/Жусуп).
 * - `nn:<key>|<key>`: two name tokens together without the year, for records with no birth date.
 * - `rare:<key>`: a single uncommon name token, for records whose year is missing or wrong.
 *
 * blockingKeys() gives a record's keys and probeKeys() a search's, which adds the neighbouring
 * birth years so that a year off by one still meets. The screening index stores them in the form
 * of index-keys.ts (pairs of words by year, words by date), which answers the candidate rule in
 * one lookup.
 */
import type { PersonInput } from "./match.js";
import { memoize } from "./memo.js";
import { type NameToken, parseName } from "./parse.js";
import { soundUnits } from "./translit.js";

const VOWEL_CLASS: Readonly<Record<string, string>> = { a: "a", e: "e", i: "i", o: "u", u: "u" };
const FINAL_DEVOICING: Readonly<Record<string, string>> = {
  b: "p",
  d: "t",
  g: "k",
  z: "s",
  v: "f",
  j: "sh",
};

/**
 * Phonetic key of a folded token, for similarity between Kazakh and Russian forms of one name:
 * 1. vowels fold to four classes a / e / i / u, with o = u, because Russian writes Kazakh ө, ү, ұ
 *    as о or у (Төлеген → Тулеген, Бөкей → Букей, Омар/Умар);
 * 2. Kazakh labial harmony: an i-class vowel after a rounded vowel is heard as ү/ұ and Russian
 *    writes у (Түсіп → Тусуп, Жүсіп → Жусуп), so it folds to u;
 * 3. a final voiced consonant is devoiced as both languages pronounce it (Алмаз = Алмас);
 * 4. repeated units merge.
 */
export const phoneticKey: (foldedKey: string) => string = memoize(phoneticOnce);

function phoneticOnce(foldedKey: string): string {
  const units = soundUnits(foldedKey);
  const out: string[] = [];
  let lastVowel = "";
  units.forEach((unit, index) => {
    let value = unit;
    const vowelClass = VOWEL_CLASS[unit];
    if (vowelClass !== undefined) {
      value = vowelClass === "i" && lastVowel === "u" ? "u" : vowelClass;
      lastVowel = value;
    } else if (index === units.length - 1) {
      value = FINAL_DEVOICING[unit] ?? unit;
    }
    if (out[out.length - 1] !== value) out.push(value);
  });
  return out.join("");
}

/** Consonant skeleton of a folded token: first unit kept, later vowels dropped, final devoiced. */
export function skeletonKey(foldedKey: string): string {
  const phonetic = soundUnits(phoneticKey(foldedKey));
  const kept = phonetic.filter((unit, index) => index === 0 || VOWEL_CLASS[unit] === undefined);
  return kept.filter((unit, index) => index === 0 || kept[index - 1] !== unit).join("");
}

/** Digits of an IIN, or undefined unless it has exactly 12. */
export function normalizeIin(iin: string | undefined): string | undefined {
  if (iin === undefined) return undefined;
  const digits = iin.replace(/\D/g, "");
  return digits.length === 12 ? digits : undefined;
}

/** Cyrillic letters that look like Latin ones on scanned or hand-typed document numbers. */
const DOC_LOOKALIKE: Readonly<Record<string, string>> = {
  А: "A",
  В: "B",
  Е: "E",
  К: "K",
  М: "M",
  Н: "H",
  О: "O",
  Р: "P",
  С: "C",
  Т: "T",
  У: "Y",
  Х: "X",
  "№": "",
};

/** Normalises a document number: upper case, look-alike Cyrillic as Latin, no spaces or dashes. */
export function normalizeDocumentNumber(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const upper = value.normalize("NFC").toUpperCase();
  let out = "";
  for (const ch of upper) out += DOC_LOOKALIKE[ch] ?? ch;
  out = out.replace(/[^A-Z0-9]/g, "");
  return out.length >= 5 ? out : undefined;
}

/** Birth year of "YYYY" or "YYYY-MM-DD" (or "DD.MM.YYYY"), or undefined. */
export function birthYear(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match =
    /^(\d{4})(?:-\d{2}-\d{2})?$/.exec(value.trim()) ?? /^\d{2}\.\d{2}\.(\d{4})$/.exec(value.trim());
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * Frequent name tokens (folded keys): a key on one of these alone would gather thousands of
 * records, so they never make a `rare:` key. Callers with real frequency counts pass their own.
 */
export const COMMON_TOKENS: ReadonlySet<string> = new Set([
  "nurlan",
  "serik",
  "bolat",
  "kairat",
  "asan",
  "erlan",
  "marat",
  "ruslan",
  "daniiar",
  "aidar",
  "arman",
  "nurjan",
  "ermek",
  "askar",
  "talgat",
  "kanat",
  "berik",
  "ainur",
  "aigul",
  "gulnar",
  "dina",
  "aliia",
  "madina",
  "aruzhan",
  "aruian",
  "dana",
  "sergei",
  "aleksandr",
  "andrei",
  "vladimir",
  "ivan",
  "elena",
  "olga",
  "tatiana",
  "natalia",
  "irina",
  "ahmet",
  "ahmetov",
  "ivanov",
  "petrov",
  "kim",
  "ali",
  "aliev",
  "omar",
  "omarov",
  "ibraim",
  "ismail",
  "kasim",
  "kasimov",
  "abdrahman",
  "baimuhamed",
]);

/** Options for key generation. */
export interface KeyOptions {
  /** True for a folded token too frequent to make a key alone (default: COMMON_TOKENS). */
  isCommonToken?: (key: string) => boolean;
}

/** Comparable keys of a token: its own key and its stems (surname root, father's name). */
function tokenKeys(token: NameToken): string[] {
  return [...new Set([token.key, ...token.stems])].filter((key) => key.length >= 2);
}

/**
 * The transliteration keys a token is filed under: a patronymic only under the father's name
 * (its whole key would be unlike any other spelling: Әбішұлы vs Абишевич), any other word under
 * its own key and its stems.
 */
export function filedKeys(token: NameToken): string[] {
  return token.role === "patronymic" ? token.stems : tokenKeys(token);
}

/** Keys of one person's names that do not depend on the year. */
function nameKeySets(person: PersonInput): {
  translit: Set<string>;
  skeleton: Set<string>;
  pairs: Set<string>;
} {
  const translit = new Set<string>();
  const skeleton = new Set<string>();
  const pairs = new Set<string>();
  for (const spelling of person.names) {
    const tokens = parseName(spelling);
    const perToken = tokens.map((token) => {
      const keys = filedKeys(token);
      return keys.map((key) => ({ key, primary: token.role === "patronymic" ? token.stems[0] : token.key }));
    });
    for (const keys of perToken) {
      for (const { key } of keys) {
        translit.add(key);
        skeleton.add(skeletonKey(key));
      }
    }
    const primaries = perToken.map((keys) => keys[0]?.key).filter((key): key is string => key !== undefined);
    for (let i = 0; i < primaries.length; i += 1) {
      for (let j = i + 1; j < primaries.length; j += 1) {
        const a = primaries[i] ?? "";
        const b = primaries[j] ?? "";
        pairs.add(a < b ? `${a}|${b}` : `${b}|${a}`);
      }
    }
  }
  return { translit, skeleton, pairs };
}

/** Builds the keys for a set of birth years. */
function buildKeys(person: PersonInput, years: number[], options: KeyOptions): string[] {
  const keys = new Set<string>();
  const iin = normalizeIin(person.iin);
  if (iin) keys.add(`iin:${iin}`);
  const doc = normalizeDocumentNumber(person.documentNumber);
  if (doc) keys.add(`doc:${doc}`);
  const isCommon = options.isCommonToken ?? ((key: string) => COMMON_TOKENS.has(key));
  const { translit, skeleton, pairs } = nameKeySets(person);
  for (const year of years) {
    for (const key of translit) keys.add(`yt:${year}:${key}`);
    for (const key of skeleton) if (key.length >= 2) keys.add(`yp:${year}:${key}`);
  }
  for (const pair of pairs) keys.add(`nn:${pair}`);
  for (const key of translit) if (key.length >= 4 && !isCommon(key)) keys.add(`rare:${key}`);
  return [...keys].sort();
}

/** The keys that do not depend on the birth year: identifiers, name pairs (`nn:`), rare words. */
export function yearFreeKeys(person: PersonInput, options: KeyOptions = {}): string[] {
  return buildKeys(person, [], options);
}

/** Keys a record is filed under in the screening index. */
export function blockingKeys(person: PersonInput, options: KeyOptions = {}): string[] {
  const year = birthYear(person.birthDate);
  return buildKeys(person, year === undefined ? [] : [year], options);
}

/** Keys a search probes the index with: as blockingKeys, plus the neighbouring birth years. */
export function probeKeys(person: PersonInput, options: KeyOptions = {}): string[] {
  const year = birthYear(person.birthDate);
  return buildKeys(person, year === undefined ? [] : [year - 1, year, year + 1], options);
}
