import { asc, eq, sql } from "drizzle-orm";
import type { Tx } from "../../adapters/db/index.js";
import { rowsOf } from "../../adapters/db/rows.js";
import { AppError } from "../../core/errors.js";
import {
  type ApplicationData,
  type CaseState,
  type PassAction,
  passActionSchema,
} from "../../core/passes/index.js";
import { applicationActions, applications } from "../../db/schema.js";

/**
 * The columns an application row repeats from its data (App.2), for work queues, search and the
 * overlapping-trip check. The batch write of submissions reads the same from `data` in SQL
 * (migration submission_derived_fields).
 */
export function repeatedColumns(data: ApplicationData) {
  const a = data.applicant;
  return {
    surname: a.surname,
    givenName: a.givenName,
    patronymic: a.patronymic ?? null,
    birthYear: a.birthYear,
    destinationKato: data.destinations[0] ?? "",
    departureDate: data.departureDate,
    purpose: data.purpose,
  };
}

/** An application row with its action log. */
export interface LoadedCase {
  row: typeof applications.$inferSelect;
  actions: PassAction[];
}

/** Loads an application visible to the transaction's scope (row-level security), with its log. */
export async function loadCase(tx: Tx, id: string): Promise<LoadedCase | undefined> {
  const row = (await tx.select().from(applications).where(eq(applications.id, id)).limit(1))[0];
  if (!row) return undefined;
  const log = await tx
    .select()
    .from(applicationActions)
    .where(eq(applicationActions.applicationId, id))
    .orderBy(asc(applicationActions.seq));
  const actions = log.map((a) =>
    passActionSchema.parse({
      type: a.type,
      at: a.at.toISOString(),
      by: a.byUserId,
      unitId: a.unitId ?? "",
      payload: a.payload,
    }),
  );
  return { row, actions };
}

/**
 * Appends an action to the log and refreshes the application's projection, in the caller's
 * transaction. The (application, seq) key makes a concurrent second append fail instead of forking.
 */
export async function appendAction(
  tx: Tx,
  target: { id: string; version: number; actionCount: number },
  action: PassAction,
  state: CaseState,
  idempotencyKey?: string,
): Promise<void> {
  const seq = target.actionCount + 1;
  try {
    await tx.insert(applicationActions).values({
      applicationId: target.id,
      seq,
      type: action.type,
      at: new Date(action.at),
      byUserId: action.by,
      unitId: action.unitId || null,
      payload: action.payload,
      idempotencyKey: idempotencyKey ?? null,
    });
  } catch (err) {
    if (
      String((err as { cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code) ===
      "23505"
    ) {
      throw new AppError("CONCURRENT_CHANGE");
    }
    throw err;
  }
  const updated = await tx
    .update(applications)
    .set({
      status: state.stage,
      flags: state.flags as string[],
      version: seq,
      updatedAt: new Date(action.at),
    })
    .where(sql`${applications.id} = ${target.id} AND ${applications.version} = ${target.version}`)
    .returning({ id: applications.id });
  if (updated.length === 0) throw new AppError("CONCURRENT_CHANGE");
}

/**
 * The next number of a gapless series (pass numbers, register lines, application numbers) for a
 * unit and year. The row lock is held until the transaction ends, so concurrent issuers queue
 * and a rolled-back issuance gives its number back.
 */
export async function nextInSeries(tx: Tx, unitId: string, year: number, kind: string): Promise<number> {
  const result = await tx.execute(
    sql`INSERT INTO counters (unit_id, year, kind, last) VALUES (${unitId}, ${year}, ${kind}, 1)
        ON CONFLICT (unit_id, year, kind) DO UPDATE SET last = counters.last + 1
        RETURNING last`,
  );
  const last = rowsOf<{ last: number }>(result)[0]?.last;
  if (last === undefined) throw new Error("counter returned no row");
  return Number(last);
}

/** A unique application number from a sequence (no lock: submissions never wait for each other). */
export async function nextApplicationNumber(tx: Tx): Promise<number> {
  const result = await tx.execute(sql`SELECT nextval('application_numbers') AS n`);
  return Number(rowsOf<{ n: string | number }>(result)[0]?.n ?? 0);
}
