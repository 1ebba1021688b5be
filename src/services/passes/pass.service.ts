import { and, asc, eq, inArray } from "drizzle-orm";
import type { PassDocument } from "../../adapters/pdf/pass.js";
import { renderPassPdf } from "../../adapters/pdf/pass.js";
import { type RegisterLine, renderRegisterBookPdf } from "../../adapters/pdf/register-book.js";
import { DOCUMENT_LABELS } from "../../core/eligibility/index.js";
import { AppError, notFound } from "../../core/errors.js";
import {
  type ApplicationData,
  isPermitNumber,
  kazakhAndRussian,
  registerIdentityDocument,
  registerPurpose,
  replay,
  TRANSITIONS,
  type VerifyResult,
  verifyPassCode,
} from "../../core/passes/index.js";
import { localDate } from "../../core/time.js";
import { applications, passes, permits, registerLines, units, users, zoneEntries } from "../../db/schema.js";
import { pathInScope, requirePermission, scopeOf } from "../access.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { loadRuleSets } from "../rules/rules.service.js";
import { loadCase } from "./case.repo.js";

/** Pass numbers that must not be honoured: lost, replaced, returned or withdrawn (C-6). */
export const REVOKED_STATUSES = ["LOST", "REPLACED", "RETURNED", "REVOKED"] as const;

/** The public key set that verifies pass codes offline. */
export function publicKeys(deps: Pick<Deps, "signer">) {
  return { keys: [{ keyId: deps.signer.keyId, alg: "Ed25519", publicKey: deps.signer.publicKey }] };
}

/** The revocation list: every pass number that must not be honoured, for offline verifiers. */
export async function revocationList(deps: Pick<Deps, "database" | "clock">) {
  const rows = await deps.database.tx({ unitPaths: [], all: true }, (tx) =>
    tx
      .select({ number: passes.number, status: passes.status })
      .from(passes)
      .where(inArray(passes.status, [...REVOKED_STATUSES]))
      .orderBy(asc(passes.number)),
  );
  return { generatedAt: deps.clock.now().toISOString(), revoked: rows };
}

/** What a verifier learns: the verdict and, for a genuine code, whose pass it is and where it is valid. */
export interface Verification extends VerifyResult {
  places?: { kato: string; nameKk: string; nameRu: string }[];
  current?: { status: string; validUntil: string };
  /** Which document the code is on: a pass, or a foreigner's permit (Z p.17). */
  document?: "pass" | "permit";
}

/**
 * Verifies a pass code against the deployment key and the live revocation list (C-6); a genuine
 * code also shows the places written on it (Z p.29) and the pass's current state, so an extension
 * made after printing is visible online.
 */
export async function verifyCode(
  deps: Pick<Deps, "database" | "clock" | "signer">,
  meta: RequestMeta,
  code: string,
  lookup?: { actor: Actor },
): Promise<Verification> {
  const today = localDate(deps.clock.now());
  // Signature and dates first; revocation is then read for this one number from its live record
  // (the same verdict as the offline list, without loading the whole list for every scan).
  const result = await verifyPassCode(code.trim(), {
    keys: publicKeys(deps).keys,
    revoked: new Set(),
    today,
  });
  if (!result.pass) return result;
  const number = result.pass.n;
  return deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    const places = await tx
      .select({ kato: zoneEntries.kato, nameKk: zoneEntries.nameKk, nameRu: zoneEntries.nameRu })
      .from(zoneEntries)
      .where(inArray(zoneEntries.kato, result.pass?.p ?? []));
    const unique = [...new Map(places.map((p) => [p.kato, p])).values()];
    const isPermit = isPermitNumber(number);
    // Permits (Z p.17) carry the same signed fields; their live state is in their own table.
    const live = isPermit
      ? (await tx.select().from(permits).where(eq(permits.number, number)).limit(1))[0]
      : (await tx.select().from(passes).where(eq(passes.number, number)).limit(1))[0];
    let status = result.status;
    if (!isPermit && live && REVOKED_STATUSES.includes(live.status as never)) {
      // Revocation first, as offline: a lost or withdrawn pass is REVOKED whatever its dates.
      status = "REVOKED";
    } else if (
      // A code printed before an extension shows its old end date; the live record decides online.
      status === "EXPIRED" &&
      live &&
      !REVOKED_STATUSES.includes(live.status as never) &&
      live.validUntil >= today
    ) {
      status = "VALID";
    }
    await appendAudit(tx, deps.clock.now(), lookup?.actor ?? null, meta, {
      action: lookup ? "pass.lookup" : isPermit ? "permit.verify" : "pass.verify",
      objectType: isPermit ? "permit" : "pass",
      objectId: number,
      details: { status },
    });
    return {
      ...result,
      status,
      places: unique,
      ...(live ? { current: { status: live.status, validUntil: live.validUntil } } : {}),
      document: isPermit ? "permit" : "pass",
    };
  });
}

/** Permissions of the steps any IAB or registrar may take on a pass by its number (scope ANY). */
const BY_NUMBER_PERMISSIONS = new Set(
  Object.values(TRANSITIONS)
    .filter((rule) => rule.scope === "ANY")
    .map((rule) => rule.permission),
);

/**
 * A pass found by its typed number, for an officer who may take a step on any pass by number (a
 * registrar, or an IAB's desk: Z p.18, p.23, App.1 rule 3): the verdict its issued code gets, as
 * if scanned, with holder, places and current validity. Verifiers without those rights need the
 * code itself; a number alone would let them read holders' names pass after pass.
 */
export async function lookupPassByNumber(
  deps: Pick<Deps, "database" | "clock" | "signer">,
  actor: Actor | null,
  meta: RequestMeta,
  number: string,
): Promise<Verification> {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  if (![...BY_NUMBER_PERMISSIONS].some((permission) => actor.permissions.has(permission))) {
    throw new AppError("FORBIDDEN");
  }
  const wanted = number.trim();
  const found = await deps.database.tx({ unitPaths: [], all: true }, (tx) =>
    tx.select({ code: passes.code }).from(passes).where(eq(passes.number, wanted)).limit(1),
  );
  const code = found[0]?.code;
  if (!code) throw notFound();
  return verifyCode(deps, meta, code, { actor });
}

const PURPOSE_KIND: Record<string, PassDocument["purpose"]> = {
  PERMANENT_RESIDENCE: "PERMANENT_RESIDENCE",
  PERIODIC_BUSINESS: "PERIODIC_BUSINESS",
  PERIODIC_PERSONAL: "PERIODIC_PERSONAL",
};

/** The pass as a PDF (Z-22, App.1): for its holder, or an officer of the issuing unit's subtree. */
export async function passPdf(
  deps: Pick<Deps, "database" | "clock" | "signer">,
  actor: Actor | null,
  meta: RequestMeta,
  passId: string,
): Promise<{ pdf: Buffer; number: string }> {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  const ctx = { ruleSets: await loadRuleSets(deps.database) };
  const doc = await deps.database.tx(scopeOf(actor), async (tx) => {
    const pass = (await tx.select().from(passes).where(eq(passes.id, passId)).limit(1))[0];
    if (!pass) throw notFound();
    const loaded = await loadCase(tx, pass.applicationId);
    if (!loaded) throw notFound();
    const state = replay(loaded.actions, undefined, ctx);
    const unit = (await tx.select().from(units).where(eq(units.id, pass.unitId)).limit(1))[0];
    const region = unit?.parentId
      ? (await tx.select().from(units).where(eq(units.id, unit.parentId)).limit(1))[0]
      : undefined;
    const places = await tx
      .select()
      .from(zoneEntries)
      .where(inArray(zoneEntries.kato, state.pass?.places ?? []));
    const data = loaded.row.data as ApplicationData;
    const id = data.applicant.identityDocument;
    const unique = [...new Map(places.map((p) => [p.kato, p])).values()];
    await appendAudit(tx, deps.clock.now(), actor, meta, {
      action: "pass.pdf",
      objectType: "pass",
      objectId: pass.number,
    });
    const document: PassDocument = {
      ministry: {
        kk: "Қазақстан Республикасы Ішкі істер министрлігі",
        ru: "Министерство внутренних дел Республики Казахстан",
      },
      department: { kk: "Көші-қон полициясы", ru: "Миграционная полиция" },
      region: { kk: region?.nameKk ?? "", ru: region?.nameRu ?? "" },
      iab: { kk: unit?.nameKk ?? "", ru: unit?.nameRu ?? "" },
      issueDate: localDate(pass.issuedAt),
      series: pass.number.split("-")[0] ?? "",
      number: pass.number,
      holder: {
        surname: loaded.row.surname,
        name: loaded.row.givenName,
        ...(loaded.row.patronymic ? { patronymic: loaded.row.patronymic } : {}),
        birthYear: loaded.row.birthYear,
      },
      places: unique.map((p) => ({
        nameKk: p.nameKk,
        nameRu: p.nameRu,
        regionKk: p.regionKk,
        regionRu: p.regionRu,
      })),
      purpose: PURPOSE_KIND[data.purpose] ?? "TEMPORARY_STAY",
      children: data.children.map((c) => ({ name: c.name, age: c.age })),
      identityDocument: {
        type: DOCUMENT_LABELS[id.kind],
        ...(id.series ? { series: id.series } : {}),
        number: id.number,
        issuedOn: id.issuedOn ?? "",
        issuedBy: id.issuedBy ?? "",
      },
      validFrom: pass.validFrom,
      validUntil: pass.validUntil,
      headName: "",
      registrations: state.registrations.map((r) => ({ date: r.on, registrar: r.registrar })),
      extensions: (state.pass?.extensions ?? []).map((e) => ({ until: e.to, unit: e.byUnit, date: e.on })),
      qrPayload: pass.code,
    };
    return { document, number: pass.number, deciderId: state.decision?.by };
  });
  // The deciding head's name is printed on the pass; the holder may not read the users table itself.
  if (doc.deciderId) {
    const id = doc.deciderId;
    const head = await deps.database.tx({ unitPaths: [], all: true }, (tx) =>
      tx.select({ fullName: users.fullName }).from(users).where(eq(users.id, id)).limit(1),
    );
    doc.document.headName = head[0]?.fullName ?? "";
  }
  return { pdf: await renderPassPdf(doc.document), number: doc.number };
}

/** The register book of a unit and year (Z-21, App.3): lines in order, for view or PDF. */
export async function registerBook(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  unitId: string,
  year: number,
): Promise<{ unit: { nameKk: string; nameRu: string }; lines: RegisterLine[] }> {
  const me = requirePermission(actor, "applications.intake");
  const scope = scopeOf(me);
  return deps.database.tx(scope, async (tx) => {
    const unit = (await tx.select().from(units).where(eq(units.id, unitId)).limit(1))[0];
    if (!unit || !pathInScope(scope, unit.path)) throw notFound();
    const rows = await tx
      .select()
      .from(registerLines)
      .where(and(eq(registerLines.unitId, unitId), eq(registerLines.year, year)))
      .orderBy(asc(registerLines.lineNo));
    await appendAudit(tx, deps.clock.now(), me, meta, {
      action: "register_book.read",
      objectType: "register_book",
      objectId: `${unit.code}/${year}`,
    });
    return {
      unit: { nameKk: unit.nameKk, nameRu: unit.nameRu },
      lines: rows.map((r) => {
        const d = r.data as Omit<RegisterLine, "lineNo" | "returnMark">;
        return { ...d, lineNo: r.lineNo, returnMark: r.returnedMark ?? "" };
      }),
    };
  });
}

/** The register book as a PDF. */
export async function registerBookPdf(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  unitId: string,
  year: number,
): Promise<Buffer> {
  const book = await registerBook(deps, actor, meta, unitId, year);
  return renderRegisterBookPdf({
    unitNameKk: book.unit.nameKk,
    unitNameRu: book.unit.nameRu,
    year,
    // Codes written at issue are printed in words, Kazakh and Russian as the book's other columns.
    lines: book.lines.map((line) => ({
      ...line,
      purpose: kazakhAndRussian(registerPurpose(line.purpose)),
      identityDocument: kazakhAndRussian(registerIdentityDocument(line.identityDocument)),
    })),
    printedOn: localDate(deps.clock.now()),
  });
}

/** Passes of a case, for the case page and the citizen portal. */
export async function passesOf(deps: Pick<Deps, "database">, actor: Actor, applicationId: string) {
  return deps.database.tx(scopeOf(actor), async (tx) => {
    const app = (
      await tx
        .select({ id: applications.id })
        .from(applications)
        .where(eq(applications.id, applicationId))
        .limit(1)
    )[0];
    if (!app) throw notFound();
    return tx
      .select({
        id: passes.id,
        number: passes.number,
        status: passes.status,
        validFrom: passes.validFrom,
        validUntil: passes.validUntil,
        code: passes.code,
      })
      .from(passes)
      .where(eq(passes.applicationId, applicationId))
      .orderBy(asc(passes.issuedAt));
  });
}
