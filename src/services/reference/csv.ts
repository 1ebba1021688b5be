import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { z } from "zod";
import type { Translated } from "../../core/i18n.js";
import { schemaIssueReason } from "../../core/validation-messages.js";

/** One rejected row of an import: its line in the file and why, in kk/ru/en (the edge picks one). */
export interface RowProblem {
  line: number;
  field: string;
  reason: Translated;
}

/** Why an import's rows were rejected: the reasons every import shares. */
export const IMPORT_REASONS = {
  missingColumns: { kk: "баған(дар) жоқ", ru: "нет столбца(ов)", en: "missing column(s)" },
  noRows: { kk: "жолдар жоқ", ru: "нет строк", en: "no rows" },
} satisfies Record<string, Translated>;

/** The reason of a row repeating an earlier row's key. */
export function duplicateOfLine(line: number): Translated {
  return { kk: `${line}-жолдың қайталануы`, ru: `повтор строки ${line}`, en: `duplicate of line ${line}` };
}

/** The reason of a file the CSV reader could not read (the reader's own words, in English). */
export function unreadableCsv(message: string): Translated {
  return {
    kk: `CSV файлы оқылмады: ${message}`,
    ru: `CSV-файл не прочитан: ${message}`,
    en: `unreadable CSV: ${message}`,
  };
}

/** A problem as one line of text in kk/ru/en: "line N, field: reason". */
export function problemLine(problem: RowProblem): Translated {
  const { line, field, reason } = problem;
  return {
    kk: `${line}-жол, ${field}: ${reason.kk}`,
    ru: `строка ${line}, ${field}: ${reason.ru}`,
    en: `line ${line}, ${field}: ${reason.en}`,
  };
}

/** Parses CSV text with a header row and validates every row; returns good rows and every problem. */
export function parseCsvRows<S extends z.ZodType>(
  text: string,
  rowSchema: S,
  requiredColumns: readonly string[],
): { rows: z.infer<S>[]; problems: RowProblem[] } {
  let records: Record<string, string>[];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
    }) as Record<string, string>[];
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    return { rows: [], problems: [{ line, field: "*", reason: unreadableCsv((err as Error).message) }] };
  }
  const header = records.length > 0 ? Object.keys(records[0] ?? {}) : firstLineColumns(text);
  const missing = requiredColumns.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    return {
      rows: [],
      problems: [{ line: 1, field: missing.join(","), reason: IMPORT_REASONS.missingColumns }],
    };
  }
  const rows: z.infer<S>[] = [];
  const problems: RowProblem[] = [];
  records.forEach((record, index) => {
    const parsed = rowSchema.safeParse(record);
    if (parsed.success) rows.push(parsed.data);
    else {
      for (const issue of parsed.error.issues) {
        problems.push({
          line: index + 2,
          field: issue.path.join(".") || "*",
          reason: schemaIssueReason(issue),
        });
      }
    }
  });
  return { rows, problems };
}

function firstLineColumns(text: string): string[] {
  const first = text.replace(/^\uFEFF/, "").split(/\r?\n/)[0] ?? "";
  return first.split(",").map((h) => h.trim().toLowerCase());
}

/** Writes rows as CSV with a header. */
export function toCsv(columns: readonly string[], rows: Record<string, unknown>[]): string {
  return stringify(rows, { header: true, columns: [...columns] });
}
