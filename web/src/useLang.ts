import { useTranslation } from "react-i18next";
import { isLang, type Lang, type LocalNames, nameIn, type Translated } from "../../src/core/i18n.js";
import { toBgn } from "../../src/core/names/translit.js";

export type { LocalNames };

/**
 * The name in the interface language. English falls back to Russian: a unit or checkpoint may have
 * no English name (settlements and regions go through `placeName`).
 */
export const localName: (names: LocalNames, lang: Lang) => string = nameIn;

/** What the zone lists call a settlement, district or region: Kazakh and Russian only. */
export interface PlaceNames {
  nameKk: string;
  nameRu: string;
}

/**
 * A settlement's, district's or region's name in the interface language. English pages write the
 * Kazakh name in BGN/PCGN romanization, the standard for geographic names in English ("Zharkent
 * qalasy"); the zone search finds it in that spelling too.
 */
export function placeName(names: PlaceNames, lang: Lang): string {
  return lang === "en" ? toBgn(names.nameKk) : localName(names, lang);
}

/** The names of the region a zone entry lies in, to pass to `placeName`. */
export function regionOf(entry: { regionKk: string; regionRu: string }): PlaceNames {
  return { nameKk: entry.regionKk, nameRu: entry.regionRu };
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
  place: (names: PlaceNames) => string;
} {
  const { i18n } = useTranslation();
  const lang: Lang = isLang(i18n.language) ? i18n.language : "kk";
  return {
    lang,
    tr: (text) => (text ? text[lang] : ""),
    name: (names) => localName(names, lang),
    place: (names) => placeName(names, lang),
  };
}
