import { asc, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../adapters/db/index.js";
import { TRIAD_AGENCIES } from "../../core/access/agencies.js";
import { invalid, notFound } from "../../core/errors.js";
import { triads, units } from "../../db/schema.js";
import { requirePermission } from "../access.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";

/** A unit of a triad, as lists of triads show it. */
export interface TriadMember {
  id: string;
  agency: string;
  code: string;
  nameKk: string;
  nameRu: string;
  nameEn: string | null;
}

/** A triad with its member units. */
export interface TriadView {
  id: string;
  level: number;
  nameKk: string;
  nameRu: string;
  nameEn: string | null;
  units: TriadMember[];
}

/** A member unit of a triad, with what other readers of triads need: its tree path and parent. */
export interface TriadMemberRow extends TriadMember {
  path: string;
  parentId: string | null;
}

/** A triad with its member units. */
export interface TriadWithMembers {
  triad: typeof triads.$inferSelect;
  members: TriadMemberRow[];
}

/**
 * Triads (every one, or those of `ids`), by level and Russian name, each with its member units:
 * the one read of triads that the units page, coordination and statistics share.
 */
export async function loadTriadsWithMembers(tx: Tx, ids?: readonly string[]): Promise<TriadWithMembers[]> {
  if (ids?.length === 0) return [];
  const all = await tx
    .select()
    .from(triads)
    .where(ids ? inArray(triads.id, [...ids]) : undefined)
    .orderBy(asc(triads.level), asc(triads.nameRu));
  if (all.length === 0) return [];
  const members = await tx
    .select({
      id: units.id,
      agency: units.agency,
      code: units.code,
      nameKk: units.nameKk,
      nameRu: units.nameRu,
      nameEn: units.nameEn,
      path: units.path,
      parentId: units.parentId,
      triadId: units.triadId,
    })
    .from(units)
    .where(
      inArray(
        units.triadId,
        all.map((t) => t.id),
      ),
    );
  // Members in the order X-2 names the parties: internal affairs, the Border Service, customs.
  const rank = (agency: string) => TRIAD_AGENCIES.indexOf(agency as (typeof TRIAD_AGENCIES)[number]);
  members.sort((x, y) => rank(x.agency) - rank(y.agency) || x.code.localeCompare(y.code));
  return all.map((triad) => ({
    triad,
    members: members.filter((m) => m.triadId === triad.id).map(({ triadId: _t, ...m }) => m),
  }));
}

/** A triad as the triads list shows it: its names and its members' names. */
function viewOf({ triad, members }: TriadWithMembers): TriadView {
  return {
    id: triad.id,
    level: triad.level,
    nameKk: triad.nameKk,
    nameRu: triad.nameRu,
    nameEn: triad.nameEn,
    units: members.map(({ path: _p, parentId: _q, ...m }) => m),
  };
}

/** One triad as the list shows it; "not found" when there is none. */
async function viewById(tx: Tx, id: string): Promise<TriadView> {
  const [found] = await loadTriadsWithMembers(tx, [id]);
  if (!found) throw notFound();
  return viewOf(found);
}

/** Every triad with its members (organizational facts, visible to any officer). */
export async function listTriads(deps: Pick<Deps, "database">, actor: Actor | null): Promise<TriadView[]> {
  requirePermission(actor, "units.read");
  return deps.database.tx({ unitPaths: [] }, async (tx) => (await loadTriadsWithMembers(tx)).map(viewOf));
}

/** What may change in a triad: its names (an English name is removed with null) and its units. */
export interface TriadChanges {
  nameKk?: string | undefined;
  nameRu?: string | undefined;
  nameEn?: string | null | undefined;
  /** The three units it is to have; a unit left out leaves the triad, a new one joins. */
  unitIds?: string[] | undefined;
}

/**
 * Checks the three units of a triad at `level`: one of each checkpoint agency, all at that
 * level, none in another triad than `triadId`. Locks them, so two triads never take one unit.
 */
async function checkedMembers(tx: Tx, level: number, unitIds: string[], triadId: string | null) {
  const members = await tx.select().from(units).where(inArray(units.id, unitIds)).for("update");
  if (members.length !== 3)
    throw invalid("unitIds", {
      kk: "бар үш бөлімше қажет",
      ru: "нужны три существующих подразделения",
      en: "three existing units are needed",
    });
  const agencies = new Set(members.map((u) => u.agency));
  if (!TRIAD_AGENCIES.every((a) => agencies.has(a))) {
    throw invalid("unitIds", {
      kk: "ішкі істер органдарынан, ҰҚК Шекара қызметінен және кеденнен бір-бірден бөлімше (X p.1)",
      ru: "по одному подразделению органов внутренних дел, Пограничной службы КНБ и таможни (X p.1)",
      en: "one unit each of internal affairs, the NSC Border Service and Customs (X p.1)",
    });
  }
  const wrongLevel = members.find((u) => u.level !== level);
  if (wrongLevel)
    throw invalid("unitIds", {
      kk: `${wrongLevel.code} бөлімшесі ${level}-деңгейде емес (X p.8)`,
      ru: `подразделение ${wrongLevel.code} не относится к уровню ${level} (X p.8)`,
      en: `${wrongLevel.code} is not at level ${level} (X p.8)`,
    });
  const taken = members.find((u) => u.triadId !== null && u.triadId !== triadId);
  if (taken)
    throw invalid("unitIds", {
      kk: `${taken.code} бөлімшесі басқа үштікке әлдеқашан кірген`,
      ru: `подразделение ${taken.code} уже входит в другую тройку`,
      en: `${taken.code} already belongs to a triad`,
    });
  return members;
}

/** The codes of some units, sorted, for the audit log. */
const codesOf = (list: { code: string }[]) => list.map((u) => u.code).sort();

/**
 * Changes a triad: its names, and its units when one is reorganized (a unit left out leaves,
 * a new one of the same agency and level joins; the triad's plans, figures and joint work stay
 * with the triad, so its new unit sees them). Its level stays. Who holds `triads.manage` (system
 * administrators); the audit entry keeps what changed, before and after.
 */
export async function updateTriad(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
  changes: TriadChanges,
): Promise<TriadView> {
  const me = requirePermission(actor, "triads.manage");
  const now = deps.clock.now();
  return deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    const triad = (await tx.select().from(triads).where(eq(triads.id, id)).limit(1).for("update"))[0];
    if (!triad) throw notFound();
    const { unitIds, ...names } = changes;
    const set = Object.fromEntries(
      Object.entries(names).filter(([key, v]) => v !== undefined && triad[key as keyof typeof triad] !== v),
    ) as Omit<TriadChanges, "unitIds">;
    const before: Record<string, unknown> = Object.fromEntries(
      Object.keys(set).map((key) => [key, triad[key as keyof typeof triad]]),
    );
    const after: Record<string, unknown> = { ...set };
    if (Object.keys(set).length > 0) await tx.update(triads).set(set).where(eq(triads.id, id));
    if (unitIds) {
      const current = (await loadTriadsWithMembers(tx, [id]))[0]?.members ?? [];
      const next = await checkedMembers(tx, triad.level, unitIds, id);
      const leaving = current.filter((u) => !unitIds.includes(u.id));
      const joining = next.filter((u) => u.triadId !== id);
      for (const u of leaving) await tx.update(units).set({ triadId: null }).where(eq(units.id, u.id));
      for (const u of joining) await tx.update(units).set({ triadId: id }).where(eq(units.id, u.id));
      if (leaving.length + joining.length > 0) {
        before.units = codesOf(current);
        after.units = codesOf(next);
      }
    }
    if (Object.keys(after).length > 0) {
      await appendAudit(tx, now, me, meta, {
        action: "triad.update",
        objectType: "triad",
        objectId: id,
        details: { before, after },
      });
    }
    return viewById(tx, id);
  });
}

/**
 * Forms a triad of counterpart units: one unit of each checkpoint agency, all at the
 * triad's level, none already in another triad. Who holds `triads.manage` (system administrators).
 */
export async function createTriad(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  input: { level: number; nameKk: string; nameRu: string; nameEn?: string | undefined; unitIds: string[] },
): Promise<TriadView> {
  const me = requirePermission(actor, "triads.manage");
  const now = deps.clock.now();
  return deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    const members = await checkedMembers(tx, input.level, input.unitIds, null);
    const [triad] = await tx
      .insert(triads)
      .values({
        level: input.level,
        nameKk: input.nameKk,
        nameRu: input.nameRu,
        nameEn: input.nameEn ?? null,
        createdAt: now,
      })
      .returning();
    if (!triad) throw new Error("insert returned no row");
    for (const u of members) await tx.update(units).set({ triadId: triad.id }).where(eq(units.id, u.id));
    await appendAudit(tx, now, me, meta, {
      action: "triad.create",
      objectType: "triad",
      objectId: triad.id,
      details: { level: input.level, units: members.map((u) => u.code) },
    });
    return viewById(tx, triad.id);
  });
}
