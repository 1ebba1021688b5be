/**
 * Pass numbers and register-book lines (Z-21, Z p.32, App.1). A number is the issuing unit's series,
 * the year and a gapless sequence: "ПАН-2026-000017". A register line is the same book reference with
 * a slash before the line: "ПАН-2026/000017". The database does the gapless counting (one counter per
 * unit, year and kind); these functions only format and parse, so the browser and the offline
 * verifier read numbers exactly as the server writes them.
 */
import { invalid } from "../errors.js";

/** A unit's series: 2–6 capital letters (Kazakh Cyrillic or Latin) or digits, starting with a letter. */
export const SERIES_PATTERN = /^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9]{1,5}$/u;

/** The largest sequence number a six-digit field holds; the counter must never pass it. */
export const MAX_SEQUENCE = 999_999;

/** The first year a number can carry: the Instruction's year (Z, order No 92 of 1994). */
export const MIN_YEAR = 1994;

const PASS_NUMBER = /^([^-/\s]+)-(\d{4})-(\d{6})$/u;
const REGISTER_LINE = /^([^-/\s]+)-(\d{4})\/(\d{6})$/u;

/** The parts of a pass number or of a register line. */
export interface SeriesNumber {
  /** The issuing unit's series, e.g. "ПАН". */
  series: string;
  year: number;
  /** Gapless per unit, year and kind; 1 … MAX_SEQUENCE. */
  seq: number;
}

/** True when the value is a well-formed series. */
export function isSeries(value: string): boolean {
  return SERIES_PATTERN.test(value);
}

/**
 * Derives a series from a unit's code: upper-cased, separators dropped, at most six characters.
 * Units choose their series once; this is only the default suggestion for a new unit.
 */
export function seriesFromUnitCode(code: string): string {
  const series = code
    .normalize("NFC")
    .toUpperCase()
    .replace(/[^A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9]/gu, "")
    .slice(0, 6);
  if (!isSeries(series))
    throw invalid("series", {
      kk: "бөлімше кодынан 2–6 әріп немесе цифрдан тұратын серия шықпайды",
      ru: "из кода подразделения не получается серия из 2–6 букв или цифр",
      en: "the unit code gives no series of 2–6 letters or digits",
    });
  return series;
}

/** Checks the parts, throwing VALIDATION_FAILED naming the bad one. */
function assertParts({ series, year, seq }: SeriesNumber): void {
  if (!isSeries(series))
    throw invalid("series", {
      kk: "әріптен басталатын 2–6 бас әріп немесе цифр",
      ru: "2–6 заглавных букв или цифр, начиная с буквы",
      en: "2–6 capital letters or digits, starting with a letter",
    });
  if (!Number.isInteger(year) || year < MIN_YEAR || year > 9999)
    throw invalid("year", {
      kk: "1994 жылдан ерте емес жыл",
      ru: "год не ранее 1994-го",
      en: "a year from 1994",
    });
  if (!Number.isInteger(seq) || seq < 1 || seq > MAX_SEQUENCE) {
    throw invalid("seq", {
      kk: `1 мен ${MAX_SEQUENCE} аралығындағы бүтін сан`,
      ru: `целое число от 1 до ${MAX_SEQUENCE}`,
      en: `a whole number from 1 to ${MAX_SEQUENCE}`,
    });
  }
}

/** Formats a pass number: "ПАН-2026-000017". */
export function formatPassNumber(parts: SeriesNumber): string {
  assertParts(parts);
  return `${parts.series}-${parts.year}-${String(parts.seq).padStart(6, "0")}`;
}

/** Formats a register-book line reference: "ПАН-2026/000017". */
export function formatRegisterLine(parts: SeriesNumber): string {
  assertParts(parts);
  return `${parts.series}-${parts.year}/${String(parts.seq).padStart(6, "0")}`;
}

/** Parses with one of the two shapes; undefined when the text is not exactly that shape. */
function parseWith(pattern: RegExp, text: string): SeriesNumber | undefined {
  const match = pattern.exec(text.normalize("NFC"));
  if (!match) return undefined;
  const [, series = "", year = "", seq = ""] = match;
  const parts = { series, year: Number(year), seq: Number(seq) };
  if (!isSeries(parts.series) || parts.year < MIN_YEAR || parts.seq < 1) return undefined;
  return parts;
}

/** Parses a pass number, or undefined when it is not one (no exception: input comes from scanners). */
export function parsePassNumber(text: string): SeriesNumber | undefined {
  return parseWith(PASS_NUMBER, text);
}

/** Parses a register-book line reference, or undefined when it is not one. */
export function parseRegisterLine(text: string): SeriesNumber | undefined {
  return parseWith(REGISTER_LINE, text);
}

/** True when the text is a well-formed pass number. */
export function isPassNumber(text: string): boolean {
  return parsePassNumber(text) !== undefined;
}

/**
 * Permits for foreigners and stateless persons (Z p.17) are a document of their own with their own
 * gapless series per unit and year, told apart from passes by the letter "Р" (рұқсат / разрешение):
 * "ПАН-Р-2026-000003". A pass number can never parse as a permit number and vice versa.
 */
const PERMIT_NUMBER = /^([^-/\s]+)-Р-(\d{4})-(\d{6})$/u;

/** Formats a permit number: "ПАН-Р-2026-000003". */
export function formatPermitNumber(parts: SeriesNumber): string {
  assertParts(parts);
  return `${parts.series}-Р-${parts.year}-${String(parts.seq).padStart(6, "0")}`;
}

/** Parses a permit number, or undefined when it is not one. */
export function parsePermitNumber(text: string): SeriesNumber | undefined {
  return parseWith(PERMIT_NUMBER, text);
}

/** True when the text is a well-formed permit number. */
export function isPermitNumber(text: string): boolean {
  return parsePermitNumber(text) !== undefined;
}
