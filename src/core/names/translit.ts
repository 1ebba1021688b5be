import { memoize } from "./memo.js";

/**
 * Transliteration of Kazakh and Russian Cyrillic names, and folding of any spelling to one
 * comparable ASCII key. Records are kept in whatever system the clerk of the day used: Kazakh or
 * Russian Cyrillic, the 2021 Kazakh Latin alphabet, the ICAO 9303 Latin of passports, BGN/PCGN
 * in foreign lists, and informal Latin ("Zhanar", "Janar", "Kassym"). Screening must see through
 * all of them, so every system folds to the same key.
 */

/** The 42 letters of the Kazakh Cyrillic alphabet, in alphabetical order. */
export const KAZAKH_ALPHABET = [
  "А",
  "Ә",
  "Б",
  "В",
  "Г",
  "Ғ",
  "Д",
  "Е",
  "Ё",
  "Ж",
  "З",
  "И",
  "Й",
  "К",
  "Қ",
  "Л",
  "М",
  "Н",
  "Ң",
  "О",
  "Ө",
  "П",
  "Р",
  "С",
  "Т",
  "У",
  "Ұ",
  "Ү",
  "Ф",
  "Х",
  "Һ",
  "Ц",
  "Ч",
  "Ш",
  "Щ",
  "Ъ",
  "Ы",
  "І",
  "Ь",
  "Э",
  "Ю",
  "Я",
] as const;

/** A letter of the Kazakh Cyrillic alphabet (upper case). */
export type KazakhLetter = (typeof KAZAKH_ALPHABET)[number];

/** The Latin systems a name can be written in. */
export const LATIN_SYSTEMS = ["lat2021", "icao", "bgn"] as const;
export type LatinSystem = (typeof LATIN_SYSTEMS)[number];

/** How one Cyrillic letter is written in each system (lower case) and what it folds to. */
export interface LetterRow {
  /** Kazakh Latin alphabet of 2021 (Government decree of 28 January 2021). */
  lat2021: string;
  /** ICAO Doc 9303 part 3 as applied on Kazakh passports (Kazakh letters lose their marks). */
  icao: string;
  /** BGN/PCGN 1979 romanization of Kazakh (word-initial and post-vowel Е is "ye", see bgn()). */
  bgn: string;
  /** Comparable ASCII key fragment, before digraph folding (see foldToken). */
  fold: string;
}

/**
 * One row per Kazakh letter. Ъ and Ь have no sound of their own in names: the 2021 alphabet and
 * passports drop them; ICAO's "IE" for Ъ is kept because passports print it.
 */
export const KAZAKH_TABLE: Readonly<Record<KazakhLetter, LetterRow>> = {
  А: { lat2021: "a", icao: "a", bgn: "a", fold: "a" },
  Ә: { lat2021: "ä", icao: "a", bgn: "ä", fold: "a" },
  Б: { lat2021: "b", icao: "b", bgn: "b", fold: "b" },
  В: { lat2021: "v", icao: "v", bgn: "v", fold: "v" },
  Г: { lat2021: "g", icao: "g", bgn: "g", fold: "g" },
  Ғ: { lat2021: "ğ", icao: "g", bgn: "gh", fold: "g" },
  Д: { lat2021: "d", icao: "d", bgn: "d", fold: "d" },
  Е: { lat2021: "e", icao: "e", bgn: "e", fold: "e" },
  Ё: { lat2021: "io", icao: "e", bgn: "ë", fold: "e" },
  Ж: { lat2021: "j", icao: "zh", bgn: "zh", fold: "j" },
  З: { lat2021: "z", icao: "z", bgn: "z", fold: "z" },
  И: { lat2021: "i", icao: "i", bgn: "i", fold: "i" },
  Й: { lat2021: "i", icao: "i", bgn: "y", fold: "i" },
  К: { lat2021: "k", icao: "k", bgn: "k", fold: "k" },
  Қ: { lat2021: "q", icao: "k", bgn: "q", fold: "k" },
  Л: { lat2021: "l", icao: "l", bgn: "l", fold: "l" },
  М: { lat2021: "m", icao: "m", bgn: "m", fold: "m" },
  Н: { lat2021: "n", icao: "n", bgn: "n", fold: "n" },
  Ң: { lat2021: "ñ", icao: "n", bgn: "ng", fold: "n" },
  О: { lat2021: "o", icao: "o", bgn: "o", fold: "o" },
  Ө: { lat2021: "ö", icao: "o", bgn: "ö", fold: "o" },
  П: { lat2021: "p", icao: "p", bgn: "p", fold: "p" },
  Р: { lat2021: "r", icao: "r", bgn: "r", fold: "r" },
  С: { lat2021: "s", icao: "s", bgn: "s", fold: "s" },
  Т: { lat2021: "t", icao: "t", bgn: "t", fold: "t" },
  У: { lat2021: "u", icao: "u", bgn: "u", fold: "u" },
  Ұ: { lat2021: "ū", icao: "u", bgn: "ū", fold: "u" },
  Ү: { lat2021: "ü", icao: "u", bgn: "ü", fold: "u" },
  Ф: { lat2021: "f", icao: "f", bgn: "f", fold: "f" },
  Х: { lat2021: "h", icao: "kh", bgn: "kh", fold: "h" },
  Һ: { lat2021: "h", icao: "h", bgn: "h", fold: "h" },
  Ц: { lat2021: "ts", icao: "ts", bgn: "ts", fold: "ts" },
  Ч: { lat2021: "ç", icao: "ch", bgn: "ch", fold: "ch" },
  Ш: { lat2021: "ş", icao: "sh", bgn: "sh", fold: "sh" },
  Щ: { lat2021: "şş", icao: "shch", bgn: "shch", fold: "sh" },
  Ъ: { lat2021: "", icao: "ie", bgn: "", fold: "" },
  Ы: { lat2021: "y", icao: "y", bgn: "y", fold: "i" },
  І: { lat2021: "ı", icao: "i", bgn: "i", fold: "i" },
  Ь: { lat2021: "", icao: "", bgn: "", fold: "" },
  Э: { lat2021: "e", icao: "e", bgn: "e", fold: "e" },
  Ю: { lat2021: "iu", icao: "iu", bgn: "yu", fold: "iu" },
  Я: { lat2021: "ia", icao: "ia", bgn: "ya", fold: "ia" },
};

/** Cyrillic letters outside the Kazakh alphabet that still turn up in names (Ukrainian, Uzbek). */
const EXTRA_CYRILLIC_FOLD: Readonly<Record<string, string>> = {
  є: "e",
  ї: "i",
  ґ: "g",
  ў: "u",
  ӯ: "u",
  ҳ: "h",
  ј: "j",
};

const LOWER_TABLE: ReadonlyMap<string, LetterRow> = new Map(
  Object.entries(KAZAKH_TABLE).map(([letter, row]) => [letter.toLowerCase(), row]),
);

const VOWELS_CYR = new Set([..."аәеёиоөуұүыіэюя"]);

/** Upper-cases Latin with the Turkic dotted/dotless I pair the 2021 alphabet uses (i→İ, ı→I). */
function upperLatin(text: string): string {
  return text.replace(/i/g, "İ").replace(/ı/g, "I").toUpperCase();
}

/** Re-applies the input word's case (ALL CAPS, Capitalised, lower) to its transliteration. */
function applyCase(source: string, output: string, upper: (s: string) => string): string {
  const letters = source.replace(/[^\p{L}]/gu, "");
  if (letters.length > 1 && letters === letters.toUpperCase()) return upper(output);
  const first = letters.charAt(0);
  if (first !== "" && first === first.toUpperCase() && first !== first.toLowerCase()) {
    const head = output.charAt(0);
    return upper(head) + output.slice(1);
  }
  return output;
}

/** Transliterates one word letter by letter with the given column; other characters pass through. */
function transliterateWord(
  word: string,
  pick: (row: LetterRow, lower: string, previous: string) => string,
  upper: (s: string) => string,
): string {
  const lower = word.toLowerCase();
  let out = "";
  let previous = "";
  for (const ch of lower) {
    const row = LOWER_TABLE.get(ch);
    out += row ? pick(row, ch, previous) : ch;
    previous = ch;
  }
  return applyCase(word, out, upper);
}

/** Applies a per-word transliteration to every word of a text, keeping separators. */
function perWord(text: string, convert: (word: string) => string): string {
  return text.replace(/[\p{L}\p{M}]+/gu, (word) => convert(word));
}

/** Writes a Kazakh (or Russian) Cyrillic name in the Kazakh Latin alphabet of 2021. */
export function toLat2021(text: string): string {
  return perWord(text, (word) => transliterateWord(word, (row) => row.lat2021, upperLatin));
}

/** Writes a Cyrillic name as ICAO 9303 Latin, the upper-case form printed on Kazakh passports. */
export function toIcao(text: string): string {
  return perWord(text, (word) =>
    transliterateWord(
      word,
      (row) => row.icao,
      (s) => s.toUpperCase(),
    ),
  )
    .normalize("NFC")
    .toUpperCase();
}

/** Writes a Cyrillic name in BGN/PCGN romanization ("ye" for Е at word start or after a vowel). */
export function toBgn(text: string): string {
  return perWord(text, (word) =>
    transliterateWord(
      word,
      (row, ch, previous) => {
        // BGN/PCGN marks the iotated sound of Е and Ё where Russian and Kazakh pronounce it.
        const iotated = previous === "" || VOWELS_CYR.has(previous) || previous === "ъ" || previous === "ь";
        if (ch === "е" && iotated) return "ye";
        if (ch === "ё" && iotated) return "yë";
        return row.bgn;
      },
      (s) => s.toUpperCase(),
    ),
  );
}

/** Writes a Cyrillic name in the given Latin system. */
export function transliterate(text: string, system: LatinSystem): string {
  switch (system) {
    case "lat2021":
      return toLat2021(text);
    case "icao":
      return toIcao(text);
    case "bgn":
      return toBgn(text);
  }
}

/**
 * Latin letters with marks that do not simply lose them: Turkic and Czech-style hushing letters
 * and the 2021 alphabet's own letters. Everything else is stripped through NFD.
 */
const LATIN_SPECIAL: ReadonlyMap<string, string> = new Map([
  ["ş", "sh"],
  ["š", "sh"],
  ["ș", "sh"],
  ["ç", "ch"],
  ["č", "ch"],
  ["ž", "zh"],
  ["ñ", "n"],
  ["ń", "n"],
  ["ŋ", "n"],
  ["ğ", "g"],
  ["ǵ", "g"],
  ["ı", "i"],
  ["ä", "a"],
  ["æ", "a"],
  ["ö", "o"],
  ["ø", "o"],
  ["ü", "u"],
  ["ū", "u"],
  ["ý", "y"],
  ["ß", "ss"],
]);

/**
 * Digraph and spelling-habit folding on lower-case ASCII, in order. Each rule merges spellings
 * that different systems or clerks use for one Cyrillic letter: Ж = zh/j/dzh, Х = kh/h,
 * Ғ = gh/g, Ң = ng/n, Е = ye/e, Ё = yo/e, Щ = shch/sch; Й, Ы and І all become "i" because the
 * systems disagree on y/i/ı for them.
 */
const LATIN_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/shch|sch/g, "sh"],
  [/dzh|dj/g, "j"],
  [/zh/g, "j"],
  [/kh/g, "h"],
  [/gh/g, "g"],
  [/ng/g, "n"],
  [/ph/g, "f"],
  [/ye/g, "e"],
  [/yo/g, "e"],
  // The 2021 alphabet writes Ё as "io": Фёдор = Fiodor = Fedor = Fyodor. Cyrillic "ио" folds the
  // same way (Иосиф → "esif" in every script), which costs nothing since both sides fold alike.
  [/io/g, "e"],
  [/x/g, "ks"],
  [/w/g, "v"],
  [/q/g, "k"],
  [/ck/g, "k"],
  [/c(?!h)/g, "k"],
  [/y/g, "i"],
];

/** Folds a text's letters to lower-case ASCII without merging repeated letters (for suffix tests). */
export const foldRaw: (token: string) => string = memoize(foldRawOnce);

function foldRawOnce(token: string): string {
  let text = token.normalize("NFC").replace(/İ/g, "i").toLowerCase();
  // Apostrophe spellings of the 2017 alphabet: c' = ч, s' = ш; other apostrophes mark Ь or nothing.
  text = text.replace(/c['’ʼ`]/g, "ch").replace(/s['’ʼ`](?=\p{L})/gu, "sh");
  let out = "";
  for (const ch of text) {
    const row = LOWER_TABLE.get(ch);
    if (row) {
      out += row.fold;
      continue;
    }
    const extra = EXTRA_CYRILLIC_FOLD[ch] ?? LATIN_SPECIAL.get(ch);
    out += extra ?? ch;
  }
  out = out
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^a-z]/g, "");
  return untilStable(out, applyLatinRules);
}

/** Applies the spelling rules once, in order. */
function applyLatinRules(text: string): string {
  let out = text;
  for (const [pattern, replacement] of LATIN_RULES) out = out.replace(pattern, replacement);
  return out;
}

/** Repeats a rewriting until nothing changes, so that folding a folded key changes nothing. */
function untilStable(text: string, step: (s: string) => string): string {
  let current = text;
  // Apart from x → ks (whose output no rule lengthens again) every rule shortens; the bound is a guard.
  for (let i = 0; i < 20; i += 1) {
    const next = step(current);
    if (next === current) return current;
    current = next;
  }
  return current;
}

/** Splits a folded key into sound units, keeping the digraphs sh, ch and ts whole. */
export function soundUnits(key: string): string[] {
  return key.match(/sh|ch|ts|[a-z]/g) ?? [];
}

/** Merges runs of the same sound unit ("Kassym" = "Касым", "Алия" = "Aliia" = "Aliya"). */
export function collapseRepeats(key: string): string {
  const units = soundUnits(key);
  return units.filter((unit, index) => index === 0 || units[index - 1] !== unit).join("");
}

/** Folds one name token in any script or system to its comparable ASCII key ("Әбішұлы" → "abishuli"). */
export const foldToken: (token: string) => string = memoize((token) =>
  untilStable(foldRaw(token), (key) => applyLatinRules(collapseRepeats(key))),
);
