/**
 * Differences between two versions of a plan (X-9 "versioned, refined when the situation
 * changes"): what changed in the text, which directions, variants and tasks were added, removed
 * or changed, field by field. Pure.
 */
import type { PlanContent } from "./plan-content.js";

/** One difference; `path` names the field, e.g. "tasks.T1.dueDate". */
export type PlanChange =
  | { kind: "changed"; path: string; from: unknown; to: unknown }
  | { kind: "added"; path: string; to: unknown }
  | { kind: "removed"; path: string; from: unknown };

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function diffKeyed<T extends { key: string }>(
  name: string,
  before: readonly T[],
  after: readonly T[],
  changes: PlanChange[],
): void {
  const old = new Map(before.map((entry) => [entry.key, entry]));
  const next = new Map(after.map((entry) => [entry.key, entry]));
  for (const entry of before) {
    if (!next.has(entry.key)) changes.push({ kind: "removed", path: `${name}.${entry.key}`, from: entry });
  }
  for (const entry of after) {
    const was = old.get(entry.key);
    if (!was) {
      changes.push({ kind: "added", path: `${name}.${entry.key}`, to: entry });
      continue;
    }
    for (const field of Object.keys({ ...was, ...entry }) as (keyof T & string)[]) {
      if (field === "key") continue;
      const from = was[field];
      const to = entry[field];
      if (from !== null && typeof from === "object" && to !== null && typeof to === "object") {
        for (const sub of Object.keys({ ...from, ...to })) {
          const f = (from as Record<string, unknown>)[sub];
          const t = (to as Record<string, unknown>)[sub];
          if (!same(f, t))
            changes.push({ kind: "changed", path: `${name}.${entry.key}.${field}.${sub}`, from: f, to: t });
        }
      } else if (!same(from, to)) {
        changes.push({ kind: "changed", path: `${name}.${entry.key}.${field}`, from, to });
      }
    }
  }
}

/** Every difference from `before` to `after`; empty when the versions say the same. */
export function diffPlans(before: PlanContent, after: PlanContent): PlanChange[] {
  const changes: PlanChange[] = [];
  for (const field of ["title", "summary"] as const) {
    if (before[field] !== after[field])
      changes.push({ kind: "changed", path: field, from: before[field], to: after[field] });
  }
  for (const d of before.directions) {
    if (!after.directions.includes(d)) changes.push({ kind: "removed", path: `directions.${d}`, from: d });
  }
  for (const d of after.directions) {
    if (!before.directions.includes(d)) changes.push({ kind: "added", path: `directions.${d}`, to: d });
  }
  diffKeyed("variants", before.variants, after.variants, changes);
  diffKeyed("tasks", before.tasks, after.tasks, changes);
  return changes;
}

/** Applies a diff to `before`; `applyPlanDiff(a, diffPlans(a, b))` equals `b` up to list order. */
export function applyPlanDiff(before: PlanContent, changes: readonly PlanChange[]): PlanContent {
  const result: PlanContent = structuredClone(before);
  for (const change of changes) {
    const [head, key, field, sub] = change.path.split(".");
    if (head === "title" || head === "summary") {
      if (change.kind === "changed") result[head] = change.to as string;
      continue;
    }
    if (head === "directions" && key) {
      if (change.kind === "removed") result.directions = result.directions.filter((d) => d !== key);
      if (change.kind === "added") result.directions.push(key);
      continue;
    }
    if ((head === "variants" || head === "tasks") && key) {
      const list = result[head] as { key: string }[];
      if (change.kind === "removed") {
        result[head] = list.filter((e) => e.key !== key) as never;
      } else if (change.kind === "added") {
        list.push(structuredClone(change.to) as { key: string });
      } else if (field) {
        const entry = list.find((e) => e.key === key) as Record<string, unknown> | undefined;
        if (!entry) continue;
        if (sub) (entry[field] as Record<string, unknown>)[sub] = change.to;
        else entry[field] = change.to;
      }
    }
  }
  return result;
}
