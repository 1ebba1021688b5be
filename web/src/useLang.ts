import { useTranslation } from "react-i18next";
import { isLang, type Lang, type Translated } from "../../src/core/i18n.js";

/** The current interface language and a picker for texts given in all three. */
export function useLang(): { lang: Lang; tr: (text: Translated | undefined) => string } {
  const { i18n } = useTranslation();
  const lang: Lang = isLang(i18n.language) ? i18n.language : "kk";
  return { lang, tr: (text) => (text ? text[lang] : "") };
}
