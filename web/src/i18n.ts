import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { DEFAULT_LANG, isLang, type Lang } from "../../src/core/i18n.js";
import { translations } from "./translations";

const STORAGE_KEY = "shekara.lang";

/** The remembered interface language, Kazakh by default. */
export function storedLang(): Lang {
  const saved = typeof localStorage === "undefined" ? null : localStorage.getItem(STORAGE_KEY);
  return isLang(saved) ? saved : DEFAULT_LANG;
}

/** Switches and remembers the interface language; the page's lang attribute follows. */
export function setLang(lang: Lang): void {
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

void i18n.use(initReactI18next).init({
  resources: {
    kk: { translation: translations.kk },
    ru: { translation: translations.ru },
    en: { translation: translations.en },
  },
  lng: storedLang(),
  fallbackLng: "kk",
  interpolation: { escapeValue: false },
});
document.documentElement.lang = storedLang();

export default i18n;
