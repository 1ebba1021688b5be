import type { Tx } from "../../adapters/db/index.js";
import {
  type ApplicationData,
  apply,
  type CaseState,
  type MachineContext,
  NEW_CASE,
  type PassAction,
} from "../../core/passes/index.js";
import { applications, type petitionMembers, type petitions, type units } from "../../db/schema.js";
import type { Deps } from "../context.js";
import { applicationEligibility } from "../eligibility.service.js";
import { appendAction, nextApplicationNumber, repeatedColumns } from "../passes/case.repo.js";
import { compactEligibility, saveExplanations } from "../passes/explanations.js";
import { timeOrderedId } from "../time-ordered-id.js";

type PetitionRow = typeof petitions.$inferSelect;
type MemberRow = typeof petitionMembers.$inferSelect;

/** The purpose a petition's passes are for, and whether they go to the strip (selects the rules). */
export function passPurposeOf(
  row: PetitionRow,
  group: boolean,
): { purpose: ApplicationData["purpose"]; inStrip: boolean } {
  if (row.kind === "RELEASE") return { purpose: "RELEASED_FROM_CUSTODY", inStrip: false };
  if (row.kind === "STRIP_LIST") return { purpose: "GROUP_WORK", inStrip: true };
  return { purpose: group ? "GROUP_WORK" : "WORK", inStrip: false };
}

/** The application data (Z App.2) a petition writes for one person. */
export function applicationDataOf(row: PetitionRow, member: MemberRow, group: boolean): ApplicationData {
  const data = row.data as {
    destinations: string[];
    returnDate: string | null;
    lateReason: string | null;
    orgName?: string;
  };
  const { purpose, inStrip } = passPurposeOf(row, group);
  const stayDays = data.returnDate
    ? Math.max(1, Math.round((Date.parse(data.returnDate) - Date.parse(row.departureDate)) / 86_400_000) + 1)
    : undefined;
  return {
    applicant: {
      surname: member.surname,
      givenName: member.givenName,
      ...(member.patronymic ? { patronymic: member.patronymic } : {}),
      birthYear: member.birthYear,
      citizenship: "KZ",
      identityDocument: {
        kind: "PASSPORT",
        ...(member.documentSeries ? { series: member.documentSeries } : {}),
        number: member.documentNumber,
        issuedOn: member.documentIssuedOn,
        issuedBy: member.documentIssuedBy,
      },
      residence: member.address,
    },
    children: [],
    purpose,
    destinations: data.destinations,
    departureDate: row.departureDate,
    ...(stayDays ? { stayDays } : {}),
    inStrip,
    ...(data.lateReason ? { lateReason: data.lateReason } : {}),
  };
}

/** The eligibility engine's answer for a person of the petition, stored on the case as on any application. */
export function eligibilityFor(deps: Pick<Deps, "database" | "clock">, data: ApplicationData) {
  return applicationEligibility(deps, data, ["PASSPORT"]);
}

/** One step of the case the petition opens, with who took it and when. */
export interface CaseStep {
  type: "CHECK_RECORDED" | "APPROVED";
  at: string;
  by: string;
  payload: Record<string, unknown>;
}

/**
 * Opens a pass case for a person of a petition in the caller's transaction: the petition's filing
 * is the case's submission, then the officer's check and the head's approval, each judged by the
 * same state machine as any application (late filing, checks, validity limits), so issuing,
 * registration and return then work as for any pass.
 */
export async function openPetitionCase(
  tx: Tx,
  ctx: MachineContext,
  iab: typeof units.$inferSelect,
  row: PetitionRow,
  data: ApplicationData,
  eligibility: unknown,
  steps: CaseStep[],
): Promise<{ id: string; state: CaseState }> {
  const id = timeOrderedId(row.createdAt);
  const submitted: PassAction = {
    type: "SUBMITTED",
    at: row.createdAt.toISOString(),
    by: row.filedBy,
    unitId: iab.id,
    payload: data,
  };
  let state = apply(NEW_CASE, submitted, ctx);
  const seq = await nextApplicationNumber(tx);
  const stored = compactEligibility(eligibility ?? {});
  await saveExplanations(tx, stored.texts);
  const year = row.createdAt.getUTCFullYear();
  await tx.insert(applications).values({
    id,
    number: `${iab.passSeries ?? iab.code}-${year}-A${String(seq).padStart(6, "0")}`,
    unitId: iab.id,
    unitPath: iab.path,
    applicantUserId: null,
    enteredBy: row.filedBy,
    status: "NEW",
    ...repeatedColumns(data),
    data,
    eligibility: stored.stored,
    flags: state.flags as string[],
    lang: "kk",
    createdAt: row.createdAt,
    updatedAt: row.createdAt,
  });
  await appendAction(tx, { id, version: 0, actionCount: 0 }, submitted, state);
  let count = 1;
  for (const step of steps) {
    const action = {
      type: step.type,
      at: step.at,
      by: step.by,
      unitId: iab.id,
      payload: step.payload,
    } as PassAction;
    state = apply(state, action, ctx);
    await appendAction(tx, { id, version: count, actionCount: count }, action, state);
    count++;
  }
  return { id, state };
}
