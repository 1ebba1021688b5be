/** Choosing the rule set in force on a date, and comparing two versions. */
import { isIsoDate } from "../eligibility/dates.js";
import { invalid } from "../errors.js";
import type { RuleSet } from "./schema.js";
import { RULE_SET_V1 } from "./v1.js";

/** The rule sets shipped with the system; admins add later versions as data. */
export const DEFAULT_RULE_SETS: RuleSet[] = [RULE_SET_V1];

/** The rule set in force on `date`: the latest effectiveFrom on or before it (higher version on a tie). */
export function ruleSetAt(sets: readonly RuleSet[], date: string): RuleSet {
  if (!isIsoDate(date))
    throw invalid("departureDate", {
      kk: "нақты күн болуы керек (ЖЖЖЖ-АА-КК)",
      ru: "должна быть реальной датой (ГГГГ-ММ-ДД)",
      en: "must be a real calendar date YYYY-MM-DD",
    });
  let best: RuleSet | undefined;
  for (const set of sets) {
    // ISO dates compare correctly as strings, so no Date objects (and no time zones) are needed.
    if (set.effectiveFrom > date) continue;
    if (
      !best ||
      set.effectiveFrom > best.effectiveFrom ||
      (set.effectiveFrom === best.effectiveFrom && set.version > best.version)
    ) {
      best = set;
    }
  }
  if (!best) {
    throw invalid("departureDate", {
      kk: `${date} күні күшінде болған ережелер жоқ`,
      ru: `на ${date} не действовали никакие правила`,
      en: `no rule set is in force on ${date}`,
    });
  }
  return best;
}

/** One rule whose content differs between two versions. */
export interface ChangedRule {
  id: string;
  fields: string[];
}

/** What changed from one rule set to another. */
export interface RuleSetDiff {
  fromVersion: number;
  toVersion: number;
  /** Top-level fields that changed: "id", "effectiveFrom", "basis", and "order" when rules were reordered. */
  meta: string[];
  added: string[];
  removed: string[];
  changed: ChangedRule[];
}

/** A key-order-independent serialization, so equal data compares equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

/** Lists the rule ids added, removed and changed (with the changed fields) from `a` to `b`. */
export function diffRuleSets(a: RuleSet, b: RuleSet): RuleSetDiff {
  const meta: string[] = [];
  if (a.id !== b.id) meta.push("id");
  if (a.effectiveFrom !== b.effectiveFrom) meta.push("effectiveFrom");
  if (canonical(a.basis) !== canonical(b.basis)) meta.push("basis");

  const before = new Map(a.rules.map((rule) => [rule.id, rule]));
  const after = new Map(b.rules.map((rule) => [rule.id, rule]));
  const added = b.rules.filter((rule) => !before.has(rule.id)).map((rule) => rule.id);
  const removed = a.rules.filter((rule) => !after.has(rule.id)).map((rule) => rule.id);

  const changed: ChangedRule[] = [];
  for (const old of a.rules) {
    const next = after.get(old.id);
    if (!next) continue;
    const oldFields: Record<string, unknown> = { ...old };
    const newFields: Record<string, unknown> = { ...next };
    const keys = [...new Set([...Object.keys(oldFields), ...Object.keys(newFields)])].sort();
    const fields = keys.filter((key) => canonical(oldFields[key]) !== canonical(newFields[key]));
    if (fields.length > 0) changed.push({ id: old.id, fields });
  }

  // Rules of one kind are tried in order, so a reordering changes outcomes even with equal rules.
  const commonBefore = a.rules.map((rule) => rule.id).filter((id) => after.has(id));
  const commonAfter = b.rules.map((rule) => rule.id).filter((id) => before.has(id));
  if (commonBefore.join("\n") !== commonAfter.join("\n")) meta.push("order");

  return { fromVersion: a.version, toVersion: b.version, meta, added, removed, changed };
}
