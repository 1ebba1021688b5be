import { asc, eq, sql } from "drizzle-orm";
import { isRole, type Role } from "../core/access/roles.js";
import { AppError, invalid, notFound } from "../core/errors.js";
import type { Translated } from "../core/i18n.js";
import { units, users } from "../db/schema.js";
import { pathInScope, requirePermission, scopeOf } from "./access.js";
import { appendAudit } from "./audit/audit.service.js";
import { hashPassword } from "./auth/password.js";
import { endAllSessions } from "./auth/session.service.js";
import type { Actor, Deps, RequestMeta } from "./context.js";

/** What is needed to create a user. */
export interface NewUser {
  login: string;
  password: string;
  fullName: string;
  unitCode?: string | undefined;
  roles: string[];
  locale?: string | undefined;
  isDemo?: boolean;
}

/** The minimum password length; long passphrases beat complexity rules (NIST SP 800-63B). */
export const MIN_PASSWORD_LENGTH = 10;

/** The detail for a role name the system does not know. */
function unknownRole(role: string): Translated {
  return { kk: `белгісіз рөл ${role}`, ru: `неизвестная роль ${role}`, en: `unknown role ${role}` };
}

/**
 * Creates a user (CLI and administration). `actor` is null for the CLI, which acts as the
 * operator of the machine; the audit entry records that.
 */
export async function createUser(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  input: NewUser,
): Promise<{ id: string }> {
  if (!/^[\p{L}\p{N}._@-]{3,64}$/u.test(input.login)) {
    throw invalid("login", {
      kk: "3–64 әріп, цифр, нүкте, сызықша, астыңғы сызық немесе @",
      ru: "3–64 буквы, цифры, точки, дефисы, подчёркивания или @",
      en: "3–64 letters, digits, dots, dashes, underscores or @",
    });
  }
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw invalid("password", {
      kk: `кемінде ${MIN_PASSWORD_LENGTH} таңба`,
      ru: `не менее ${MIN_PASSWORD_LENGTH} символов`,
      en: `at least ${MIN_PASSWORD_LENGTH} characters`,
    });
  }
  const badRole = input.roles.find((role) => !isRole(role));
  if (badRole) throw invalid("roles", unknownRole(badRole));
  const roles = input.roles as Role[];
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now();
  return deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    let unitId: string | null = null;
    if (input.unitCode) {
      const unit = (
        await tx.select({ id: units.id }).from(units).where(eq(units.code, input.unitCode)).limit(1)
      )[0];
      if (!unit) throw notFound();
      unitId = unit.id;
    }
    const clash = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(sql`lower(${users.login})`, input.login.toLowerCase()))
      .limit(1);
    if (clash.length > 0)
      throw new AppError("ALREADY_EXISTS", { field: "login", params: { what: input.login } });
    const [created] = await tx
      .insert(users)
      .values({
        login: input.login,
        passwordHash,
        fullName: input.fullName,
        unitId,
        roles,
        locale: input.locale ?? "kk",
        isDemo: input.isDemo ? 1 : 0,
        createdAt: now,
      })
      .returning({ id: users.id });
    if (!created) throw new Error("insert returned no row");
    await appendAudit(tx, now, actor, meta, {
      action: "user.create",
      objectType: "user",
      objectId: created.id,
      details: { login: input.login, roles, unitCode: input.unitCode ?? null },
    });
    return created;
  });
}

/** A user as administrators see them (never the password hash). */
export interface UserView {
  id: string;
  login: string;
  fullName: string;
  unitId: string | null;
  unitCode: string | null;
  roles: Role[];
  locale: string;
  disabled: boolean;
  isDemo: boolean;
  createdAt: Date;
}

const userColumns = {
  id: users.id,
  login: users.login,
  fullName: users.fullName,
  unitId: users.unitId,
  unitCode: units.code,
  roles: users.roles,
  locale: users.locale,
  disabledAt: users.disabledAt,
  isDemo: users.isDemo,
  createdAt: users.createdAt,
};

function toView(row: {
  id: string;
  login: string;
  fullName: string;
  unitId: string | null;
  unitCode: string | null;
  roles: string[];
  locale: string;
  disabledAt: Date | null;
  isDemo: number;
  createdAt: Date;
}): UserView {
  return {
    id: row.id,
    login: row.login,
    fullName: row.fullName,
    unitId: row.unitId,
    unitCode: row.unitCode,
    roles: row.roles.filter(isRole),
    locale: row.locale,
    disabled: row.disabledAt !== null,
    isDemo: row.isDemo === 1,
    createdAt: row.createdAt,
  };
}

/**
 * Lists the users of the actor's unit subtree (row-level security filters the rows); the read
 * of personal data is audited (C-3).
 */
export async function listUsers(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  filter: { q?: string | undefined; limit: number; offset: number },
): Promise<{ items: UserView[]; total: number }> {
  const me = requirePermission(actor, "users.read");
  const scope = scopeOf(me);
  return deps.database.tx(scope, async (tx) => {
    const q = filter.q?.trim().toLowerCase();
    const where = q
      ? sql`(lower(${users.login}) LIKE ${`%${q}%`} OR lower(${users.fullName}) LIKE ${`%${q}%`})`
      : undefined;
    const rows = await tx
      .select(userColumns)
      .from(users)
      .leftJoin(units, eq(units.id, users.unitId))
      .where(where)
      .orderBy(asc(users.login))
      .limit(filter.limit)
      .offset(filter.offset);
    const total = await tx.select({ n: sql<number>`count(*)::int` }).from(users).where(where);
    await appendAudit(tx, deps.clock.now(), me, meta, {
      action: "users.list",
      objectType: "user",
      details: { q: q ?? null, ids: rows.map((r) => r.id) },
    });
    return { items: rows.map(toView), total: Number(total[0]?.n ?? 0) };
  });
}

/** One user of the actor's subtree (404 otherwise); the read is audited. */
export async function getUser(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
): Promise<UserView> {
  const me = requirePermission(actor, "users.read");
  return deps.database.tx(scopeOf(me), async (tx) => {
    const row = (
      await tx
        .select(userColumns)
        .from(users)
        .leftJoin(units, eq(units.id, users.unitId))
        .where(eq(users.id, id))
        .limit(1)
    )[0];
    if (!row) throw notFound();
    await appendAudit(tx, deps.clock.now(), me, meta, {
      action: "user.read",
      objectType: "user",
      objectId: id,
    });
    return toView(row);
  });
}

/** Roles only a system administrator may grant. */
const SYSTEM_ROLES: readonly Role[] = ["system_admin"];

/** Refuses role grants beyond the actor's own power (no privilege escalation). */
function assertGrantable(actor: Actor, roles: readonly string[]): void {
  const bad = roles.find((r) => !isRole(r));
  if (bad) throw invalid("roles", unknownRole(bad));
  if (!actor.roles.includes("system_admin") && roles.some((r) => SYSTEM_ROLES.includes(r as Role))) {
    throw new AppError("FORBIDDEN", { field: "roles" });
  }
}

/** Creates an officer account in a unit of the actor's subtree. */
export async function createUserInUnit(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  input: {
    login: string;
    password: string;
    fullName: string;
    unitId: string;
    roles: string[];
    locale?: string;
  },
): Promise<UserView> {
  const me = requirePermission(actor, "users.manage");
  assertGrantable(me, input.roles);
  const unit = await deps.database.tx(scopeOf(me), async (tx) => {
    const row = (await tx.select().from(units).where(eq(units.id, input.unitId)).limit(1))[0];
    return row && pathInScope(scopeOf(me), row.path) ? row : undefined;
  });
  if (!unit) throw notFound();
  const created = await createUser(deps, me, meta, { ...input, unitCode: unit.code });
  return getUser(deps, me, meta, created.id);
}

/** What an administrator may change on a user. */
export interface UserChanges {
  fullName?: string | undefined;
  roles?: string[] | undefined;
  unitId?: string | undefined;
  locale?: string | undefined;
  disabled?: boolean | undefined;
}

/**
 * Changes a user of the actor's subtree. Disabling ends every session at once; nobody may
 * disable themselves or change their own roles (an administrator cannot lock the door behind them).
 */
export async function updateUser(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
  changes: UserChanges,
): Promise<UserView> {
  const me = requirePermission(actor, "users.manage");
  if (changes.roles) assertGrantable(me, changes.roles);
  if (id === me.userId && (changes.disabled !== undefined || changes.roles !== undefined)) {
    throw invalid("id", {
      kk: "өз рөлдеріңізді өзгертуге немесе өз тіркелгіңізді өшіруге болмайды",
      ru: "нельзя изменить свои роли или отключить свою учётную запись",
      en: "you cannot change your own roles or disable yourself",
    });
  }
  const scope = scopeOf(me);
  const now = deps.clock.now();
  await deps.database.tx(scope, async (tx) => {
    const row = (await tx.select().from(users).where(eq(users.id, id)).limit(1))[0];
    if (!row) throw notFound();
    if (row.roles.includes("system_admin") && !me.roles.includes("system_admin")) throw notFound();
    if (changes.unitId) {
      const unit = (await tx.select().from(units).where(eq(units.id, changes.unitId)).limit(1))[0];
      if (!unit || !pathInScope(scope, unit.path)) throw notFound();
    }
    const set: Partial<typeof users.$inferInsert> = {};
    if (changes.fullName !== undefined) set.fullName = changes.fullName;
    if (changes.roles !== undefined) set.roles = changes.roles;
    if (changes.unitId !== undefined) set.unitId = changes.unitId;
    if (changes.locale !== undefined) set.locale = changes.locale;
    if (changes.disabled !== undefined) set.disabledAt = changes.disabled ? (row.disabledAt ?? now) : null;
    if (Object.keys(set).length === 0) return;
    await tx.update(users).set(set).where(eq(users.id, id));
    if (changes.disabled) await endAllSessions(tx, id, now);
    await appendAudit(tx, now, me, meta, {
      action: changes.disabled ? "user.disable" : "user.update",
      objectType: "user",
      objectId: id,
      details: { ...changes },
    });
  });
  return getUser(deps, me, meta, id);
}
