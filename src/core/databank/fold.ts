/**
 * Search folding for the data bank: lower case, ё→е, and the Kazakh letters that have no Russian
 * counterpart folded to the Russian letter they are usually written with (Қорғас → коргас), so a
 * query in either spelling finds both. The SQL function shekara_search_fold (migration
 * databank_security) does the same; test/databank-fold.test.ts keeps the two in step.
 */

/** Kazakh-specific letters and ё, and what they fold to. */
export const FOLD_FROM = "әіңғүұқөһёӘІҢҒҮҰҚӨҺЁ";
export const FOLD_TO = "аингуукохеаингуукохе";

const MAP = new Map([...FOLD_FROM].map((ch, i) => [ch, FOLD_TO[i] ?? ch]));

/** Folds text for search (the same mapping as the SQL function). */
export function foldForSearch(text: string): string {
  let out = "";
  for (const ch of text.toLowerCase()) out += MAP.get(ch) ?? ch;
  return out;
}
