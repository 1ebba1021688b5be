import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { renderRegisterBookPdf } from "./register-book.js";
import { sampleRegisterLines } from "./samples.js";
import { REGISTER_LABELS } from "./text.js";

async function pagesOf(pdf: Buffer): Promise<string[]> {
  const parser = new PDFParse({ data: pdf });
  try {
    return (await parser.getText()).pages.map((page) => page.text);
  } finally {
    await parser.destroy();
  }
}

const input = {
  unitNameKk: "Панфилов аудандық ішкі істер бөлімі",
  unitNameRu: "Панфиловский районный отдел внутренних дел",
  year: 2026,
  lines: sampleRegisterLines(60),
};

describe("renderRegisterBookPdf", () => {
  it("spans several pages, repeats the header and numbers every page", async () => {
    const pages = await pagesOf(await renderRegisterBookPdf(input));
    expect(pages.length).toBeGreaterThan(2);
    expect(pages[0]).toContain(REGISTER_LABELS.title.kk);
    expect(pages[0]).toContain(REGISTER_LABELS.title.ru);
    for (const [i, page] of pages.entries()) {
      expect(page).toContain(REGISTER_LABELS.fullName.kk);
      expect(page).toContain(REGISTER_LABELS.returned.ru.split(" ")[0]);
      expect(page).toContain(`бет/стр. ${i + 1} / ${pages.length}`);
    }
  });

  it("prints every line, each with its number at the start of its row, in order", async () => {
    const text = (await pagesOf(await renderRegisterBookPdf(input))).join("\n");
    let from = 0;
    for (const line of input.lines) {
      // Each row starts with the line number and the date, so a bare digit elsewhere cannot match.
      const row = new RegExp(`(^|\\n)${line.lineNo}\\s+\\d{2}\\.\\d{2}\\.2026\\s+АБ № ${line.passNumber}`);
      const match = row.exec(text.slice(from));
      expect(match, `line ${line.lineNo}`).not.toBeNull();
      from += (match?.index ?? 0) + 1;
    }
    // Cells wrap, so only the first words of the signature mark sit on one line.
    expect(text).toContain("signed in person,");
  });

  it("gives the same bytes for the same input", async () => {
    const first = await renderRegisterBookPdf(input);
    expect(first.equals(await renderRegisterBookPdf(input))).toBe(true);
  });

  it("prints an empty book as a header-only page", async () => {
    const pages = await pagesOf(await renderRegisterBookPdf({ ...input, lines: [] }));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain("бет/стр. 1 / 1");
  });
});
