import { eq, sql } from "drizzle-orm";
import { isRole, type Role } from "../core/access/roles.js";
import { AppError, invalid, notFound } from "../core/errors.js";
import { units, users } from "../db/schema.js";
import { appendAudit } from "./audit/audit.service.js";
import { hashPassword } from "./auth/password.js";
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
    throw invalid("login", "3–64 letters, digits, dots, dashes, underscores or @");
  }
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw invalid("password", `at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  const badRole = input.roles.find((role) => !isRole(role));
  if (badRole) throw invalid("roles", `unknown role ${badRole}`);
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
