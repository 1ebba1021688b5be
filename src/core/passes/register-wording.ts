import { DOCUMENT_LABELS, PURPOSE_LABELS } from "../eligibility/index.js";
import { labelOf, type Translated } from "../i18n.js";

/**
 * A register line (Z-21, App.3) is written once, at issue, with the application's codes: the
 * purpose ("VISIT_RELATIVES") and the identity document's kind before its number ("ID_CARD
 * 900000006"). The book shows and prints them in words; a line written in words stays as it is.
 */

/** A register line's purpose in each language: a purpose code's name, else the text as written. */
export function registerPurpose(text: string): Translated {
  return labelOf(PURPOSE_LABELS, text);
}

/** A register line's identity document in each language: a leading kind code named, the rest as written. */
export function registerIdentityDocument(text: string): Translated {
  const [kind = "", ...rest] = text.split(" ");
  if (!Object.hasOwn(DOCUMENT_LABELS, kind)) return { kk: text, ru: text, en: text };
  const label = DOCUMENT_LABELS[kind as keyof typeof DOCUMENT_LABELS];
  const number = rest.length > 0 ? ` № ${rest.join(" ")}` : "";
  return { kk: `${label.kk}${number}`, ru: `${label.ru}${number}`, en: `${label.en}${number}` };
}

/** Kazakh and Russian together, as the book's bilingual columns print them; once where they agree. */
export function kazakhAndRussian(text: Translated): string {
  return text.kk === text.ru ? text.kk : `${text.kk} / ${text.ru}`;
}
