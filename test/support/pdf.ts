import { PDFParse } from "pdf-parse";

/** A PDF's text with all whitespace squeezed out: pdf.js may split a line at font changes or wrap a cell. */
export async function pdfText(body: Buffer): Promise<string> {
  const parser = new PDFParse({ data: body });
  try {
    return squeeze((await parser.getText()).text);
  } finally {
    await parser.destroy();
  }
}

/** Text with all whitespace squeezed out, to compare with `pdfText`. */
export const squeeze = (text: string): string => text.replace(/\s+/g, "");
