/**
 * Reconciling the agencies' figures (X p.9.3: the parties establish the statistics of service
 * results "between themselves"): for each indicator of a checkpoint and period, the values each
 * agency entered, and whether they agree.
 */
import type { IndicatorSet } from "./indicators.js";

/** One agency's figure for one indicator. */
export interface AgencyFigure {
  agency: string;
  indicator: string;
  value: number;
}

/**
 * AGREED: two or more agencies entered the same value; MISMATCH: two or more entered and the
 * values differ; SINGLE: only one agency has entered it so far; MISSING: nobody has.
 */
export type FigureStatus = "AGREED" | "MISMATCH" | "SINGLE" | "MISSING";

/** The reconciliation of one indicator. */
export interface IndicatorReconciliation {
  indicator: string;
  clause: string;
  values: Record<string, number>;
  status: FigureStatus;
  /** Largest minus smallest entered value (0 unless MISMATCH). */
  spread: number;
}

/** Reconciles figures against the indicator set, in the set's order; unknown indicators are ignored. */
export function reconcile(set: IndicatorSet, figures: readonly AgencyFigure[]): IndicatorReconciliation[] {
  return set.indicators.map((def) => {
    const values: Record<string, number> = {};
    for (const f of figures) if (f.indicator === def.code) values[f.agency] = f.value;
    const entered = Object.values(values);
    const spread = entered.length ? Math.max(...entered) - Math.min(...entered) : 0;
    const status: FigureStatus =
      entered.length === 0
        ? "MISSING"
        : entered.length === 1
          ? "SINGLE"
          : spread === 0
            ? "AGREED"
            : "MISMATCH";
    return { indicator: def.code, clause: def.clause, values, status, spread };
  });
}

/** The indicators whose figures differ between agencies. */
export function mismatches(rows: readonly IndicatorReconciliation[]): IndicatorReconciliation[] {
  return rows.filter((r) => r.status === "MISMATCH");
}
