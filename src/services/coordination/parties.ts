import { eq } from "drizzle-orm";
import type { Tx } from "../../adapters/db/index.js";
import type { Permission } from "../../core/access/roles.js";
import { isParty, type Party, type PartyUnit } from "../../core/coordination/index.js";
import { AppError } from "../../core/errors.js";
import { units } from "../../db/schema.js";
import { pathInScope, scopeOf } from "../access.js";
import type { Actor } from "../context.js";
import { loadTriadsWithMembers } from "../units/triads.service.js";

/** A party's unit with its names, as shown on plans, acts and maps. */
export interface PartyUnitView extends PartyUnit {
  code: string;
  nameKk: string;
  nameRu: string;
  nameEn: string | null;
  /** True when the unit has a higher instance (a parent unit) to approve plans. */
  hasSuperior: boolean;
}

/** A triad with its three party units. */
export interface TriadParties {
  id: string;
  level: number;
  nameKk: string;
  nameRu: string;
  nameEn: string | null;
  parties: PartyUnitView[];
}

/** Passes when the actor holds at least one of the permissions. */
export function requireAnyPermission(actor: Actor | null, permissions: readonly Permission[]): Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  if (!permissions.some((p) => actor.permissions.has(p))) throw new AppError("FORBIDDEN");
  return actor;
}

/** Every triad (or those of `ids`) with its parties (organizational facts; filtered by `triadVisible`). */
export async function loadTriads(tx: Tx, ids?: readonly string[]): Promise<TriadParties[]> {
  return (await loadTriadsWithMembers(tx, ids)).map(({ triad, members }) => ({
    id: triad.id,
    level: triad.level,
    nameKk: triad.nameKk,
    nameRu: triad.nameRu,
    nameEn: triad.nameEn,
    parties: members
      .filter((u) => isParty(u.agency))
      .map((u) => ({
        party: u.agency as Party,
        unitId: u.id,
        path: u.path,
        code: u.code,
        nameKk: u.nameKk,
        nameRu: u.nameRu,
        nameEn: u.nameEn,
        hasSuperior: u.parentId !== null,
      })),
  }));
}

/** One triad, or null. */
export async function loadTriad(tx: Tx, id: string): Promise<TriadParties | null> {
  return (await loadTriads(tx, [id]))[0] ?? null;
}

/**
 * True when the actor may see the triad's joint work: their unit is one of its party units or lies
 * above one (the higher instance). Other units get "not found".
 */
export function triadVisible(actor: Actor, triad: TriadParties): boolean {
  const scope = scopeOf(actor);
  return triad.parties.some((p) => pathInScope(scope, p.path));
}

/** The party whose unit the actor belongs to, if any. */
export function actorParty(actor: Actor, triad: TriadParties): Party | null {
  return triad.parties.find((p) => p.unitId === actor.unitId)?.party ?? null;
}

/** The unit row of an id, or null. */
export async function unitById(tx: Tx, id: string) {
  return (await tx.select().from(units).where(eq(units.id, id)).limit(1))[0] ?? null;
}
