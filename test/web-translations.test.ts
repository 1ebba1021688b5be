/// <reference types="vite/client" />
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LANGS } from "../src/core/i18n.js";
import { translations } from "../web/src/translations.js";

const WEB_SRC = fileURLToPath(new URL("../web/src", import.meta.url));

/** Every leaf key of a translation tree, dotted. */
function leaves(tree: unknown, prefix = ""): string[] {
  if (typeof tree !== "object" || tree === null) return [prefix];
  return Object.entries(tree).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
}

/** The value at a dotted key, or undefined. */
function at(tree: unknown, key: string): unknown {
  let node = tree;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** The source files of the web app, tests left out. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "locales" ? [] : sources(file);
    return /\.tsx?$/.test(entry.name) && !entry.name.includes(".test.") ? [file] : [];
  });
}

const code = sources(WEB_SRC).map((file) => fs.readFileSync(file, "utf8"));
/** Keys the pages ask for literally: t("area.key"). */
const literalKeys = [
  ...new Set(
    code.flatMap((text) => [...text.matchAll(/\bt\(\s*"([A-Za-z0-9_.]+)"/g)].map((m) => m[1] ?? "")),
  ),
];
/** Tables the pages index by a value: t(`area.table.${value}`). */
const tablePrefixes = [
  ...new Set(
    code.flatMap((text) => [...text.matchAll(/\bt\(\s*`([A-Za-z0-9_.]+)\.\$\{/g)].map((m) => m[1] ?? "")),
  ),
];

describe("web translations", () => {
  it("has the same keys, each a non-empty text, in Kazakh, Russian and English", () => {
    const kk = leaves(translations.kk).sort();
    expect(kk.length).toBeGreaterThan(500);
    for (const lang of LANGS) {
      expect(leaves(translations[lang]).sort(), lang).toEqual(kk);
      for (const key of kk)
        expect(
          typeof at(translations[lang], key) === "string" && at(translations[lang], key) !== "",
          `${lang}: ${key}`,
        ).toBe(true);
    }
  });

  it("has every key a page asks for, in every language", () => {
    expect(literalKeys.length).toBeGreaterThan(300);
    const missing = LANGS.flatMap((lang) =>
      literalKeys
        .filter(
          (key) =>
            ![key, `${key}_one`, `${key}_other`].some((k) => typeof at(translations[lang], k) === "string"),
        )
        .map((key) => `${lang}: ${key}`),
    );
    expect(missing).toEqual([]);
  });

  it("has every table a page indexes by a value (state names, kinds, roles), in every language", () => {
    expect(tablePrefixes.length).toBeGreaterThan(20);
    const missing = LANGS.flatMap((lang) =>
      tablePrefixes
        .filter((prefix) => typeof at(translations[lang], prefix) !== "object")
        .map((prefix) => `${lang}: ${prefix}`),
    );
    expect(missing).toEqual([]);
  });
});
