import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readWorkerFile } from "../src/services/petitions/worker-file.js";

describe("worker list files", () => {
  it("reads an XLSX sheet with date cells and Kazakh headers, row by row", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Тізім");
    sheet.addRow([
      "Тегі",
      "Аты",
      "Туған жылы",
      "Мекенжайы",
      "Нөмірі",
      "Берілген күні",
      "Кім берді",
      "Жетекші",
    ]);
    sheet.addRow(["Әлиев", "Бек", 1980, "Жаркент", "N1", new Date(Date.UTC(2010, 4, 5)), "ІІМ", "иә"]);
    sheet.addRow(["Сейітова", "Айна", "жыл", "Жаркент", "N2", "2011-06-07", "ІІМ", ""]);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const rows = await readWorkerFile("list.xlsx", bytes);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      line: 2,
      ok: true,
      member: { surname: "Әлиев", birthYear: 1980, documentIssuedOn: "2010-05-05", isLeader: true },
    });
    expect(rows[1]).toMatchObject({ line: 3, ok: false });
    expect(rows[1]?.problems.map((p) => p.field)).toEqual(["birthYear"]);
  });

  it("reads a comma CSV with a byte-order mark", async () => {
    const csv =
      "\uFEFFsurname,givenName,birthYear,address,documentNumber,documentIssuedOn,documentIssuedBy\nAli,Bek,1980,Zharkent,N1,2010-05-05,MIA\n";
    const rows = await readWorkerFile("list.csv", Buffer.from(csv));
    expect(rows).toEqual([expect.objectContaining({ line: 2, ok: true })]);
  });

  it.each([
    ["empty", Buffer.alloc(0), "PETITION_FILE_UNREADABLE"],
    ["header only", Buffer.from("surname,givenName\n"), "PETITION_FILE_UNREADABLE"],
    ["not UTF-8", Buffer.from([0x73, 0x75, 0xff, 0xfe, 0x0a, 0x61]), "PETITION_FILE_UNREADABLE"],
    ["broken XLSX", Buffer.from("PK\u0003\u0004 broken"), "PETITION_FILE_UNREADABLE"],
    ["too large", Buffer.alloc(3 * 1024 * 1024, 0x61), "BODY_TOO_LARGE"],
  ])("refuses a file that is %s with a clear error", async (_name, bytes, code) => {
    await expect(readWorkerFile("list.csv", bytes)).rejects.toMatchObject({ code });
  });
});
