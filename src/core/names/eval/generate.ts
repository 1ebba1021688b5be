/**
 * Deterministic generator of the labelled screening evaluation set
 * (test/fixtures/screening/pairs.csv). Positives are one person written by two different hands:
 * Kazakh or Russian Cyrillic, the 2021 Latin alphabet, passport ICAO Latin (of the Kazakh or the
 * older Russian form), BGN/PCGN, informal Latin; names in any order, the patronymic sometimes
 * missing, the record often holding only a birth year. Negatives are the hard cases screening
 * meets: siblings, father and child, namesakes born years apart, different names one letter
 * apart, the same full name with another birth year, and unrelated people born the same year.
 *
 * The informal Latin spellings come from their own table of habits below, not from translit.ts,
 * so that the evaluation does not just replay the folding rules.
 */
import { toBgn, toIcao, toLat2021 } from "../translit.js";
import {
  KAZAKH_FEMALE,
  KAZAKH_MALE,
  KAZAKH_SURNAMES,
  ONE_LETTER_PAIRS,
  RUSSIAN_FEMALE,
  RUSSIAN_MALE,
  RUSSIAN_SURNAMES,
} from "./names-data.js";

/** One side of a pair as written in the CSV. */
export interface EvalPerson {
  names: string[];
  birthDate?: string;
  iin?: string;
  documentNumber?: string;
}

/** Kinds of pairs; the first three are positives. */
export type EvalKind =
  | "cross_script"
  | "same_script"
  | "typo"
  | "sibling"
  | "father_child"
  | "namesake"
  | "one_letter"
  | "same_name_diff_year"
  | "unrelated";

/** One labelled pair. */
export interface EvalPair {
  id: number;
  kind: EvalKind;
  label: 0 | 1;
  a: EvalPerson;
  b: EvalPerson;
  /** Systems used on each side, for readers of the CSV. */
  note: string;
}

// ---------------------------------------------------------------------------------------------
// Randomness

/** mulberry32: small, fast, and identical on every platform, so the CSV is reproducible. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;

function pick<T>(rand: Rand, items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

function chance(rand: Rand, p: number): boolean {
  return rand() < p;
}

function int(rand: Rand, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

// ---------------------------------------------------------------------------------------------
// People

type Gender = "m" | "f";
type Ethnicity = "kz" | "ru";

interface Person {
  ethnicity: Ethnicity;
  gender: Gender;
  /** First name [Kazakh form, Russian form]. */
  first: readonly [string, string];
  /** Father's first name [Kazakh form, Russian form], and his Russian patronymic forms. */
  father: readonly [string, string];
  fatherPatronymicRu: readonly [string, string];
  /** Male surname [Kazakh form, Russian form]; undefined for a Kazakh-style name without one. */
  surname?: readonly [string, string];
  birth: { year: number; month: number; day: number };
}

const HUSHING_OR_SOFT = /[жшщчцй]$|[аеиоуыэюяь]$/;

/** Russian patronymic of a Kazakh father's name: Абиш → Абишевич, Жумабай → Жумабаевич. */
function russianPatronymic(fatherRu: string, gender: Gender): string {
  let stem = fatherRu;
  let soft = false;
  if (HUSHING_OR_SOFT.test(stem)) {
    soft = true;
    stem = stem.replace(/[йь]$/, "");
  }
  const suffix = soft ? (gender === "m" ? "евич" : "евна") : gender === "m" ? "ович" : "овна";
  return stem + suffix;
}

function femaleSurname(surname: string): string {
  return `${surname}а`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function randomBirth(rand: Rand, minYear = 1950, maxYear = 2007): Person["birth"] {
  return { year: int(rand, minYear, maxYear), month: int(rand, 1, 12), day: int(rand, 1, 28) };
}

function firstNames(ethnicity: Ethnicity, gender: Gender): ReadonlyArray<readonly [string, string]> {
  if (ethnicity === "kz") return gender === "m" ? KAZAKH_MALE : KAZAKH_FEMALE;
  return gender === "m"
    ? RUSSIAN_MALE.map(([n]) => [n, n] as const)
    : RUSSIAN_FEMALE.map((n) => [n, n] as const);
}

function randomFather(rand: Rand, ethnicity: Ethnicity): Pick<Person, "father" | "fatherPatronymicRu"> {
  if (ethnicity === "kz") {
    const father = pick(rand, KAZAKH_MALE);
    return {
      father,
      fatherPatronymicRu: [russianPatronymic(father[1], "m"), russianPatronymic(father[1], "f")],
    };
  }
  const [name, son, daughter] = pick(rand, RUSSIAN_MALE);
  return { father: [name, name], fatherPatronymicRu: [son, daughter] };
}

/** The person with the given surname (or none, for a Kazakh name without one). */
function withSurname(person: Person, surname: Person["surname"]): Person {
  const { surname: _old, ...rest } = person;
  return surname ? { ...rest, surname } : rest;
}

function randomPerson(rand: Rand, overrides: Partial<Person> = {}): Person {
  const ethnicity: Ethnicity = overrides.ethnicity ?? (chance(rand, 0.72) ? "kz" : "ru");
  const gender: Gender = overrides.gender ?? (chance(rand, 0.5) ? "m" : "f");
  const surname =
    ethnicity === "kz"
      ? chance(rand, 0.1)
        ? undefined
        : pick(rand, KAZAKH_SURNAMES)
      : ((name: string) => [name, name] as const)(pick(rand, RUSSIAN_SURNAMES));
  return {
    ethnicity,
    gender,
    first: pick(rand, firstNames(ethnicity, gender)),
    ...randomFather(rand, ethnicity),
    ...(surname ? { surname } : {}),
    birth: randomBirth(rand),
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------
// Writing a person's name

/** Systems a name is written in. */
export const SYSTEMS = ["kk_cyr", "ru_cyr", "lat2021", "icao", "icao_ru", "bgn", "informal"] as const;
export type System = (typeof SYSTEMS)[number];
const CYRILLIC_SYSTEMS: readonly System[] = ["kk_cyr", "ru_cyr"];
const LATIN_SYSTEMS: readonly System[] = ["lat2021", "icao", "icao_ru", "bgn", "informal"];

interface NameParts {
  first: string;
  patronymic: string;
  surname?: string;
}

/** The Kazakh-language and Russian-language forms of a person's name, in Cyrillic. */
function cyrillicParts(person: Person, language: "kk" | "ru", bareSurname: boolean): NameParts {
  const female = person.gender === "f";
  if (person.ethnicity === "ru" || language === "ru") {
    const first = person.first[1];
    const patronymic = person.fatherPatronymicRu[female ? 1 : 0];
    const surname = person.surname
      ? female
        ? femaleSurname(person.surname[1])
        : person.surname[1]
      : undefined;
    // A Kazakh name without a surname keeps its patronymic form in Russian too.
    if (!person.surname && person.ethnicity === "kz" && language === "ru") {
      return { first, patronymic };
    }
    return { first, patronymic, ...(surname ? { surname } : {}) };
  }
  const first = person.first[0];
  const patronymic = person.father[0] + (female ? "қызы" : "ұлы");
  if (!person.surname) return { first, patronymic };
  // New-style Kazakh surnames drop the Russian ending: Ахметов → Ахмет, Жұмабаев → Жұмабай.
  const male = person.surname[0];
  const bare = bareSurname ? male.replace(/аев$/, "ай").replace(/(ов|ев)$/, "") : undefined;
  const surname = bare ?? (female ? femaleSurname(male) : male);
  return { first, patronymic, surname };
}

/** Informal Latin habits for each Cyrillic letter (from Russian or Kazakh Cyrillic). */
const INFORMAL: Readonly<Record<string, readonly string[]>> = {
  а: ["a"],
  ә: ["a", "a", "ä"],
  б: ["b"],
  в: ["v"],
  г: ["g"],
  ғ: ["g", "gh"],
  д: ["d"],
  е: ["e"],
  ё: ["yo", "e"],
  ж: ["zh", "zh", "j"],
  з: ["z"],
  и: ["i"],
  й: ["y", "i"],
  к: ["k"],
  қ: ["k", "k", "q"],
  л: ["l"],
  м: ["m"],
  н: ["n"],
  ң: ["n", "ng"],
  о: ["o"],
  ө: ["o", "o", "ö"],
  п: ["p"],
  р: ["r"],
  с: ["s"],
  т: ["t"],
  у: ["u"],
  ұ: ["u"],
  ү: ["u", "u", "ü"],
  ф: ["f"],
  х: ["kh", "h"],
  һ: ["h"],
  ц: ["ts", "tz"],
  ч: ["ch"],
  ш: ["sh"],
  щ: ["shch", "sch"],
  ъ: [""],
  ы: ["y", "y", "i"],
  і: ["i"],
  ь: ["", "", "'"],
  э: ["e"],
  ю: ["yu", "iu"],
  я: ["ya", "ia"],
};

const CYR_VOWELS = new Set([..."аәеёиоөуұүыіэюя"]);

/** Writes a Cyrillic word the way a clerk without a standard might. */
function informalWord(word: string, rand: Rand): string {
  const lower = word.toLowerCase();
  const letters = [...lower];
  let out = "";
  letters.forEach((ch, i) => {
    const prev = letters[i - 1];
    const next = letters[i + 1];
    if (ch === "е" && (prev === undefined || CYR_VOWELS.has(prev))) {
      out += chance(rand, 0.6) ? "ye" : "e";
      return;
    }
    // Passport-era habit: a single с between vowels written "ss" so it is not read as z.
    if (
      ch === "с" &&
      prev !== undefined &&
      next !== undefined &&
      CYR_VOWELS.has(prev) &&
      CYR_VOWELS.has(next)
    ) {
      out += chance(rand, 0.5) ? "ss" : "s";
      return;
    }
    const options = INFORMAL[ch];
    out += options ? pick(rand, options) : ch;
  });
  return out.charAt(0).toUpperCase() + out.slice(1);
}

function writeWord(word: string, system: System, rand: Rand): string {
  switch (system) {
    case "kk_cyr":
    case "ru_cyr":
      return word;
    case "lat2021":
      return toLat2021(word);
    case "icao":
    case "icao_ru":
      return toIcao(word);
    case "bgn":
      return toBgn(word);
    case "informal":
      return informalWord(word, rand);
  }
}

interface WriteOptions {
  dropPatronymic: boolean;
  /** Put one clerical error into this part before writing it out. */
  typo?: "first" | "surname";
}

/** Letters clerks confuse by sound or by keyboard neighbourhood. */
const CONFUSABLE: Readonly<Record<string, string>> = {
  е: "и",
  и: "е",
  а: "о",
  о: "а",
  с: "з",
  з: "с",
  т: "д",
  д: "т",
  н: "м",
  м: "н",
  л: "д",
  к: "г",
  г: "к",
  б: "п",
  п: "б",
  р: "л",
  у: "ю",
  ы: "и",
  і: "и",
};

/** One clerical error in a word: a confused letter, a dropped letter, a doubled letter, a swap. */
function typo(word: string, rand: Rand): string {
  const letters = [...word];
  if (letters.length < 4) return word;
  const i = int(rand, 1, letters.length - 2);
  const ch = letters[i] ?? "";
  const next = letters[i + 1] ?? "";
  const r = rand();
  if (r < 0.4 && CONFUSABLE[ch]) letters[i] = CONFUSABLE[ch] ?? ch;
  else if (r < 0.65) letters.splice(i, 1);
  else if (r < 0.85) letters.splice(i, 0, ch);
  else {
    letters[i] = next;
    letters[i + 1] = ch;
  }
  return letters.join("");
}

/** Writes a person's full name in a system, in a random order, maybe without the patronymic. */
function writeName(person: Person, system: System, rand: Rand, options: WriteOptions): string {
  const language =
    system === "ru_cyr" || system === "icao_ru" || (system === "informal" && chance(rand, 0.6));
  const bareSurname = !language && (system === "kk_cyr" || system === "lat2021") && chance(rand, 0.1);
  const clean = cyrillicParts(person, language ? "ru" : "kk", bareSurname);
  const parts: NameParts = {
    ...clean,
    first: options.typo === "first" ? typo(clean.first, rand) : clean.first,
    ...(clean.surname !== undefined
      ? { surname: options.typo === "surname" ? typo(clean.surname, rand) : clean.surname }
      : {}),
  };
  const first = writeWord(parts.first, system, rand);
  // A name without a surname keeps its patronymic: a bare first name is not a record.
  const dropPatronymic = options.dropPatronymic && parts.surname !== undefined;
  const patronymic = dropPatronymic ? undefined : writeWord(parts.patronymic, system, rand);
  const surname = parts.surname === undefined ? undefined : writeWord(parts.surname, system, rand);
  const orders: Array<Array<string | undefined>> = [
    [surname, first, patronymic],
    [first, patronymic, surname],
    [first, surname, patronymic],
  ];
  const words = pick(rand, orders).filter((w): w is string => w !== undefined);
  const text = words.join(" ");
  if (system === "icao" || system === "icao_ru") return text.toUpperCase();
  if (system !== "kk_cyr" && system !== "ru_cyr" && chance(rand, 0.2)) return text.toUpperCase();
  return text;
}

// ---------------------------------------------------------------------------------------------
// Identifiers and dates

/** A valid IIN for a birth date and gender (century digit, serial, mod-11 control digit). */
function makeIin(person: Person, rand: Rand): string {
  const { year, month, day } = person.birth;
  const centuryBase = year >= 2000 ? 5 : 3;
  const centuryDigit = centuryBase + (person.gender === "f" ? 1 : 0);
  for (;;) {
    const body = `${pad(year % 100)}${pad(month)}${pad(day)}${centuryDigit}${String(int(rand, 0, 9999)).padStart(4, "0")}`;
    const digits = [...body].map(Number);
    const sum = (weights: number[]): number => weights.reduce((s, w, i) => s + w * (digits[i] ?? 0), 0) % 11;
    let control = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    if (control === 10) control = sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
    if (control !== 10) return body + String(control);
  }
}

function makeDocument(rand: Rand): string {
  return chance(rand, 0.5)
    ? `N${String(int(rand, 0, 99_999_999)).padStart(8, "0")}`
    : String(int(rand, 0, 999_999_999)).padStart(9, "0");
}

function fullDate(person: Person): string {
  return `${person.birth.year}-${pad(person.birth.month)}-${pad(person.birth.day)}`;
}

/**
 * How a side records the birth date. Records also carry honest mistakes: a year computed from
 * an age ("year_off", one year out) and day and month swapped ("swapped").
 */
type DateForm = "full" | "year" | "none" | "year_off" | "swapped";

function writeDate(person: Person, form: DateForm, rand: Rand): string | undefined {
  const { year, month, day } = person.birth;
  switch (form) {
    case "none":
      return undefined;
    case "full":
      return fullDate(person);
    case "year":
      return String(year);
    case "year_off":
      return String(year + (chance(rand, 0.5) ? 1 : -1));
    case "swapped":
      return day <= 12 ? `${year}-${pad(day)}-${pad(month)}` : String(year);
  }
}

// ---------------------------------------------------------------------------------------------
// Pairs

interface SideSpec {
  system: System;
  dropPatronymic: boolean;
  date: DateForm;
  /** Add a second spelling (an applicant's passport Latin beside the Cyrillic form). */
  passportSpelling: boolean;
  iin: boolean;
  document: "same" | "other" | "none";
  typo?: "first" | "surname";
}

function writeSide(person: Person, spec: SideSpec, rand: Rand, iin: string, document: string): EvalPerson {
  const names = [
    writeName(person, spec.system, rand, {
      dropPatronymic: spec.dropPatronymic,
      ...(spec.typo ? { typo: spec.typo } : {}),
    }),
  ];
  if (spec.passportSpelling) names.push(writeName(person, "icao", rand, { dropPatronymic: true }));
  const birthDate = writeDate(person, spec.date, rand);
  return {
    names,
    ...(birthDate ? { birthDate } : {}),
    ...(spec.iin ? { iin } : {}),
    ...(spec.document === "same" ? { documentNumber: document } : {}),
    ...(spec.document === "other" ? { documentNumber: makeDocument(rand) } : {}),
  };
}

/** The applicant side: a form filled in Cyrillic, a full birth date. */
function applicantSpec(rand: Rand, system?: System): SideSpec {
  return {
    system: system ?? pick(rand, CYRILLIC_SYSTEMS),
    dropPatronymic: chance(rand, 0.1),
    date: "full",
    passportSpelling: chance(rand, 0.15),
    iin: chance(rand, 0.4),
    document: chance(rand, 0.3) ? "same" : "none",
  };
}

/** The record side: any system, often only the birth year. */
function recordSpec(rand: Rand, system: System, allowMissingDate: boolean): SideSpec {
  const r = rand();
  const date: DateForm =
    r < 0.4
      ? "full"
      : r < 0.8
        ? "year"
        : r < 0.87
          ? "year_off"
          : r < 0.92
            ? "swapped"
            : allowMissingDate
              ? "none"
              : "year";
  return {
    system,
    dropPatronymic: chance(rand, 0.3),
    date,
    passportSpelling: false,
    iin: chance(rand, 0.12),
    document: chance(rand, 0.1) ? (chance(rand, 0.5) ? "same" : "other") : "none",
  };
}

function positivePair(rand: Rand, id: number, kind: "cross_script" | "same_script" | "typo"): EvalPair {
  const person = randomPerson(rand);
  const iin = makeIin(person, rand);
  const document = makeDocument(rand);
  let systemA: System;
  let systemB: System;
  if (kind === "cross_script") {
    systemA = pick(rand, CYRILLIC_SYSTEMS);
    systemB = pick(rand, LATIN_SYSTEMS);
  } else if (kind === "typo") {
    systemA = pick(rand, CYRILLIC_SYSTEMS);
    systemB = pick(rand, SYSTEMS);
  } else if (chance(rand, 0.6)) {
    systemA = pick(rand, CYRILLIC_SYSTEMS);
    systemB = pick(rand, CYRILLIC_SYSTEMS);
  } else {
    systemA = pick(rand, LATIN_SYSTEMS);
    systemB = pick(
      rand,
      LATIN_SYSTEMS.filter((s) => s !== systemA),
    );
  }
  const specA = applicantSpec(rand, systemA);
  const specB = recordSpec(rand, systemB, true);
  if (kind === "typo") {
    specB.typo = person.surname && chance(rand, 0.5) ? "surname" : "first";
    // A record with a typo and no date at all is beyond what names alone can settle.
    if (specB.date === "none") specB.date = "year";
  }
  // The two documents must agree when both sides carry "same"; otherwise only one side shows it.
  if (specA.document === "same" && specB.document === "other") specB.document = "none";
  const a = writeSide(person, specA, rand, iin, document);
  const b = writeSide(person, specB, rand, iin, document);
  const swap = chance(rand, 0.5);
  return {
    id,
    kind,
    label: 1,
    a: swap ? b : a,
    b: swap ? a : b,
    note: swap ? `${systemB}>${systemA}` : `${systemA}>${systemB}`,
  };
}

/** Writes two different people as applicant and record, each in its own random system. */
function negativePair(
  rand: Rand,
  id: number,
  kind: EvalKind,
  one: Person,
  two: Person,
  dates: [DateForm, DateForm],
): EvalPair {
  const systemA = pick(rand, chance(rand, 0.7) ? CYRILLIC_SYSTEMS : SYSTEMS);
  const systemB = pick(rand, SYSTEMS);
  const specA = { ...applicantSpec(rand, systemA), date: dates[0] };
  const specB = { ...recordSpec(rand, systemB, false), date: dates[1] };
  const a = writeSide(one, specA, rand, makeIin(one, rand), makeDocument(rand));
  const b = writeSide(
    two,
    { ...specB, document: specB.document === "same" ? "other" : specB.document },
    rand,
    makeIin(two, rand),
    makeDocument(rand),
  );
  return { id, kind, label: 0, a, b, note: `${systemA}>${systemB}` };
}

function shiftYear(birth: Person["birth"], minGap: number, maxGap: number, rand: Rand): Person["birth"] {
  const gap = int(rand, minGap, maxGap) * (chance(rand, 0.5) ? 1 : -1);
  const year = birth.year + gap;
  return {
    year: year > 2008 ? birth.year - Math.abs(gap) : year,
    month: int(rand, 1, 12),
    day: int(rand, 1, 28),
  };
}

function recordDate(rand: Rand): DateForm {
  return chance(rand, 0.5) ? "full" : "year";
}

/** For negatives whose names differ: the record may hold no date at all. */
function recordDateOrNone(rand: Rand): DateForm {
  return chance(rand, 0.25) ? "none" : recordDate(rand);
}

function siblingPair(rand: Rand, id: number): EvalPair {
  const one = randomPerson(rand);
  let first = pick(rand, firstNames(one.ethnicity, one.gender));
  const gender: Gender = chance(rand, 0.7) ? one.gender : one.gender === "m" ? "f" : "m";
  if (gender !== one.gender) first = pick(rand, firstNames(one.ethnicity, gender));
  while (first[0] === one.first[0]) first = pick(rand, firstNames(one.ethnicity, gender));
  const two: Person = { ...one, gender, first, birth: shiftYear(one.birth, 1, 12, rand) };
  return negativePair(rand, id, "sibling", one, two, ["full", recordDateOrNone(rand)]);
}

function fatherChildPair(rand: Rand, id: number): EvalPair {
  const child = randomPerson(rand, { ethnicity: chance(rand, 0.75) ? "kz" : "ru" });
  const male = firstNames(child.ethnicity, "m");
  const fatherFirst = male.find(([kk]) => kk === child.father[0]) ?? child.father;
  const fatherBirth = shiftYear(child.birth, 20, 40, rand);
  const father: Person = withSurname(
    {
      ...randomPerson(rand, { ethnicity: child.ethnicity, gender: "m" }),
      first: fatherFirst,
      birth: { ...fatherBirth, year: Math.min(fatherBirth.year, child.birth.year - 18) },
    },
    child.surname,
  );
  const swap = chance(rand, 0.5);
  return negativePair(rand, id, "father_child", swap ? father : child, swap ? child : father, [
    "full",
    recordDateOrNone(rand),
  ]);
}

/** Another person of the same ethnicity and gender, whose father is someone else. */
function otherFamily(rand: Rand, one: Person, overrides: Partial<Person> = {}): Person {
  for (;;) {
    const other = randomPerson(rand, { ethnicity: one.ethnicity, gender: one.gender, ...overrides });
    if (other.father[0] !== one.father[0]) return other;
  }
}

function namesakePair(rand: Rand, id: number): EvalPair {
  const one = randomPerson(rand);
  const other = otherFamily(rand, one);
  const two = withSurname(
    { ...other, first: one.first, birth: shiftYear(one.birth, 3, 30, rand) },
    one.surname,
  );
  return negativePair(rand, id, "namesake", one, two, ["full", recordDate(rand)]);
}

function sameNameDiffYearPair(rand: Rand, id: number): EvalPair {
  const one = randomPerson(rand);
  const two: Person = { ...one, birth: shiftYear(one.birth, 2, 8, rand) };
  return negativePair(rand, id, "same_name_diff_year", one, two, ["full", recordDate(rand)]);
}

function oneLetterPair(rand: Rand, id: number): EvalPair {
  const [x, y, ethnicity, gender] = pick(rand, ONE_LETTER_PAIRS);
  const pool = firstNames(ethnicity, gender);
  const find = (name: string): readonly [string, string] => pool.find(([kk]) => kk === name) ?? [name, name];
  const one = randomPerson(rand, { ethnicity, gender, first: find(x) });
  const other = otherFamily(rand, one, { first: find(y) });
  // Same surname, another father; born the same year a third of the time (on a different day).
  const sameYear = chance(rand, 0.33);
  const birth = sameYear
    ? { year: one.birth.year, month: (one.birth.month % 12) + 1, day: int(rand, 1, 28) }
    : other.birth;
  const two = withSurname({ ...other, birth }, one.surname);
  return negativePair(rand, id, "one_letter", one, two, ["full", chance(rand, 0.25) ? "none" : "full"]);
}

function unrelatedPair(rand: Rand, id: number): EvalPair {
  const one = randomPerson(rand);
  const other = randomPerson(rand);
  const two: Person = { ...other, birth: { ...other.birth, year: one.birth.year } };
  return negativePair(rand, id, "unrelated", one, two, ["full", recordDateOrNone(rand)]);
}

/** How many pairs of each kind the default set holds. */
export const DEFAULT_MIX: Readonly<Record<EvalKind, number>> = {
  cross_script: 700,
  same_script: 420,
  typo: 120,
  sibling: 250,
  father_child: 170,
  namesake: 250,
  one_letter: 230,
  same_name_diff_year: 200,
  unrelated: 100,
};

/** Generates the labelled pairs for a seed; the same seed always gives the same pairs. */
export function generatePairs(
  seed: number,
  mix: Readonly<Record<EvalKind, number>> = DEFAULT_MIX,
): EvalPair[] {
  const rand = rng(seed);
  const pairs: EvalPair[] = [];
  const makers: Record<EvalKind, (id: number) => EvalPair> = {
    cross_script: (id) => positivePair(rand, id, "cross_script"),
    same_script: (id) => positivePair(rand, id, "same_script"),
    typo: (id) => positivePair(rand, id, "typo"),
    sibling: (id) => siblingPair(rand, id),
    father_child: (id) => fatherChildPair(rand, id),
    namesake: (id) => namesakePair(rand, id),
    one_letter: (id) => oneLetterPair(rand, id),
    same_name_diff_year: (id) => sameNameDiffYearPair(rand, id),
    unrelated: (id) => unrelatedPair(rand, id),
  };
  for (const kind of Object.keys(mix) as EvalKind[]) {
    for (let i = 0; i < mix[kind]; i += 1) pairs.push(makers[kind](pairs.length + 1));
  }
  return pairs;
}

/** Seed of the committed evaluation set. */
export const EVAL_SEED = 20_260_418;

// ---------------------------------------------------------------------------------------------
// CSV

/** Columns of pairs.csv; names columns hold one or more spellings joined by NAMES_SEPARATOR. */
export const CSV_HEADER = [
  "id",
  "kind",
  "label",
  "a_names",
  "a_birth",
  "a_iin",
  "a_doc",
  "b_names",
  "b_birth",
  "b_iin",
  "b_doc",
  "note",
] as const;

/** Spellings of one side are joined with this separator inside the names column. */
export const NAMES_SEPARATOR = " | ";

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes pairs as CSV (RFC 4180 quoting, LF line ends, trailing newline). */
export function toCsv(pairs: readonly EvalPair[]): string {
  const side = (p: EvalPerson): string[] => [
    p.names.join(NAMES_SEPARATOR),
    p.birthDate ?? "",
    p.iin ?? "",
    p.documentNumber ?? "",
  ];
  const rows = pairs.map((pair) =>
    [String(pair.id), pair.kind, String(pair.label), ...side(pair.a), ...side(pair.b), pair.note]
      .map(csvField)
      .join(","),
  );
  return `${[CSV_HEADER.join(","), ...rows].join("\n")}\n`;
}

/** Splits CSV text into rows of fields (RFC 4180 quoting). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else if (ch !== "\r") field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Reads pairs back from CSV text written by toCsv. */
export function parseCsv(text: string): EvalPair[] {
  const [header, ...rows] = csvRows(text);
  if (!header || header.join(",") !== CSV_HEADER.join(",")) throw new Error("unexpected CSV header");
  return rows.map((cells) => {
    const get = (i: number): string => cells[i] ?? "";
    const side = (offset: number): EvalPerson => {
      const birthDate = get(offset + 1);
      const iin = get(offset + 2);
      const documentNumber = get(offset + 3);
      return {
        names: get(offset).split(NAMES_SEPARATOR),
        ...(birthDate ? { birthDate } : {}),
        ...(iin ? { iin } : {}),
        ...(documentNumber ? { documentNumber } : {}),
      };
    };
    return {
      id: Number(get(0)),
      kind: get(1) as EvalKind,
      label: get(2) === "1" ? 1 : 0,
      a: side(3),
      b: side(7),
      note: get(11),
    };
  });
}
