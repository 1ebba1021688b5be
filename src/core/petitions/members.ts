/**
 * The people on a petition: the row every worker takes (Z p.27 fields), the row-by-row validation
 * of a typed or uploaded list, and each person's outcome from the IAB's and the NSC's results.
 */
import { z } from "zod";
import { isIsoDate } from "../eligibility/dates.js";
import type { Translated } from "../i18n.js";
import { CALENDAR_DATE, customMessage } from "../validation-messages.js";
import type { MemberCheckResult, NscResult, PetitionKind } from "./kinds.js";

const text = (max: number) => z.string().trim().min(1).max(max);

/** One worker (or released person) as the organization writes them (Z p.27, Z p.22). */
export const memberInputSchema = z.strictObject({
  surname: text(100),
  givenName: text(100),
  patronymic: z.string().trim().max(100).optional(),
  birthYear: z.number().int().min(1900).max(9999),
  address: text(300),
  documentSeries: z.string().trim().max(20).optional(),
  documentNumber: text(30),
  documentIssuedOn: z.string().refine(isIsoDate, customMessage(CALENDAR_DATE)),
  documentIssuedBy: text(200),
  /** The group leader who receives the group pass and copy 1 (Z p.10, p.27). */
  isLeader: z.boolean().default(false),
});
/** A validated member row. */
export type MemberInput = z.output<typeof memberInputSchema>;

/** Most people on one petition. */
export const MAX_MEMBERS = 500;

/** Column headers accepted in an uploaded list, by field (English, Russian and Kazakh spellings). */
export const COLUMN_ALIASES: Record<keyof MemberInput, string[]> = {
  surname: ["surname", "фамилия", "тегі"],
  givenName: ["givenname", "name", "имя", "аты"],
  patronymic: ["patronymic", "отчество", "әкесінің аты"],
  birthYear: ["birthyear", "год рождения", "туған жылы"],
  address: ["address", "адрес", "мекенжайы", "мекен-жайы"],
  documentSeries: ["documentseries", "series", "серия", "сериясы"],
  documentNumber: ["documentnumber", "number", "номер", "нөмірі"],
  documentIssuedOn: ["documentissuedon", "issuedon", "дата выдачи", "берілген күні"],
  documentIssuedBy: ["documentissuedby", "issuedby", "кем выдан", "кім берді"],
  isLeader: ["isleader", "leader", "руководитель", "жетекші"],
};

/** One problem on one row. */
export interface RowProblem {
  field: string;
  message: Translated;
}

/** The verdict on one row of an uploaded or typed list. */
export interface RowReport {
  /** 1-based line in the file (the header is line 1) or position in the form. */
  line: number;
  ok: boolean;
  problems: RowProblem[];
  member?: MemberInput;
}

const MESSAGES = {
  required: { kk: "толтыру керек", ru: "обязательное поле", en: "required" },
  year: { kk: "төрт таңбалы жыл керек", ru: "нужен год из четырёх цифр", en: "a four-digit year" },
  date: { kk: "күні ЖЖЖЖ-АА-КК түрінде", ru: "дата в виде ГГГГ-ММ-ДД", en: "a date YYYY-MM-DD" },
  tooLong: { kk: "тым ұзын", ru: "слишком длинно", en: "too long" },
  leader: { kk: "иә/жоқ (1/0)", ru: "да/нет (1/0)", en: "yes/no (1/0)" },
  duplicate: {
    kk: "бұл құжат тізімде бұрын кездесті",
    ru: "этот документ уже есть в списке",
    en: "this document is already on the list",
  },
} satisfies Record<string, Translated>;

const normalizeHeader = (header: string): string =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");

/** Maps a file's header row to fields; unknown columns are ignored. */
export function mapHeaders(headers: readonly string[]): Map<number, keyof MemberInput> {
  const byAlias = new Map<string, keyof MemberInput>();
  for (const [field, aliases] of Object.entries(COLUMN_ALIASES) as [keyof MemberInput, string[]][]) {
    for (const alias of aliases) byAlias.set(normalizeHeader(alias), field);
    byAlias.set(normalizeHeader(field), field);
  }
  const map = new Map<number, keyof MemberInput>();
  headers.forEach((header, index) => {
    const compact = normalizeHeader(header);
    const field = byAlias.get(compact) ?? byAlias.get(compact.replace(/ /g, ""));
    if (field) map.set(index, field);
  });
  return map;
}

const YES = new Set(["1", "yes", "true", "да", "иә", "y", "x", "+"]);
const NO = new Set(["", "0", "no", "false", "нет", "жоқ", "n", "-"]);

/** Validates one row given as raw strings; every problem is reported, not only the first. */
export function validateRow(line: number, raw: Partial<Record<keyof MemberInput, string>>): RowReport {
  const problems: RowProblem[] = [];
  const value = (field: keyof MemberInput) => (raw[field] ?? "").trim();
  const requireText = (field: keyof MemberInput, max: number): string | undefined => {
    const v = value(field);
    if (!v) problems.push({ field, message: MESSAGES.required });
    else if (v.length > max) problems.push({ field, message: MESSAGES.tooLong });
    return v || undefined;
  };
  const surname = requireText("surname", 100);
  const givenName = requireText("givenName", 100);
  const patronymic = value("patronymic");
  if (patronymic.length > 100) problems.push({ field: "patronymic", message: MESSAGES.tooLong });
  const yearText = value("birthYear");
  const birthYear = /^\d{4}$/.test(yearText) && Number(yearText) >= 1900 ? Number(yearText) : undefined;
  if (!yearText) problems.push({ field: "birthYear", message: MESSAGES.required });
  else if (birthYear === undefined) problems.push({ field: "birthYear", message: MESSAGES.year });
  const address = requireText("address", 300);
  const series = value("documentSeries");
  if (series.length > 20) problems.push({ field: "documentSeries", message: MESSAGES.tooLong });
  const documentNumber = requireText("documentNumber", 30);
  const issuedOn = value("documentIssuedOn");
  if (!issuedOn) problems.push({ field: "documentIssuedOn", message: MESSAGES.required });
  else if (!isIsoDate(issuedOn)) problems.push({ field: "documentIssuedOn", message: MESSAGES.date });
  const issuedBy = requireText("documentIssuedBy", 200);
  const leaderText = value("isLeader").toLowerCase();
  if (!YES.has(leaderText) && !NO.has(leaderText))
    problems.push({ field: "isLeader", message: MESSAGES.leader });
  if (
    problems.length > 0 ||
    !surname ||
    !givenName ||
    birthYear === undefined ||
    !address ||
    !documentNumber ||
    !issuedBy
  ) {
    return { line, ok: false, problems };
  }
  return {
    line,
    ok: true,
    problems,
    member: {
      surname,
      givenName,
      ...(patronymic ? { patronymic } : {}),
      birthYear,
      address,
      ...(series ? { documentSeries: series } : {}),
      documentNumber,
      documentIssuedOn: issuedOn,
      documentIssuedBy: issuedBy,
      isLeader: YES.has(leaderText),
    },
  };
}

/** Validates a table (header row first) row by row; duplicate documents are reported on the later row. */
export function validateTable(table: readonly (readonly string[])[]): RowReport[] {
  const [headers, ...rows] = table;
  if (!headers) return [];
  const columns = mapHeaders(headers);
  const seen = new Set<string>();
  const reports: RowReport[] = [];
  rows.forEach((cells, index) => {
    if (cells.every((cell) => cell.trim() === "")) return;
    const raw: Partial<Record<keyof MemberInput, string>> = {};
    for (const [column, field] of columns) raw[field] = cells[column] ?? "";
    const report = validateRow(index + 2, raw);
    if (report.member) {
      const key = `${report.member.documentSeries ?? ""}|${report.member.documentNumber}`.toUpperCase();
      if (seen.has(key)) {
        reports.push({
          line: report.line,
          ok: false,
          problems: [{ field: "documentNumber", message: MESSAGES.duplicate }],
        });
        return;
      }
      seen.add(key);
    }
    reports.push(report);
  });
  return reports;
}

/** What a person's results add up to. */
export const MEMBER_OUTCOMES = [
  "AWAITING_NSC",
  "AWAITING_CHECK",
  "AWAITING_DECISION",
  "EXCLUDED_BY_NSC",
  "REFUSED",
  "APPROVED",
  "ISSUED",
] as const;
/** One person's outcome. */
export type MemberOutcome = (typeof MEMBER_OUTCOMES)[number];

/** The results recorded on one person. */
export interface MemberResults {
  nscResult?: NscResult | null;
  checkResult?: MemberCheckResult | null;
  decision?: "APPROVED" | "REFUSED" | null;
  passNumber?: string | null;
  /** Covered by the group leader's pass (Z p.10). */
  coveredByGroupPass?: boolean;
}

/**
 * A person's outcome (Z p.27, p.30, p.31): a strip list waits for the NSC first and a person the
 * NSC refused is excluded, whatever else was recorded; then the IAB's check, then its head's decision.
 */
export function memberOutcome(kind: PetitionKind, member: MemberResults): MemberOutcome {
  if (kind === "STRIP_LIST") {
    if (member.nscResult === "REFUSED") return "EXCLUDED_BY_NSC";
    if (!member.nscResult) return "AWAITING_NSC";
  }
  if (member.decision === "REFUSED") return "REFUSED";
  if (member.decision === "APPROVED")
    return member.passNumber || member.coveredByGroupPass ? "ISSUED" : "APPROVED";
  if (!member.checkResult) return "AWAITING_CHECK";
  return "AWAITING_DECISION";
}
