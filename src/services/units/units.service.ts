import { randomUUID } from "node:crypto";
import { asc, eq, inArray } from "drizzle-orm";
import { inSubtrees } from "../../adapters/db/subtree.js";
import type { Agency } from "../../core/access/agencies.js";
import { AppError, invalid, notFound } from "../../core/errors.js";
import type { Translated } from "../../core/i18n.js";
import { units } from "../../db/schema.js";
import { pathInScope, requirePermission, scopeOf } from "../access.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";

/** A unit as the API shows it. */
export type UnitView = typeof units.$inferSelect;

/** What a caller provides to create a unit; the id, path and owner fields are the system's. */
export interface NewUnit {
  agency: Agency;
  parentId?: string | null | undefined;
  code: string;
  nameKk: string;
  nameRu: string;
  nameEn?: string | null | undefined;
  timeZone: string;
  level?: number | null | undefined;
}

/** ltree label of a unit: letters and digits only, derived from its id. */
export function pathLabel(id: string): string {
  return `u${id.replaceAll("-", "")}`;
}

/** True when the IANA time zone is known to this runtime. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The detail for a time zone this runtime does not know. */
function unknownTimeZone(zone: string): Translated {
  return {
    kk: `белгісіз IANA уақыт белдеуі ${zone}`,
    ru: `неизвестный часовой пояс IANA ${zone}`,
    en: `unknown IANA time zone ${zone}`,
  };
}

/** Lists the units of the actor's subtree, ordered by path. */
export async function listUnits(deps: Pick<Deps, "database">, actor: Actor | null): Promise<UnitView[]> {
  const me = requirePermission(actor, "units.read");
  const scope = scopeOf(me);
  return deps.database.tx(scope, async (tx) => {
    if (scope.all) return tx.select().from(units).orderBy(asc(units.path));
    if (scope.unitPaths.length === 0) return [];
    return tx.select().from(units).where(inSubtrees(units.path, scope.unitPaths)).orderBy(asc(units.path));
  });
}

/** Creates a unit under a parent in the actor's subtree (or a root, for system administrators). */
export async function createUnit(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  input: NewUnit,
): Promise<UnitView> {
  const me = requirePermission(actor, "units.manage");
  const scope = scopeOf(me);
  if (!isTimeZone(input.timeZone)) throw invalid("timeZone", unknownTimeZone(input.timeZone));
  const now = deps.clock.now();
  return deps.database.tx(scope, async (tx) => {
    const id = randomUUID();
    let path = pathLabel(id);
    if (input.parentId) {
      const parent = (await tx.select().from(units).where(eq(units.id, input.parentId)).limit(1))[0];
      if (!parent || !pathInScope(scope, parent.path)) throw notFound();
      if (parent.agency !== input.agency)
        throw invalid("agency", {
          kk: "бөлімше өзінің жоғары тұрған бөлімшесінің органына жатады",
          ru: "подразделение относится к ведомству вышестоящего подразделения",
          en: "a unit belongs to its parent's agency",
        });
      path = `${parent.path}.${path}`;
    } else if (!scope.all) {
      throw invalid("parentId", {
        kk: "жоғарғы деңгейдегі бөлімшелерді тек жүйе әкімшілері құрады",
        ru: "подразделения верхнего уровня создают только системные администраторы",
        en: "only system administrators create top-level units",
      });
    }
    const clash = await tx.select({ id: units.id }).from(units).where(eq(units.code, input.code)).limit(1);
    if (clash.length > 0)
      throw new AppError("ALREADY_EXISTS", { field: "code", params: { what: input.code } });
    const [created] = await tx
      .insert(units)
      .values({
        id,
        agency: input.agency,
        parentId: input.parentId ?? null,
        path,
        code: input.code,
        nameKk: input.nameKk,
        nameRu: input.nameRu,
        nameEn: input.nameEn ?? null,
        timeZone: input.timeZone,
        level: input.level ?? null,
        createdAt: now,
      })
      .returning();
    if (!created) throw new Error("insert returned no row");
    await appendAudit(tx, now, me, meta, {
      action: "unit.create",
      objectType: "unit",
      objectId: id,
      details: { code: input.code, agency: input.agency },
    });
    return created;
  });
}

/** A unit with whom it works: its superiors (root first) and its counterparts in its triad. */
export interface UnitDetail {
  unit: UnitView;
  superiors: UnitView[];
  counterparts: UnitView[];
}

/** One unit of the actor's subtree with its superiors and counterparts; others' units answer 404. */
export async function getUnit(
  deps: Pick<Deps, "database">,
  actor: Actor | null,
  id: string,
): Promise<UnitDetail> {
  const me = requirePermission(actor, "units.read");
  const scope = scopeOf(me);
  return deps.database.tx(scope, async (tx) => {
    const unit = (await tx.select().from(units).where(eq(units.id, id)).limit(1))[0];
    if (!unit || !pathInScope(scope, unit.path)) throw notFound();
    const ancestorIds = unit.path
      .split(".")
      .slice(0, -1)
      .map((label) => label.slice(1).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5"));
    const superiors =
      ancestorIds.length > 0 ? await tx.select().from(units).where(inArray(units.id, ancestorIds)) : [];
    superiors.sort((a, b) => a.path.length - b.path.length);
    const counterparts = unit.triadId
      ? (await tx.select().from(units).where(eq(units.triadId, unit.triadId))).filter((u) => u.id !== unit.id)
      : [];
    return { unit, superiors, counterparts };
  });
}

/** What an administrator may change on a unit; its agency, parent and path never change. */
export interface UnitChanges {
  nameKk?: string | undefined;
  nameRu?: string | undefined;
  nameEn?: string | null | undefined;
  timeZone?: string | undefined;
  level?: number | null | undefined;
}

/** Changes a unit of the actor's subtree. */
export async function updateUnit(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
  changes: UnitChanges,
): Promise<UnitView> {
  const me = requirePermission(actor, "units.manage");
  const scope = scopeOf(me);
  if (changes.timeZone !== undefined && !isTimeZone(changes.timeZone)) {
    throw invalid("timeZone", unknownTimeZone(changes.timeZone));
  }
  const now = deps.clock.now();
  return deps.database.tx(scope, async (tx) => {
    const unit = (await tx.select().from(units).where(eq(units.id, id)).limit(1))[0];
    if (!unit || !pathInScope(scope, unit.path)) throw notFound();
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(set).length === 0) return unit;
    const [updated] = await tx.update(units).set(set).where(eq(units.id, id)).returning();
    if (!updated) throw notFound();
    await appendAudit(tx, now, me, meta, {
      action: "unit.update",
      objectType: "unit",
      objectId: id,
      details: set,
    });
    return updated;
  });
}
