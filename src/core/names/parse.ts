/**
 * Splitting a full name into tokens and recognising what each token is. Records come in any
 * order ("Ахметов Нұрлан Серікұлы", "Nurlan Serikuly Akhmetov"), so roles are read from the
 * word's shape, not its position: patronymic endings (Kazakh -ұлы/-қызы, Russian -ович/-евна…)
 * and Russian-style surname endings (-ов/-ев/-ова/-ева, -ин/-ина).
 */
import { memoize } from "./memo.js";
import { foldRaw, foldToken } from "./translit.js";

/** What a token is, as far as its shape tells. */
export type TokenRole = "patronymic" | "surname" | "name";

/** One word of a name with its comparable keys. */
export interface NameToken {
  /** The word as written (hyphen and apostrophe pieces split out, case kept). */
  raw: string;
  /** Folded ASCII key of the whole word. */
  key: string;
  role: TokenRole;
  /**
   * Keys to compare beyond the whole word: for a patronymic, the father's name ("abish" for
   * Әбішұлы, Абишевич, Abishuly); for a suffixed surname, the surname without -ов/-ев/-ин.
   */
  stems: string[];
  /** Grammatical gender the ending shows, when it shows one. */
  gender?: "m" | "f";
}

/** Kazakh patronymic particles written as a separate word ("Әбіш ұлы") or a suffix. */
const KAZAKH_PATRONYMIC: ReadonlyArray<readonly [string, "m" | "f"]> = [
  ["uli", "m"],
  ["ulu", "m"],
  ["ogli", "m"],
  ["oglu", "m"],
  ["kizi", "f"],
  ["gizi", "f"],
];

/** Russian patronymic endings on the folded key, longest first. */
const RUSSIAN_PATRONYMIC: ReadonlyArray<readonly [string, "m" | "f"]> = [
  ["ovich", "m"],
  ["evich", "m"],
  ["ovitch", "m"],
  ["evitch", "m"],
  ["ovna", "f"],
  ["evna", "f"],
  ["inichna", "f"],
  ["ichna", "f"],
  ["ich", "m"],
];

/** Russian surname endings (and the gender they show); -ин/-ина also end many first names. */
const SURNAME_SUFFIXES: ReadonlyArray<readonly [string, "m" | "f", boolean]> = [
  ["ova", "f", true],
  ["eva", "f", true],
  ["ov", "m", true],
  ["ev", "m", true],
  ["ina", "f", false],
  ["in", "m", false],
];

const VOWEL_END = /[aeiou]$/;

/**
 * Father's-name candidates from a stem left by -евич/-ев: Russian writes Жұмабай as Жумаба-евич
 * and Сергей as Серге-евич (the й is swallowed), but Иса as Иса-евич; keep both readings.
 */
function stemVariants(stem: string, softEnding: boolean): string[] {
  const base = foldToken(stem);
  if (softEnding && VOWEL_END.test(base) && !base.endsWith("i")) return [base, `${base}i`];
  return [base];
}

/** Recognises a patronymic by its ending and returns the father's name keys, or undefined. */
export function patronymicStems(raw: string): { stems: string[]; gender: "m" | "f" } | undefined {
  const folded = foldRaw(raw);
  // A stem's length is counted on its folded key, where one letter's spellings are one length
  // whatever the script (Щ is "sh" in Cyrillic's fold but "şş" → "shsh" in the 2021 alphabet): the
  // same name must not be a patronymic in one spelling and a given name in another.
  const stemLength = (suffix: string) => foldToken(folded.slice(0, -suffix.length)).length;
  for (const [suffix, gender] of KAZAKH_PATRONYMIC) {
    if (folded.endsWith(suffix) && stemLength(suffix) >= 2) {
      return { stems: [foldToken(folded.slice(0, -suffix.length))], gender };
    }
  }
  for (const [suffix, gender] of RUSSIAN_PATRONYMIC) {
    // A bare -ич is too short to trust on short words (Ильич is the exception we accept missing).
    const minStem = suffix === "ich" ? 4 : 2;
    if (folded.endsWith(suffix) && stemLength(suffix) >= minStem) {
      const stem = folded.slice(0, -suffix.length);
      return { stems: stemVariants(stem, suffix.startsWith("e")), gender };
    }
  }
  return undefined;
}

/** True when a word is only the Kazakh patronymic particle ("ұлы", "kyzy") written apart. */
function isPatronymicParticle(raw: string): boolean {
  const folded = foldRaw(raw);
  return KAZAKH_PATRONYMIC.some(([suffix]) => folded === suffix);
}

/** Classifies one word and computes its keys (remembered: tokens are shared, never mutate them). */
export const classifyToken: (raw: string) => NameToken = memoize(classifyWord);

function classifyWord(raw: string): NameToken {
  const key = foldToken(raw);
  const patronymic = patronymicStems(raw);
  if (patronymic) return { raw, key, role: "patronymic", stems: patronymic.stems, gender: patronymic.gender };
  const folded = foldRaw(raw);
  for (const [suffix, gender, surnameOnly] of SURNAME_SUFFIXES) {
    if (folded.endsWith(suffix) && folded.length - suffix.length >= 3) {
      const stems = stemVariants(folded.slice(0, -suffix.length), suffix.startsWith("e"));
      // -ин/-ина also ends Марина, Алина: keep the stem for comparison but do not call it a surname.
      return { raw, key, role: surnameOnly ? "surname" : "name", stems, gender };
    }
  }
  return { raw, key, role: "name", stems: [] };
}

/** Most tokens a name is read with; longer strings are noise, not names. */
export const MAX_TOKENS = 6;

/**
 * Splits a full name into classified tokens: any order, hyphens and punctuation separate words,
 * apostrophes do not, and a detached "ұлы"/"қызы" joins the word before it.
 */
export function parseName(fullName: string): NameToken[] {
  return parseMemo(fullName).slice();
}

const parseMemo = memoize(splitName);

/**
 * parseName without remembering the answer: for names met once (a registry's records scanned
 * by screening), where a cache entry would only be garbage to collect later.
 */
export function splitName(fullName: string): NameToken[] {
  const words = fullName
    .normalize("NFC")
    .split(/[\s\-‐‑–—_.,;:/\\()"«»]+/u)
    .map((word) => word.replace(/[^\p{L}\p{M}'’ʼ`]/gu, ""))
    .filter((word) => word.replace(/['’ʼ`]/g, "") !== "");
  const merged: string[] = [];
  for (const word of words) {
    const previous = merged[merged.length - 1];
    if (previous !== undefined && isPatronymicParticle(word)) merged[merged.length - 1] = previous + word;
    else merged.push(word);
  }
  return merged
    .slice(0, MAX_TOKENS)
    .map((word) => classifyToken(word))
    .filter((token) => token.key !== "");
}
