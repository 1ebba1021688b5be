import { z } from "zod";
import { fieldMessage } from "./field-message.js";
import type { Translated } from "./i18n.js";

/** The parts of a schema-validation issue that the messages need. */
export interface IssueFacts {
  code: string;
  field: string;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
  keys?: string[];
  /** The values allowed (an enum's or a literal's). */
  values?: readonly unknown[];
}

/** The reason of a validation issue in kk/ru/en, without the field (schema messages are English-only). */
export function issueReason(issue: Omit<IssueFacts, "field">): Translated {
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "undefined" || issue.expected === "never"
        ? {
            kk: `бұл өріс рұқсат етілмеген`,
            ru: `это поле не допускается`,
            en: `this field is not allowed`,
          }
        : typeReason(issue.expected);
    case "too_small":
      return issue.origin === "string" || issue.origin === "array"
        ? {
            kk: `тым қысқа (кемінде ${issue.minimum})`,
            ru: `слишком короткое (не менее ${issue.minimum})`,
            en: `too short (at least ${issue.minimum})`,
          }
        : {
            kk: `тым кіші (кемінде ${issue.minimum})`,
            ru: `слишком мало (не менее ${issue.minimum})`,
            en: `too small (at least ${issue.minimum})`,
          };
    case "too_big":
      return issue.origin === "string" || issue.origin === "array"
        ? {
            kk: `тым ұзын (ең көбі ${issue.maximum})`,
            ru: `слишком длинное (не более ${issue.maximum})`,
            en: `too long (at most ${issue.maximum})`,
          }
        : {
            kk: `тым үлкен (ең көбі ${issue.maximum})`,
            ru: `слишком велико (не более ${issue.maximum})`,
            en: `too large (at most ${issue.maximum})`,
          };
    case "invalid_format":
    case "invalid_string": {
      const format = shownFormat(issue.format);
      return {
        kk: `пішімі қате${format.kk}`,
        ru: `неверный формат${format.ru}`,
        en: `wrong format${format.en}`,
      };
    }
    case "invalid_value":
    case "invalid_enum_value":
    case "invalid_union": {
      const allowed = allowedValues(issue.values);
      return {
        kk: `рұқсат етілмеген мән${allowed ? ` (рұқсат етілгені: ${allowed})` : ""}`,
        ru: `недопустимое значение${allowed ? ` (допустимо: ${allowed})` : ""}`,
        en: `value not allowed${allowed ? ` (one of: ${allowed})` : ""}`,
      };
    }
    case "unrecognized_keys": {
      const keys = (issue.keys ?? []).join(", ");
      return {
        kk: `белгісіз өрістер: ${keys}`,
        ru: `неизвестные поля: ${keys}`,
        en: `unknown fields: ${keys}`,
      };
    }
    default:
      return { kk: `мән қате`, ru: `неверное значение`, en: `invalid value` };
  }
}

/** A name with no translation (a type or format zod may add later), the same in every language. */
function asIs(name: string): Translated {
  return { kk: name, ru: name, en: name };
}

/** What a field of the wrong type should have been, named in each language. */
const TYPE_NAMES: Record<string, Translated> = {
  string: { kk: "мәтін", ru: "строка", en: "text" },
  number: { kk: "сан", ru: "число", en: "number" },
  int: { kk: "бүтін сан", ru: "целое число", en: "whole number" },
  bigint: { kk: "бүтін сан", ru: "целое число", en: "whole number" },
  boolean: { kk: "true не false", ru: "true или false", en: "true or false" },
  array: { kk: "тізім […]", ru: "список […]", en: "list […]" },
  object: { kk: "нысан {…}", ru: "объект {…}", en: "object {…}" },
  date: { kk: "күн", ru: "дата", en: "date" },
};

/** A missing field or one of the wrong type, naming the type expected in the reader's language. */
function typeReason(expected: string | undefined): Translated {
  const name = TYPE_NAMES[expected ?? ""] ?? asIs(expected ?? "?");
  return {
    kk: `міндетті өріс немесе түрі қате (күтілгені: ${name.kk})`,
    ru: `обязательное поле отсутствует или неверного типа (ожидается: ${name.ru})`,
    en: `missing or of the wrong type (expected ${name.en})`,
  };
}

/** Formats named in each language; other names are shown as they are. */
const FORMAT_NAMES: Record<string, Translated> = {
  date: { kk: "күн, ЖЖЖЖ-АА-КК", ru: "дата, ГГГГ-ММ-ДД", en: "date, YYYY-MM-DD" },
  datetime: {
    kk: "уақыт, ISO 8601 (2026-12-06T09:30:00Z)",
    ru: "время, ISO 8601 (2026-12-06T09:30:00Z)",
    en: "date and time, ISO 8601 (2026-12-06T09:30:00Z)",
  },
  time: { kk: "уақыт, СС:ММ", ru: "время, ЧЧ:ММ", en: "time, HH:MM" },
  email: { kk: "электрондық пошта мекенжайы", ru: "адрес электронной почты", en: "e-mail address" },
  uuid: { kk: "идентификатор (UUID)", ru: "идентификатор (UUID)", en: "identifier (UUID)" },
  guid: { kk: "идентификатор (UUID)", ru: "идентификатор (UUID)", en: "identifier (UUID)" },
  url: { kk: "веб-мекенжай (URL)", ru: "веб-адрес (URL)", en: "web address (URL)" },
};

/** A format's name as shown after a format reason; "regex" tells a user nothing, so it is left out. */
function shownFormat(format: string | undefined): Translated {
  if (!format || format === "regex") return { kk: "", ru: "", en: "" };
  const name = FORMAT_NAMES[format] ?? asIs(format);
  return { kk: ` (${name.kk})`, ru: ` (${name.ru})`, en: ` (${name.en})` };
}

/** Most allowed values listed; a longer list is for the API's documentation, not a message. */
const MAX_LISTED_VALUES = 12;

/** The allowed values as a message lists them, or "" when there are none or too many to list. */
function allowedValues(values: readonly unknown[] | undefined): string {
  if (!values || values.length === 0 || values.length > MAX_LISTED_VALUES) return "";
  return values.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ");
}

/** Explains a validation issue in kk/ru/en, naming the field; unknown keys name themselves. */
export function describeIssue(issue: IssueFacts): Translated {
  const reason = issueReason(issue);
  return issue.code === "unrecognized_keys" ? reason : withField(issue.field, reason);
}

/** "field: reason" in every language. */
function withField(field: string, reason: Translated): Translated {
  return {
    kk: fieldMessage(field, reason.kk),
    ru: fieldMessage(field, reason.ru),
    en: fieldMessage(field, reason.en),
  };
}

/**
 * A custom check's message in kk/ru/en, for `.refine(check, customMessage(…))` and
 * `ctx.addIssue({ code: "custom", …customMessage(…) })`: zod keeps the English as its message and
 * the three texts in the issue's params, where `issueDetail` finds them.
 */
export function customMessage(text: Translated): { message: string; params: { text: Translated } } {
  return { message: text.en, params: { text } };
}

/** The parts of a zod issue that `issueDetail` reads. */
export interface IssueLike {
  code: string;
  message?: string;
  params?: Record<string, unknown> | undefined;
}

/**
 * The reason of a schema issue in kk/ru/en, without the field: a custom check's own texts
 * (customMessage), a standard issue through issueReason, a custom check without texts by its message.
 */
export function schemaIssueReason(issue: IssueLike | undefined): Translated {
  if (!issue) return issueReason({ code: "custom" });
  const own = issue.params?.text as Partial<Translated> | undefined;
  if (own && typeof own.kk === "string" && typeof own.ru === "string" && typeof own.en === "string") {
    return { kk: own.kk, ru: own.ru, en: own.en };
  }
  if (issue.code === "custom" && issue.message) {
    return { kk: issue.message, ru: issue.message, en: issue.message };
  }
  return issueReason(issue as unknown as Omit<IssueFacts, "field">);
}

/** Explains a schema issue about `field` in kk/ru/en (see schemaIssueReason); unknown keys name themselves. */
export function issueDetail(issue: IssueLike | undefined, field: string): Translated {
  const reason = schemaIssueReason(issue);
  return issue?.code === "unrecognized_keys" ? reason : withField(field, reason);
}

/** A required text left empty. */
export const REQUIRED: Translated = { kk: "міндетті өріс", ru: "обязательное поле", en: "required" };

/** A date that must exist in the calendar. */
export const CALENDAR_DATE: Translated = {
  kk: "күнтізбеде бар күн, ЖЖЖЖ-АА-КК",
  ru: "существующая дата в формате ГГГГ-ММ-ДД",
  en: "a real calendar date YYYY-MM-DD",
};

/** An IIN's format (its check digit is checked where it matters). */
export const IIN_FORMAT: Translated = { kk: "12 цифр", ru: "12 цифр", en: "12 digits" };

/** A KATO code's format. */
export const KATO_FORMAT: Translated = {
  kk: "ҚАТО коды: 9 цифр",
  ru: "код КАТО: 9 цифр",
  en: "KATO code: 9 digits",
};

/**
 * A string matching `pattern`, refused with `text` in kk/ru/en (a regex check's own message would
 * reach users in English only); the pattern still documents the API. `base` carries checks that
 * come first (e.g. trimming).
 */
export function matching(pattern: RegExp, text: Translated, base: z.ZodString = z.string()) {
  return base.refine((value) => pattern.test(value), customMessage(text)).meta({ pattern: pattern.source });
}

/** A non-empty string (after trimming) of at most `max` characters, refused in kk/ru/en. */
export function filled(max: number) {
  return z
    .string()
    .trim()
    .refine((value) => value.length > 0, customMessage(REQUIRED))
    .max(max)
    .meta({ minLength: 1 });
}

/** A date written YYYY-MM-DD, refused in kk/ru/en (whether the day exists is checked where used). */
export const isoDateString = () =>
  matching(/^\d{4}-\d{2}-\d{2}$/, {
    kk: "күн, ЖЖЖЖ-АА-КК",
    ru: "дата в формате ГГГГ-ММ-ДД",
    en: "YYYY-MM-DD",
  });
