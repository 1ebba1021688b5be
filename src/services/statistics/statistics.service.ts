import { stringify } from "csv-stringify/sync";
import { and, asc, eq, gte, lte } from "drizzle-orm";
import { TRIAD_AGENCIES } from "../../core/access/agencies.js";
import { AppError, invalid, notFound } from "../../core/errors.js";
import { type Lang, nameIn } from "../../core/i18n.js";
import {
  type IndicatorReconciliation,
  type IndicatorSet,
  indicatorSetFor,
  isPeriod,
  reconcile,
} from "../../core/statistics/index.js";
import { statFigures, users } from "../../db/schema.js";
import { pathInScope, requirePermission, scopeOf } from "../access.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { loadTriadsWithMembers, type TriadMember } from "../units/triads.service.js";

type Tx = Parameters<Parameters<Deps["database"]["tx"]>[1]>[0];

/** The detail of an invalid period, in every language. */
const MONTH_DETAIL = { kk: "ай ЖЖЖЖ-АА түрінде", ru: "месяц в виде ГГГГ-ММ", en: "a month YYYY-MM" };

/** A checkpoint for statistics: a triad of counterpart units with its members. */
export interface CheckpointView {
  id: string;
  level: number;
  nameKk: string;
  nameRu: string;
  nameEn: string | null;
  units: TriadMember[];
  /** The agency the actor enters figures for at this checkpoint, when they may enter. */
  myAgency: string | null;
}

// Figures are organizational, not personal: the triad list is read as the owner, then filtered by
// the actor's scope here (the one place statistics access is decided).
async function checkpointsOf(tx: Tx, actor: Actor, triadId?: string): Promise<CheckpointView[]> {
  const scope = scopeOf(actor);
  const views: CheckpointView[] = [];
  for (const { triad: t, members: own } of await loadTriadsWithMembers(tx, triadId ? [triadId] : undefined)) {
    const visible = own.filter((m) => pathInScope(scope, m.path));
    if (visible.length === 0) continue;
    // An actor enters for their own agency's member unit, when it lies in their subtree.
    const mine = actor.permissions.has("statistics.enter")
      ? visible.find((m) => actor.unitPath !== null && pathInScope({ unitPaths: [actor.unitPath] }, m.path))
      : undefined;
    views.push({
      id: t.id,
      level: t.level,
      nameKk: t.nameKk,
      nameRu: t.nameRu,
      nameEn: t.nameEn,
      units: own.map(({ path: _p, parentId: _q, ...m }) => m),
      myAgency: mine?.agency ?? null,
    });
  }
  return views;
}

/** The checkpoints (triads) whose statistics the actor may read. */
export async function listCheckpoints(
  deps: Pick<Deps, "database">,
  actor: Actor | null,
): Promise<CheckpointView[]> {
  const me = requirePermission(actor, "statistics.read");
  return deps.database.tx({ unitPaths: [], all: true }, (tx) => checkpointsOf(tx, me));
}

async function visibleCheckpoint(tx: Tx, actor: Actor, triadId: string): Promise<CheckpointView> {
  const found = (await checkpointsOf(tx, actor, triadId))[0];
  if (!found) throw notFound();
  return found;
}

/** One agency's entry, with who entered it and when. */
export interface FigureEntry {
  agency: string;
  indicator: string;
  value: number;
  note: string | null;
  enteredBy: string | null;
  updatedAt: string;
}

/** The figures of a checkpoint and period, reconciled between the agencies. */
export interface PeriodFigures {
  checkpoint: CheckpointView;
  period: string;
  set: IndicatorSet;
  agencies: readonly string[];
  rows: IndicatorReconciliation[];
  entries: FigureEntry[];
  mismatches: number;
}

async function figuresOf(tx: Tx, checkpoint: CheckpointView, period: string): Promise<PeriodFigures> {
  const set = indicatorSetFor(period);
  const rows = await tx
    .select({
      agency: statFigures.agency,
      indicator: statFigures.indicator,
      value: statFigures.value,
      note: statFigures.note,
      enteredBy: users.fullName,
      updatedAt: statFigures.updatedAt,
    })
    .from(statFigures)
    .leftJoin(users, eq(users.id, statFigures.enteredBy))
    .where(and(eq(statFigures.triadId, checkpoint.id), eq(statFigures.period, period)));
  const reconciled = reconcile(set, rows);
  return {
    checkpoint,
    period,
    set,
    agencies: TRIAD_AGENCIES,
    rows: reconciled,
    entries: rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })),
    mismatches: reconciled.filter((r) => r.status === "MISMATCH").length,
  };
}

/** The reconciled figures of one checkpoint and month. */
export async function getFigures(
  deps: Pick<Deps, "database">,
  actor: Actor | null,
  triadId: string,
  period: string,
): Promise<PeriodFigures> {
  const me = requirePermission(actor, "statistics.read");
  if (!isPeriod(period)) throw invalid("period", MONTH_DETAIL);
  return deps.database.tx({ unitPaths: [], all: true }, async (tx) =>
    figuresOf(tx, await visibleCheckpoint(tx, me, triadId), period),
  );
}

/**
 * Enters (or corrects) the actor's agency's figures for a checkpoint and month. All values are
 * written or none; each change is audited with the previous value.
 */
export async function enterFigures(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  input: {
    triadId: string;
    period: string;
    values: { indicator: string; value: number }[];
    note?: string | undefined;
  },
): Promise<PeriodFigures> {
  const me = requirePermission(actor, "statistics.enter");
  if (!isPeriod(input.period)) throw invalid("period", MONTH_DETAIL);
  const set = indicatorSetFor(input.period);
  const known = new Set(set.indicators.map((i) => i.code));
  const seen = new Set<string>();
  for (const v of input.values) {
    if (!known.has(v.indicator)) {
      throw invalid("values", {
        kk: `${v.indicator} келісілген көрсеткіштер тізімінде жоқ (${set.clause})`,
        ru: `показателя ${v.indicator} нет в согласованном перечне (${set.clause})`,
        en: `${v.indicator} is not an agreed indicator (${set.clause})`,
      });
    }
    if (seen.has(v.indicator))
      throw invalid("values", {
        kk: `${v.indicator} көрсеткіші екі рет берілген`,
        ru: `показатель ${v.indicator} указан дважды`,
        en: `${v.indicator} is given twice`,
      });
    seen.add(v.indicator);
  }
  const now = deps.clock.now();
  // Figures are for past or current months only: nobody counts results ahead of time.
  if (input.period > now.toISOString().slice(0, 7)) {
    throw invalid("period", {
      kk: "болашақ кезеңге көрсеткіш енгізуге болмайды",
      ru: "нельзя вносить показатели за будущий период",
      en: "figures cannot be entered for a future month",
    });
  }
  return deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    const checkpoint = await visibleCheckpoint(tx, me, input.triadId);
    const agency = checkpoint.myAgency;
    if (!agency) throw new AppError("FORBIDDEN");
    const unitId = checkpoint.units.find((u) => u.agency === agency)?.id;
    if (!unitId) throw new AppError("FORBIDDEN");
    const before = await tx
      .select({ indicator: statFigures.indicator, value: statFigures.value })
      .from(statFigures)
      .where(
        and(
          eq(statFigures.triadId, checkpoint.id),
          eq(statFigures.period, input.period),
          eq(statFigures.agency, agency),
        ),
      );
    const previous = new Map(before.map((b) => [b.indicator, b.value]));
    const changes = input.values.filter((v) => previous.get(v.indicator) !== v.value);
    for (const v of changes) {
      await tx
        .insert(statFigures)
        .values({
          triadId: checkpoint.id,
          period: input.period,
          indicator: v.indicator,
          indicatorSetVersion: set.version,
          agency,
          unitId,
          value: v.value,
          note: input.note ?? null,
          enteredBy: me.userId,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: [statFigures.triadId, statFigures.period, statFigures.indicator, statFigures.agency],
          set: {
            value: v.value,
            note: input.note ?? null,
            enteredBy: me.userId,
            indicatorSetVersion: set.version,
            updatedAt: now,
          },
        });
    }
    if (changes.length > 0) {
      await appendAudit(tx, now, me, meta, {
        action: "statistics.enter",
        objectType: "stat_figures",
        objectId: `${checkpoint.id}/${input.period}/${agency}`,
        details: {
          clause: set.clause,
          indicatorSet: set.version,
          changes: changes.map((c) => ({
            indicator: c.indicator,
            from: previous.get(c.indicator) ?? null,
            to: c.value,
          })),
        },
      });
    }
    return figuresOf(tx, checkpoint, input.period);
  });
}

const STATUS_NAMES: Record<IndicatorReconciliation["status"], Record<Lang, string>> = {
  AGREED: { kk: "келісілген", ru: "согласовано", en: "agreed" },
  MISMATCH: { kk: "сәйкес емес", ru: "расхождение", en: "mismatch" },
  SINGLE: { kk: "бір ведомство енгізді", ru: "внесено одним ведомством", en: "one agency only" },
  MISSING: { kk: "енгізілмеген", ru: "не внесено", en: "not entered" },
};

const CSV_HEADERS: Record<Lang, string[]> = {
  kk: ["Бекет", "Кезең", "Көрсеткіш коды", "Көрсеткіш", "Тармақ", "ІІО", "ҰҚК ШҚ", "Кеден", "Күйі"],
  ru: [
    "Пункт",
    "Период",
    "Код показателя",
    "Показатель",
    "Пункт инструкции",
    "ОВД",
    "ПС КНБ",
    "Таможня",
    "Статус",
  ],
  en: ["Checkpoint", "Period", "Indicator code", "Indicator", "Clause", "IAB", "NSC", "Customs", "Status"],
};

/** The months from..to inclusive (at most 36). */
function monthsBetween(from: string, to: string): string[] {
  if (!isPeriod(from)) throw invalid("from", MONTH_DETAIL);
  if (!isPeriod(to)) throw invalid("to", MONTH_DETAIL);
  if (from > to)
    throw invalid("to", {
      kk: "кезеңнің басынан ерте болмауы керек",
      ru: "не может быть раньше начала периода",
      en: "must not be before from",
    });
  const out: string[] = [];
  let [y, m] = from.split("-").map(Number) as [number, number];
  for (;;) {
    const p = `${y}-${String(m).padStart(2, "0")}`;
    if (p > to) break;
    out.push(p);
    if (out.length > 36)
      throw invalid("from", {
        kk: "бір сұраныста ең көбі 36 ай",
        ru: "не более 36 месяцев за один запрос",
        en: "at most 36 months at once",
      });
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** The figures of a checkpoint for a range of months, reconciled, as CSV in the given language. */
export async function exportFiguresCsv(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  input: { triadId: string; from: string; to: string; lang: Lang },
): Promise<string> {
  const me = requirePermission(actor, "statistics.read");
  const periods = monthsBetween(input.from, input.to);
  return deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    const checkpoint = await visibleCheckpoint(tx, me, input.triadId);
    const rows = await tx
      .select({
        period: statFigures.period,
        agency: statFigures.agency,
        indicator: statFigures.indicator,
        value: statFigures.value,
      })
      .from(statFigures)
      .where(
        and(
          eq(statFigures.triadId, checkpoint.id),
          gte(statFigures.period, input.from),
          lte(statFigures.period, input.to),
        ),
      )
      .orderBy(asc(statFigures.period));
    const name = nameIn(checkpoint, input.lang);
    const lines: (string | number)[][] = [CSV_HEADERS[input.lang]];
    for (const period of periods) {
      const set = indicatorSetFor(period);
      for (const r of reconcile(
        set,
        rows.filter((x) => x.period === period),
      )) {
        const def = set.indicators.find((d) => d.code === r.indicator);
        lines.push([
          name,
          period,
          r.indicator,
          def?.name[input.lang] ?? r.indicator,
          r.clause,
          ...TRIAD_AGENCIES.map((a) => r.values[a] ?? ""),
          STATUS_NAMES[r.status][input.lang],
        ]);
      }
    }
    await appendAudit(tx, deps.clock.now(), me, meta, {
      action: "statistics.export",
      objectType: "triad",
      objectId: checkpoint.id,
      details: { from: input.from, to: input.to },
    });
    // A byte-order mark lets spreadsheet programs open the Cyrillic text as UTF-8.
    return `\uFEFF${stringify(lines)}`;
  });
}
