import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { AppError } from "../../core/errors.js";
import { MAX_MEMBERS, type RowReport, validateTable } from "../../core/petitions/index.js";

/** Largest list file accepted. */
export const MAX_LIST_BYTES = 2 * 1024 * 1024;

const unreadable = (reason: { kk: string; ru: string; en: string }) =>
  new AppError("PETITION_FILE_UNREADABLE", { field: "file", params: { reason } });

/** A cell of a worksheet as the text a person sees (dates as YYYY-MM-DD). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    return "";
  }
  return String(value);
}

async function xlsxTable(bytes: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw unreadable({
      kk: "XLSX файлы бүлінген",
      ru: "файл XLSX повреждён",
      en: "the XLSX file is damaged",
    });
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw unreadable({ kk: "парақ жоқ", ru: "нет листа", en: "no worksheet" });
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c).value).trim());
    table[rowNumber - 1] = cells;
  });
  return Array.from(table, (row) => row ?? []);
}

function csvTable(bytes: Buffer): string[][] {
  const textContent = bytes.toString("utf8").replace(/^\uFEFF/, "");
  if (textContent.includes("\uFFFD"))
    throw unreadable({ kk: "UTF-8 емес мәтін", ru: "текст не в UTF-8", en: "the text is not UTF-8" });
  const firstLine = textContent.split(/\r?\n/, 1)[0] ?? "";
  // Spreadsheet programs in Kazakhstan save CSV with ";" as often as with ",".
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  try {
    return parse(textContent, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (err) {
    throw unreadable({ kk: "CSV қатесі", ru: "ошибка CSV", en: `CSV error: ${(err as Error).message}` });
  }
}

/** Reads a worker list (CSV or XLSX, header row first) and validates it row by row (Z p.27 fields). */
export async function readWorkerFile(name: string, bytes: Buffer): Promise<RowReport[]> {
  if (bytes.length === 0) throw unreadable({ kk: "файл бос", ru: "файл пуст", en: "the file is empty" });
  if (bytes.length > MAX_LIST_BYTES)
    throw new AppError("BODY_TOO_LARGE", { params: { limit: MAX_LIST_BYTES } });
  const isXlsx = bytes.subarray(0, 2).toString("latin1") === "PK" || /\.xlsx$/i.test(name);
  const table = isXlsx ? await xlsxTable(bytes) : csvTable(bytes);
  if (table.length < 2)
    throw unreadable({
      kk: "тақырып пен жолдар керек",
      ru: "нужны заголовок и строки",
      en: "a header row and rows are needed",
    });
  if (table.length - 1 > MAX_MEMBERS)
    throw unreadable({
      kk: `${MAX_MEMBERS} адамнан көп емес`,
      ru: `не более ${MAX_MEMBERS} человек`,
      en: `at most ${MAX_MEMBERS} people`,
    });
  return validateTable(table);
}
