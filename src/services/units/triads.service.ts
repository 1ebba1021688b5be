import { asc, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../adapters/db/index.js";
import { TRIAD_AGENCIES } from "../../core/access/agencies.js";
import { AppError, invalid, notFound } from "../../core/errors.js";
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

/** Every triad with its members (organizational facts, visible to any officer). */
export async function listTriads(deps: Pick<Deps, "database">, actor: Actor | null): Promise<TriadView[]> {
  requirePermission(actor, "units.read");
  return deps.database.tx({ unitPaths: [] }, async (tx) => {
    const all = await tx.select().from(triads).orderBy(asc(triads.level), asc(triads.nameRu));
    const members = await membersOf(
      tx,
      all.map((t) => t.id),
    );
    return all.map((t) => viewOf(t, members));
  });
}

/** Only system administrators form triads and change them: a triad spans three agencies' trees. */
function requireSystemAdmin(actor: Actor | null): Actor {
  const me = requirePermission(actor, "units.manage");
  if (!me.roles.includes("system_admin")) throw new AppError("FORBIDDEN");
  return me;
}

/** The members of some triads, each with its triad's id. */
async function membersOf(tx: Tx, triadIds: string[]) {
  if (triadIds.length === 0) return [];
  return tx
    .select({
      id: units.id,
      agency: units.agency,
      code: units.code,
      nameKk: units.nameKk,
      nameRu: units.nameRu,
      nameEn: units.nameEn,
      triadId: units.triadId,
    })
    .from(units)
    .where(inArray(units.triadId, triadIds));
}

/** A triad row with its members, as the API shows it. */
function viewOf(t: typeof triads.$inferSelect, members: Awaited<ReturnType<typeof membersOf>>): TriadView {
  return {
    id: t.id,
    level: t.level,
    nameKk: t.nameKk,
    nameRu: t.nameRu,
    nameEn: t.nameEn,
    units: members.filter((m) => m.triadId === t.id).map(({ triadId: _t, ...m }) => m),
  };
}

/** What may change in a triad: its names (an English name may be removed with null). */
export interface TriadNameChanges {
  nameKk?: string | undefined;
  nameRu?: string | undefined;
  nameEn?: string | null | undefined;
}

/**
 * Changes a triad's names; its level and members stay. System administrators only; the
 * audit entry keeps the names before and after.
 */
export async function renameTriad(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
  changes: TriadNameChanges,
): Promise<TriadView> {
  const me = requireSystemAdmin(actor);
  const now = deps.clock.now();
  return deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    const triad = (await tx.select().from(triads).where(eq(triads.id, id)).limit(1))[0];
    if (!triad) throw notFound();
    const set = Object.fromEntries(
      Object.entries(changes).filter(([key, v]) => v !== undefined && triad[key as keyof typeof triad] !== v),
    ) as TriadNameChanges;
    let updated = triad;
    if (Object.keys(set).length > 0) {
      const [row] = await tx.update(triads).set(set).where(eq(triads.id, id)).returning();
      if (!row) throw notFound();
      updated = row;
      const before = Object.fromEntries(
        Object.keys(set).map((key) => [key, triad[key as keyof typeof triad]]),
      );
      await appendAudit(tx, now, me, meta, {
        action: "triad.update",
        objectType: "triad",
        objectId: id,
        details: { before, after: set },
      });
    }
    return viewOf(updated, await membersOf(tx, [id]));
  });
}

/**
 * Forms a triad of counterpart units: one unit of each checkpoint agency, all at the
 * triad's level, none already in another triad. System administrators only.
 */
export async function createTriad(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  input: { level: number; nameKk: string; nameRu: string; nameEn?: string | undefined; unitIds: string[] },
): Promise<TriadView> {
  const me = requireSystemAdmin(actor);
  const now = deps.clock.now();
  return deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    const members = await tx.select().from(units).where(inArray(units.id, input.unitIds));
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
    const wrongLevel = members.find((u) => u.level !== input.level);
    if (wrongLevel)
      throw invalid("unitIds", {
        kk: `${wrongLevel.code} бөлімшесі ${input.level}-деңгейде емес (X p.8)`,
        ru: `подразделение ${wrongLevel.code} не относится к уровню ${input.level} (X p.8)`,
        en: `${wrongLevel.code} is not at level ${input.level} (X p.8)`,
      });
    const taken = members.find((u) => u.triadId !== null);
    if (taken)
      throw invalid("unitIds", {
        kk: `${taken.code} бөлімшесі үштікке әлдеқашан кірген`,
        ru: `подразделение ${taken.code} уже входит в тройку`,
        en: `${taken.code} already belongs to a triad`,
      });
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
    return {
      ...triad,
      units: members.map((u) => ({
        id: u.id,
        agency: u.agency,
        code: u.code,
        nameKk: u.nameKk,
        nameRu: u.nameRu,
        nameEn: u.nameEn,
      })),
    };
  });
}
