import { and, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import { AppError } from "../../core/errors.js";
import { auditLog, users } from "../../db/schema.js";
import { requirePermission, scopeOf } from "../access.js";
import type { Actor, Deps } from "../context.js";
import { toCsv } from "../reference/csv.js";
import { type VerifyReport, verifyAudit } from "./audit.service.js";

/** Filters of the audit viewer. */
export interface AuditFilter {
  actorId?: string | undefined;
  actorLogin?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
  offset: number;
}

/** An audit entry as the viewer shows it. */
export interface AuditEntryView {
  id: string;
  at: string;
  actorId: string | null;
  actorLogin: string | null;
  actorRole: string | null;
  unitId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  address: string | null;
  requestId: string | null;
  details: unknown;
}

function conditions(f: AuditFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (f.actorId) parts.push(eq(auditLog.actorId, f.actorId));
  if (f.actorLogin) parts.push(eq(sql`lower(${users.login})`, f.actorLogin.toLowerCase()));
  if (f.objectType) parts.push(eq(auditLog.objectType, f.objectType));
  if (f.objectId) parts.push(eq(auditLog.objectId, f.objectId));
  if (f.action) parts.push(eq(auditLog.action, f.action));
  if (f.from) parts.push(gte(auditLog.at, f.from));
  if (f.to) parts.push(lt(auditLog.at, f.to));
  return parts.length > 0 ? and(...parts) : undefined;
}

/** Audit entries of the actor's subtree (row-level security), newest first. */
export async function listAudit(
  deps: Pick<Deps, "database">,
  actor: Actor | null,
  filter: AuditFilter,
): Promise<{ items: AuditEntryView[] }> {
  const me = requirePermission(actor, "audit.read");
  if (filter.from && filter.to && filter.from >= filter.to) {
    throw new AppError("VALIDATION_FAILED", { field: "to", params: { detail: "'to' must be after 'from'" } });
  }
  return deps.database.tx(scopeOf(me), async (tx) => {
    const rows = await tx
      .select({ entry: auditLog, actorLogin: users.login })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(conditions(filter))
      .orderBy(desc(auditLog.id))
      .limit(filter.limit)
      .offset(filter.offset);
    return {
      items: rows.map(({ entry, actorLogin }) => ({
        id: entry.id.toString(),
        at: entry.at.toISOString(),
        actorId: entry.actorId,
        actorLogin,
        actorRole: entry.actorRole,
        unitId: entry.unitId,
        action: entry.action,
        objectType: entry.objectType,
        objectId: entry.objectId,
        address: entry.address,
        requestId: entry.requestId,
        details: entry.details,
      })),
    };
  });
}

/** The same entries as CSV (up to 100,000 rows). */
export async function exportAudit(
  deps: Pick<Deps, "database">,
  actor: Actor | null,
  filter: AuditFilter,
): Promise<string> {
  const { items } = await listAudit(deps, actor, { ...filter, limit: 100_000, offset: 0 });
  const columns = [
    "id",
    "at",
    "actorLogin",
    "actorRole",
    "action",
    "objectType",
    "objectId",
    "address",
    "requestId",
    "details",
  ];
  return toCsv(
    columns,
    items.map((e) => ({ ...e, details: JSON.stringify(e.details) })),
  );
}

/** Walks the whole chain (system administrators only: it reads every unit's entries). */
export async function verifyAuditFor(
  deps: Pick<Deps, "database">,
  actor: Actor | null,
): Promise<VerifyReport> {
  requirePermission(actor, "audit.verify");
  return verifyAudit(deps.database);
}
