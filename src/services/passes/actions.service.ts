import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../adapters/db/index.js";
import { AppError, notFound } from "../../core/errors.js";
import {
  apply,
  type CaseState,
  encodePassPayload,
  formatPassCode,
  formatPassNumber,
  formatRegisterLine,
  type PassAction,
  type PassActionType,
  passActionSchema,
  replay,
  TRANSITIONS,
} from "../../core/passes/index.js";
import { localDate } from "../../core/time.js";
import { describeIssue, type IssueFacts } from "../../core/validation-messages.js";
import { applicationActions, passes, registerLines, units, zoneEntries } from "../../db/schema.js";
import { pathInScope, requirePermission, scopeOf } from "../access.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { loadRuleSets } from "../rules/rules.service.js";
import { appendAction, type LoadedCase, loadCase, nextInSeries } from "./case.repo.js";
import { notifyApplicant } from "./notices.js";
import { screeningEvidence } from "./screening.service.js";

/** Where to find the case: by its id (the handling unit) or by a pass number (any IAB, registrars). */
export type CaseLocator = { applicationId: string } | { passNumber: string };

/** An action as a client sends it; the server adds who, when and where, and the numbers it allocates. */
export interface ActionInput {
  type: PassActionType;
  payload: Record<string, unknown>;
  /**
   * How many actions the client saw in the case (HTTP If-Match). When given and the case has moved
   * on, the step is refused with CONCURRENT_CHANGE: a retry of a step that did commit (its answer
   * lost in a crash) can never record it twice.
   */
  expectedActions?: number | undefined;
  /**
   * The client's key for this step (HTTP Idempotency-Key), for steps taken by pass number, where
   * the client never saw the case's action count: a retry with the same key answers the step
   * already taken instead of taking it again.
   */
  idempotencyKey?: string | undefined;
}

const SYSTEM = { unitPaths: [], all: true } as const;

/** Finds the application id behind a pass number (any pass of the case, including replaced ones). */
async function caseOfPass(tx: Tx, passNumber: string): Promise<string | undefined> {
  const row = (
    await tx.select({ id: passes.applicationId }).from(passes).where(eq(passes.number, passNumber)).limit(1)
  )[0];
  return row?.id;
}

/**
 * Takes one step of a pass case (Z-18 … Z-30): checks the permission and scope of the transition,
 * applies it to the state derived from the log (an illegal step answers 409 with its rule and
 * clause), appends the action, and does what the step means — numbers, the pass, the register
 * line, notices — all in one transaction with its audit entry.
 */
export async function takeAction(
  deps: Pick<Deps, "database" | "clock" | "signer" | "notifier">,
  actor: Actor | null,
  meta: RequestMeta,
  locator: CaseLocator,
  input: ActionInput,
): Promise<{ id: string; state: CaseState }> {
  const rule = TRANSITIONS[input.type];
  if (!rule || input.type === "SUBMITTED") throw new AppError("NOT_FOUND");
  const me = requirePermission(actor, rule.permission);
  const scope = scopeOf(me);
  const now = deps.clock.now();
  const today = localDate(now);
  const ctx = { ruleSets: await loadRuleSets(deps.database) };
  // A recorded check keeps what the screening engine showed and the reviews taken (Z-18): the
  // server screens the applicant again here, so a client cannot choose the evidence.
  const evidence =
    input.type === "CHECK_RECORDED" && "applicationId" in locator
      ? await screeningEvidence(deps, me, meta, locator.applicationId)
      : undefined;
  // Steps any IAB (or registrar) may take find the case by pass number across units (Z p.18, p.23,
  // p.24, App.1 rule 3); all others stay within the actor's unit subtree.
  const wide = rule.scope === "ANY";
  return deps.database.tx(wide ? { ...SYSTEM, userId: me.userId } : scope, async (tx) => {
    const id = "applicationId" in locator ? locator.applicationId : await caseOfPass(tx, locator.passNumber);
    const loaded = id ? await loadCase(tx, id) : undefined;
    if (!loaded) throw notFound();
    if (!wide && !pathInScope(scope, loaded.row.unitPath)) throw notFound();
    if (input.expectedActions !== undefined && input.expectedActions !== loaded.actions.length) {
      throw new AppError("CONCURRENT_CHANGE");
    }
    if (input.idempotencyKey !== undefined) {
      const prior = await stepOfKey(tx, me.userId, input.idempotencyKey);
      if (prior) {
        if (prior.applicationId !== loaded.row.id || prior.type !== input.type) {
          throw new AppError("IDEMPOTENCY_KEY_REUSED");
        }
        return { id: loaded.row.id, state: replay(loaded.actions, today, ctx) };
      }
    }
    const before = replay(loaded.actions, undefined, ctx);

    const payload = { ...input.payload };
    if (input.type === "CHECK_RECORDED") {
      if (evidence) payload.screening = evidence;
      else delete payload.screening;
    }
    let allocated: { number: string; line: string; seq: number; lineNo: number; series: string } | undefined;
    if (input.type === "ISSUED" || input.type === "REPLACED") {
      allocated = await allocateNumbers(tx, me.unitId ?? loaded.row.unitId, now);
      payload.passNumber = allocated.number;
      payload.registerLine = allocated.line;
    }
    const parsed = passActionSchema.safeParse({
      type: input.type,
      at: now.toISOString(),
      by: me.userId,
      unitId: me.unitId ?? loaded.row.unitId,
      payload,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue ? issue.path.map(String).join(".") : "payload";
      throw new AppError("VALIDATION_FAILED", {
        field,
        params: { detail: describeIssue({ ...(issue as unknown as Omit<IssueFacts, "field">), field }) },
      });
    }
    const action: PassAction = parsed.data;
    const after = apply(before, action, ctx);
    await appendAction(
      tx,
      { id: loaded.row.id, version: loaded.row.version, actionCount: loaded.actions.length },
      action,
      after,
      input.idempotencyKey,
    );
    await sideEffects(tx, deps, me, loaded, action, after, allocated, today);
    await appendAudit(tx, now, me, meta, {
      action: `application.${input.type.toLowerCase()}`,
      objectType: "application",
      objectId: loaded.row.id,
      details: { from: before.stage, to: after.stage, clause: rule.clause, pass: allocated?.number },
    });
    return { id: loaded.row.id, state: replay([...loaded.actions, action], today, ctx) };
  });
}

/** The step an actor already took with an Idempotency-Key, if any. */
async function stepOfKey(tx: Tx, userId: string, key: string) {
  const rows = await tx
    .select({ applicationId: applicationActions.applicationId, type: applicationActions.type })
    .from(applicationActions)
    .where(and(eq(applicationActions.byUserId, userId), eq(applicationActions.idempotencyKey, key)))
    .limit(1);
  return rows[0];
}

/** Allocates the next pass number and register line of the issuing unit, gapless per year (Z p.21, p.33). */
async function allocateNumbers(tx: Tx, unitId: string, now: Date) {
  const unit = (await tx.select().from(units).where(eq(units.id, unitId)).limit(1))[0];
  if (!unit) throw notFound();
  const series = unit.passSeries ?? unit.code.replace(/[^A-Z0-9]/g, "").slice(-6);
  const year = now.getUTCFullYear();
  const seq = await nextInSeries(tx, unit.id, year, "pass");
  const lineNo = await nextInSeries(tx, unit.id, year, "register");
  return {
    series,
    seq,
    lineNo,
    number: formatPassNumber({ series, year, seq }),
    line: formatRegisterLine({ series, year, seq: lineNo }),
  };
}

const PASS_STATUS_AFTER: Partial<Record<PassActionType, string>> = {
  REGISTERED: "REGISTERED",
  LOSS_REPORTED: "LOST",
  RETURNED: "RETURNED",
  REVOKED: "REVOKED",
};

async function sideEffects(
  tx: Tx,
  deps: Pick<Deps, "clock" | "signer" | "notifier">,
  me: Actor,
  loaded: LoadedCase,
  action: PassAction,
  state: CaseState,
  allocated: { number: string; line: string; seq: number; lineNo: number; series: string } | undefined,
  today: string,
): Promise<void> {
  const row = loaded.row;
  const applicant = { userId: row.applicantUserId, lang: row.lang };
  switch (action.type) {
    case "APPROVED":
      await notifyApplicant(tx, deps, applicant, "APPROVED", {
        number: row.number,
        from: action.payload.validFrom,
        until: action.payload.validUntil,
      });
      return;
    case "REFUSED":
      await notifyApplicant(tx, deps, applicant, "REFUSED", {
        number: row.number,
        reason: action.payload.reason,
      });
      return;
    case "ISSUED":
    case "REPLACED": {
      if (!allocated || !state.pass) return;
      const issuingUnit = (await tx.select().from(units).where(eq(units.id, action.unitId)).limit(1))[0];
      if (!issuingUnit) throw notFound();
      const previous = await tx
        .select()
        .from(passes)
        .where(
          and(eq(passes.applicationId, row.id), inArray(passes.status, ["ISSUED", "REGISTERED", "LOST"])),
        );
      for (const old of previous)
        await tx.update(passes).set({ status: "REPLACED" }).where(eq(passes.id, old.id));
      const pass = state.pass;
      const code = passCode(deps, row, pass.number, pass.places, pass.validFrom, pass.validUntil);
      const passId = randomUUID();
      await tx.insert(passes).values({
        id: passId,
        applicationId: row.id,
        unitId: issuingUnit.id,
        unitPath: issuingUnit.path,
        holderUserId: row.applicantUserId,
        number: allocated.number,
        year: Number(allocated.number.split("-")[1]),
        seq: allocated.seq,
        status: "ISSUED",
        validFrom: pass.validFrom,
        validUntil: pass.validUntil,
        issuedAt: new Date(action.at),
        militaryNoticeOn: state.flags.includes("MILITARY_NOTICE") ? today : null,
        code,
        replacesPassId: previous[0]?.id ?? null,
      });
      const data = row.data as {
        applicant: { identityDocument: { kind: string; series?: string; number: string } };
      };
      const doc = data.applicant.identityDocument;
      const places = await tx
        .select({ kato: zoneEntries.kato, nameRu: zoneEntries.nameRu, nameKk: zoneEntries.nameKk })
        .from(zoneEntries)
        .where(inArray(zoneEntries.kato, pass.places));
      await tx.insert(registerLines).values({
        unitId: issuingUnit.id,
        unitPath: issuingUnit.path,
        year: Number(allocated.line.split("-")[1]?.split("/")[0] ?? today.slice(0, 4)),
        lineNo: allocated.lineNo,
        passId,
        signedAt: new Date(action.at),
        data: {
          date: today,
          passSeries: allocated.series,
          passNumber: allocated.number,
          fullName: [row.surname, row.givenName, row.patronymic].filter(Boolean).join(" "),
          birthYear: row.birthYear,
          identityDocument: `${doc.kind} ${doc.series ?? ""} ${doc.number}`.replace(/\s+/g, " ").trim(),
          destination: places.map((p) => `${p.nameKk} / ${p.nameRu}`).join("; ") || pass.places.join(", "),
          purpose: row.purpose,
          validFrom: pass.validFrom,
          validUntil: pass.validUntil,
          basisDocuments: [`${row.number}`],
          recipientSignature: `${me.fullName}: ${today}`,
        },
      });
      await notifyApplicant(tx, deps, applicant, "ISSUED", { passNumber: allocated.number });
      return;
    }
    case "EXTENDED": {
      const pass = state.pass;
      if (!pass) return;
      const live = await tx
        .select()
        .from(passes)
        .where(and(eq(passes.applicationId, row.id), eq(passes.number, pass.number)))
        .limit(1);
      const current = live[0];
      if (!current) return;
      // The printed code carries the old end date: a new code goes with the extension mark (Z p.23).
      const code = passCode(deps, row, pass.number, pass.places, pass.validFrom, pass.validUntil);
      await tx.update(passes).set({ validUntil: pass.validUntil, code }).where(eq(passes.id, current.id));
      return;
    }
    default: {
      const status = PASS_STATUS_AFTER[action.type];
      if (!status || !state.pass) return;
      await tx
        .update(passes)
        .set({ status: action.type === "REGISTERED" && state.pass.keptByIab ? "KEPT" : status })
        .where(and(eq(passes.applicationId, row.id), eq(passes.number, state.pass.number)));
      if (action.type === "RETURNED" || action.type === "REVOKED") {
        await tx
          .update(registerLines)
          .set({ returnedMark: `${action.type === "RETURNED" ? "returned" : "withdrawn"} ${today}` })
          .where(eq(registerLines.passId, (await passIdOf(tx, row.id, state.pass.number)) ?? ""));
      }
    }
  }
}

async function passIdOf(tx: Tx, applicationId: string, number: string): Promise<string | undefined> {
  const row = (
    await tx
      .select({ id: passes.id })
      .from(passes)
      .where(and(eq(passes.applicationId, applicationId), eq(passes.number, number)))
      .limit(1)
  )[0];
  return row?.id;
}

/** The signed, offline-verifiable code of a pass (C-6): the core's payload, signed with the deployment key. */
export function passCode(
  deps: Pick<Deps, "signer">,
  row: { surname: string; givenName: string; patronymic: string | null; birthYear: number },
  number: string,
  places: readonly string[],
  validFrom: string,
  validUntil: string,
): string {
  const payload = encodePassPayload({
    v: 1,
    n: number,
    h: [row.surname, row.givenName, row.patronymic].filter(Boolean).join(" "),
    y: row.birthYear,
    p: [...places],
    f: validFrom,
    u: validUntil,
    k: deps.signer.keyId,
  });
  const signature = Buffer.from(deps.signer.sign(Buffer.from(payload)), "base64url");
  return formatPassCode(payload, new Uint8Array(signature));
}
