import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { z } from "zod";

/** One rejected row of an import: its line in the file and why. */
export interface RowProblem {
  line: number;
  field: string;
  reason: string;
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
    return { rows: [], problems: [{ line, field: "*", reason: (err as Error).message }] };
  }
  const header = records.length > 0 ? Object.keys(records[0] ?? {}) : firstLineColumns(text);
  const missing = requiredColumns.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    return { rows: [], problems: [{ line: 1, field: missing.join(","), reason: "missing column(s)" }] };
  }
  const rows: z.infer<S>[] = [];
  const problems: RowProblem[] = [];
  records.forEach((record, index) => {
    const parsed = rowSchema.safeParse(record);
    if (parsed.success) rows.push(parsed.data);
    else {
      for (const issue of parsed.error.issues) {
        problems.push({ line: index + 2, field: issue.path.join(".") || "*", reason: issue.message });
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
