import type { DbScope } from "../adapters/db/index.js";
import type { Permission } from "../core/access/roles.js";
import { AppError } from "../core/errors.js";
import type { Actor } from "./context.js";

/**
 * Authorization in one place (C-2): every service asks here before it reads or writes.
 * Objects outside the actor's unit subtree answer "not found" (never "forbidden" with details).
 */
export function requirePermission(actor: Actor | null, permission: Permission): Actor {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  if (!actor.permissions.has(permission)) throw new AppError("FORBIDDEN");
  return actor;
}

/** True when the actor holds the system-wide administrator role. */
export function isSystemWide(actor: Actor): boolean {
  return actor.roles.includes("system_admin");
}

/** The database scope of an actor: their unit subtree, or everything for system administrators. */
export function scopeOf(actor: Actor | null): DbScope {
  if (!actor) return { unitPaths: [] };
  return {
    unitPaths: actor.unitPath ? [actor.unitPath] : [],
    userId: actor.userId,
    all: isSystemWide(actor),
  };
}

/** True when `path` lies in the subtree rooted at one of the scope's paths. */
export function pathInScope(scope: DbScope, path: string): boolean {
  if (scope.all) return true;
  return scope.unitPaths.some((root) => path === root || path.startsWith(`${root}.`));
}
