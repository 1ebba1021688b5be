import { SegmentedControl } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { LANGS, type Lang } from "../../src/core/i18n.js";
import { setLang } from "./i18n";

/** The kk/ru/en switcher; the choice is remembered in the browser. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t("lang.label")}
      value={i18n.language}
      onChange={(value) => setLang(value as Lang)}
      data={LANGS.map((lang) => ({ value: lang, label: lang.toUpperCase() }))}
    />
  );
}
