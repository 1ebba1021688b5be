import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { renderPassPdf } from "./pass.js";
import { SAMPLE_PASS } from "./samples.js";
import { PASS_RULES, PASS_RULES_ACKNOWLEDGEMENT, PASS_RULES_HEADING } from "./text.js";

async function textOf(pdf: Buffer): Promise<{ text: string; pages: string[] }> {
  const parser = new PDFParse({ data: pdf });
  try {
    const result = await parser.getText();
    return { text: result.text, pages: result.pages.map((page) => page.text) };
  } finally {
    await parser.destroy();
  }
}

// pdf.js may split a line into pieces at font changes; compare with whitespace squeezed out.
const squeeze = (s: string) => s.replace(/\s+/g, "");

describe("renderPassPdf", () => {
  it("prints the front and the back with the holder, number, rules and acknowledgement", async () => {
    const pdf = await renderPassPdf(SAMPLE_PASS);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { text, pages } = await textOf(pdf);
    expect(pages).toHaveLength(2);
    const [front = "", back = ""] = pages;

    expect(front).toContain("Әбішұлы Нұрсұлтан Ғаниұлы");
    expect(front).toContain("0001234");
    expect(front).toContain("Қорғас ауылы");
    expect(front).toContain("уақытша тұру");
    expect(front).toContain("временное проживание");
    expect(front).toContain("Әлихан — 7 жас / 7 лет");
    expect(front).toContain("045612378");
    expect(front).toContain("22.11.2026 бастап 21.05.2027 дейін");
    expect(front).toContain("Б. Т. Сейітқазиев");
    expect(front).toContain("М.О. / М.П.");
    for (const letter of ["ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "і"]) expect(text).toContain(letter);

    expect(back).toContain(PASS_RULES_HEADING.ru);
    expect(back).toContain(PASS_RULES_HEADING.kk);
    expect(back).toContain(PASS_RULES_ACKNOWLEDGEMENT.kk);
    expect(back).toContain(PASS_RULES_ACKNOWLEDGEMENT.ru);
    for (const rule of PASS_RULES) {
      expect(squeeze(back)).toContain(squeeze(rule.text.kk));
      expect(squeeze(back)).toContain(squeeze(rule.text.ru));
    }
    expect(back).toContain("Қорғас ауылдық округі әкімдігі");
  });

  it("prints «жоқ / нет» when no children travel along", async () => {
    const { pages } = await textOf(await renderPassPdf({ ...SAMPLE_PASS, children: [] }));
    expect(pages[0]).toContain("жоқ / нет");
  });

  it("gives the same bytes for the same input", async () => {
    const first = await renderPassPdf(SAMPLE_PASS);
    const second = await renderPassPdf(SAMPLE_PASS);
    expect(first.equals(second)).toBe(true);
    const other = await renderPassPdf({ ...SAMPLE_PASS, qrPayload: "another payload" });
    expect(other.equals(first)).toBe(false);
  });

  it("keeps the front on one page with many places by shrinking the type", async () => {
    const places = Array.from({ length: 6 }, (_, i) => ({
      nameKk: `Елді мекен ${i + 1}`,
      nameRu: `Населенный пункт ${i + 1}`,
      regionKk: "Жаркент ауданы, Алматы облысы",
      regionRu: "Жаркентский район, Алматинская область",
    }));
    const { pages } = await textOf(await renderPassPdf({ ...SAMPLE_PASS, places }));
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain("Елді мекен 6");
    expect(pages[1]).toContain(PASS_RULES_HEADING.ru);
  });

  it("continues the marks on another page instead of dropping any", async () => {
    const registrations = Array.from({ length: 14 }, (_, i) => ({
      date: `2027-01-${String(i + 1).padStart(2, "0")}`,
      registrar: `Тіркеуші ${i + 1}`,
    }));
    const { text, pages } = await textOf(await renderPassPdf({ ...SAMPLE_PASS, registrations }));
    expect(pages.length).toBeGreaterThan(2);
    expect(text).toContain("Тіркеуші 14");
  });
});
