import { useTranslation } from "react-i18next";
import { isLang, type Lang, type Translated } from "../../src/core/i18n.js";

/** What a unit, checkpoint or place is called: Kazakh and Russian, and English where it is known. */
export interface LocalNames {
  nameKk: string;
  nameRu: string;
  nameEn?: string | null;
}

/**
 * The name in the interface language. English falls back to Russian: settlements and checkpoints
 * have no English names in the zone lists, and a unit may have none.
 */
export function localName(names: LocalNames, lang: Lang): string {
  if (lang === "kk") return names.nameKk;
  if (lang === "ru") return names.nameRu;
  return names.nameEn || names.nameRu;
}

/** The name of what may be missing (a document filed without a unit): the name, or "—". */
export function unitLabel(names: LocalNames | null | undefined, lang: Lang): string {
  return names ? localName(names, lang) : "—";
}

/** The current interface language, a picker for texts given in all three, and one for names. */
export function useLang(): {
  lang: Lang;
  tr: (text: Translated | undefined) => string;
  name: (names: LocalNames) => string;
} {
  const { i18n } = useTranslation();
  const lang: Lang = isLang(i18n.language) ? i18n.language : "kk";
  return { lang, tr: (text) => (text ? text[lang] : ""), name: (names) => localName(names, lang) };
}
