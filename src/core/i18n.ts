/** The three interface languages; Kazakh is the default (C-4). */
export const LANGS = ["kk", "ru", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "kk";

/** A text in every interface language. */
export type Translated = Record<Lang, string>;

/** True when the value names one of the interface languages. */
export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGS as readonly string[]).includes(value);
}

/**
 * Picks the interface language from an Accept-Language header, honouring q-weights;
 * falls back to Kazakh, the default language.
 */
export function pickLang(acceptLanguage: string | undefined | null): Lang {
  if (!acceptLanguage) return DEFAULT_LANG;
  const ranked = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number.parseFloat(q.slice(2)) : 1;
      return {
        base: tag.toLowerCase().split("-")[0] ?? "",
        weight: Number.isNaN(weight) ? 0 : weight,
        index,
      };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked.map((entry) => entry.base).find(isLang) ?? DEFAULT_LANG;
}

/** Replaces {name} placeholders with the given parameters. */
export function interpolate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** What a unit or checkpoint is called: Kazakh and Russian, and English where it is known. */
export interface LocalNames {
  nameKk: string;
  nameRu: string;
  nameEn?: string | null;
}

/** The name in `lang`; English falls back to Russian where no English name is known. */
export function nameIn(names: LocalNames, lang: Lang): string {
  if (lang === "kk") return names.nameKk;
  if (lang === "ru") return names.nameRu;
  return names.nameEn || names.nameRu;
}

/** A code's name from a table of names; a code the table lacks, as written, in every language. */
export function labelOf(labels: Readonly<Record<string, Translated>>, code: string): Translated {
  return Object.hasOwn(labels, code) ? (labels[code] as Translated) : { kk: code, ru: code, en: code };
}
