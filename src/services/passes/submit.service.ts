import { sql } from "drizzle-orm";
import { type Database, type DbScope, rowsOf, type Tx } from "../../adapters/db/index.js";
import { AppError, invalid, notFound } from "../../core/errors.js";
import {
  type ApplicationData,
  apply,
  type CaseState,
  deriveOn,
  NEW_CASE,
  type PassAction,
} from "../../core/passes/index.js";
import type { RuleSet } from "../../core/rules/index.js";
import { localDate } from "../../core/time.js";
import type { applications } from "../../db/schema.js";
import { requirePermission, scopeOf } from "../access.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { applicationEligibility } from "../eligibility.service.js";
import { groupCommit, type ItemOutcome, oneByOne } from "../group-commit.js";
import { loadRuleSets } from "../rules/rules.service.js";
import { timeOrderedId } from "../time-ordered-id.js";
import { repeatedColumns } from "./case.repo.js";
import { allowedActions, type CaseView } from "./case-view.js";
import { compactEligibility, distinctTexts } from "./explanations.js";

/** What a citizen or an intake officer submits (Z App.2). */
export interface SubmitInput {
  data: ApplicationData;
  /** The IAB that takes the application (the applicant's place of permanent residence, Z p.26). */
  unitId?: string | undefined;
  idempotencyKey?: string | undefined;
  lang: string;
}

/** What a submission answers: the case id, whether this call created it, and the new case's view. */
export interface Submitted {
  id: string;
  created: boolean;
  view?: CaseView;
}

/** One submission as received, before the rules run on it. */
interface Submission {
  actor: Actor;
  meta: RequestMeta;
  input: SubmitInput;
  isCitizen: boolean;
  now: Date;
  ruleSets: RuleSet[];
  deps: Pick<Deps, "database" | "clock">;
}

/**
 * Submits an application (Z-10): online by the citizen, or at the counter by an officer on the
 * citizen's behalf. A retry with the same Idempotency-Key returns the first application. A new
 * application comes back with its case view built from what was written, so the caller need not
 * read it again. Concurrent submissions under the same access scope are written together, one
 * transaction per batch (group commit); each is answered after its batch commits.
 */
export async function submitApplication(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  input: SubmitInput,
): Promise<Submitted> {
  if (!actor) throw new AppError("UNAUTHENTICATED");
  const isCitizen =
    actor.permissions.has("applications.own") && !actor.permissions.has("applications.intake");
  if (!isCitizen) requirePermission(actor, "applications.intake");
  const scope: DbScope = isCitizen ? { unitPaths: [], userId: actor.userId } : scopeOf(actor);
  const ruleSets = await loadRuleSets(deps.database);
  // Prepared before it joins the queue: the rules run while earlier batches are in the database,
  // and a batch holds its place in flight only for its write.
  let prepared: Prepared;
  try {
    prepared = await prepare({ actor, meta, input, isCitizen, now: deps.clock.now(), ruleSets, deps });
  } catch (error) {
    // Refused now (a departure the day has moved past), yet it may retry one taken before.
    if (!(error instanceof AppError) || !input.idempotencyKey) throw error;
    const key = { enteredBy: actor.userId, idempotencyKey: input.idempotencyKey };
    const first = await deps.database.tx(scope, (tx) => firstOfKeys(tx, [key]));
    const id = first.get(`${key.enteredBy}|${key.idempotencyKey}`);
    if (!id) throw error;
    return { id, created: false };
  }
  return queueOf(deps.database).submit(scope, prepared);
}

/** Most submissions in one transaction: bounds the statements' size and the time a batch holds its rows. */
const MAX_BATCH = 64;
/**
 * Batches of one scope written at once. One: the submissions that arrive while a batch is in the
 * database wait for it and go together in the next, while the server parses and checks them. With
 * three, a wave of requests went to the database as concurrent batches that came back together, so
 * the next wave arrived at once and the server and the database took turns idling (session 12: a
 * third of both cores idle; with one, 0.37× the raw baseline against 0.33×, five alternated pairs).
 */
const MAX_IN_FLIGHT = 1;

const queues = new WeakMap<Database, ReturnType<typeof newQueue>>();

function newQueue(database: Database) {
  return groupCommit<DbScope, Prepared, Submitted>({
    maxBatch: MAX_BATCH,
    maxInFlight: MAX_IN_FLIGHT,
    // Items share a transaction only under one scope, so row-level security checks each row
    // against exactly the scope of the actor who wrote it.
    keyOf: (scope) => `${scope.all ? "*" : ""}|${scope.userId ?? ""}|${scope.unitPaths.join(",")}`,
    run: (scope, items) => writeBatch(database, scope, items),
  });
}

/** The submission queue of a database (one per database adapter). */
function queueOf(database: Database) {
  let queue = queues.get(database);
  if (!queue) {
    queue = newQueue(database);
    queues.set(database, queue);
  }
  return queue;
}

/**
 * Writes a batch in one round trip: a single statement (SQL function, migrations
 * submission_one_round_trip and submission_derived_fields) that checks each case's unit, numbers
 * it, flags an overlapping trip, and writes the rows with their explanations, first actions and
 * audit entries, the last two found from the row and the request. What each case
 * needs before that (its eligibility, and the destination's zone entry for it, from a cache of
 * reference data) was computed before it joined the queue. The Idempotency-Key is enforced by the
 * rows' unique index. A statement's error rolls the write back whole, so each submission is then
 * written alone and only the one at fault fails; a lost connection may or may not have written the
 * batch, so every submission then gets the error, as alone it would.
 */
async function writeBatch(
  database: Database,
  scope: DbScope,
  ready: Prepared[],
): Promise<ItemOutcome<Submitted>[]> {
  if (ready.length === 0) return [];
  let answers: Map<string, WriteAnswer>;
  try {
    answers = await writeAll(database, scope, ready);
  } catch (err) {
    const statementFailed = typeof (err as { code?: unknown }).code === "string";
    if (!statementFailed || ready.length === 1) throw err;
    return oneByOne(ready, async (item) => {
      const [outcome] = await writeBatch(database, scope, [item]);
      if (!outcome) throw new Error("submission batch answered nothing");
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    });
  }
  // Errors are made only for the items that get them: an Error captures a stack trace, and one
  // made in advance for every item was 4 % of the server's time in the benchmark.
  const outcomes = ready.map((p): ItemOutcome<Submitted> => {
    const answer = answers.get(p.row.id);
    if (!answer)
      // Neither written nor refused: it met its Idempotency-Key in the unique index.
      return { ok: false, error: new AppError("CONCURRENT_CHANGE") };
    if (answer.outcome === "WRITTEN") return { ok: true, value: answered(p, answer) };
    return { ok: false, error: answer.outcome === "NOT_IAB" ? notAnIab() : notFound() };
  });
  return answerRetries(database, scope, ready, outcomes);
}

/**
 * A submission not written may be the retry of one written before: its Idempotency-Key met the
 * first (in this batch, or committed earlier or meanwhile). A retry answers the first application;
 * the others keep their refusal. (A retry the rules refuse now is answered before it is queued.)
 */
async function answerRetries(
  database: Database,
  scope: DbScope,
  ready: readonly Prepared[],
  outcomes: ItemOutcome<Submitted>[],
): Promise<ItemOutcome<Submitted>[]> {
  const keyed = ready.flatMap(({ row }, index) =>
    !outcomes[index]?.ok && row.idempotencyKey
      ? [{ index, enteredBy: row.enteredBy, idempotencyKey: row.idempotencyKey }]
      : [],
  );
  if (keyed.length === 0) return outcomes;
  const firsts = await database.tx(scope, (tx) => firstOfKeys(tx, keyed));
  for (const k of keyed) {
    const first = firsts.get(`${k.enteredBy}|${k.idempotencyKey}`);
    if (first) outcomes[k.index] = { ok: true, value: { id: first, created: false } };
  }
  return outcomes;
}

/** Statuses of a live application, for the overlapping-trip flag. */
const LIVE_STATUSES = ["SUBMITTED", "CHECKED", "APPROVED", "ISSUED", "REGISTERED"];

/** What the write answers for one case: written with its number and flags, or refused. */
interface WriteAnswer {
  id: string;
  outcome: "WRITTEN" | "NOT_IAB" | "OUT_OF_SCOPE";
  number: string | null;
  unit_path: string | null;
  flags: string[] | null;
}

/** The answer of a written case: the row completed with what the database gave it, and its view. */
function answered(p: Prepared, answer: WriteAnswer): Submitted {
  const row = {
    ...p.row,
    number: answer.number ?? "",
    unitPath: answer.unit_path ?? "",
    flags: answer.flags ?? p.row.flags,
  };
  return {
    id: row.id,
    created: true,
    view: {
      row,
      state: p.shown,
      actions: [p.action],
      allowed: allowedActions(p.actor, row, p.shown),
      files: [],
    },
  };
}

/** The refusal of a unit that is not an internal affairs body (or does not exist). */
function notAnIab(): AppError {
  return invalid("unitId", {
    kk: "бұл ішкі істер органы емес",
    ru: "это не орган внутренних дел",
    en: "not an internal affairs body",
  });
}

/**
 * A submission ready to write: its row, first action and what its view needs. The write finds the
 * case's first action and audit entry from the row and the request (`meta`).
 */
interface Prepared {
  actor: Actor;
  /** The row as far as it is known here: the database gives it its number and unit path. */
  row: typeof applications.$inferSelect;
  /** The eligibility answer as the row stores it, and the explanation texts it refers to. */
  stored: ReturnType<typeof compactEligibility>;
  action: PassAction;
  meta: RequestMeta;
  /** The case's state as shown today. */
  shown: CaseState;
}

/** Writes the batch's new cases in one call; answers each case's outcome by its id. */
async function writeAll(
  database: Database,
  scope: DbScope,
  ready: readonly Prepared[],
): Promise<Map<string, WriteAnswer>> {
  // What the row repeats from the data, the first action and the audit entry are the write's to
  // find (migration submission_derived_fields): each case is sent once, with what only the request
  // knows.
  const rows = ready.map(({ row, stored, actor, meta }, n) => ({
    n,
    id: row.id,
    unit_id: row.unitId,
    applicant_user_id: row.applicantUserId,
    entered_by: row.enteredBy,
    idempotency_key: row.idempotencyKey,
    status: row.status,
    data: row.data,
    eligibility: stored.stored,
    flags: row.flags,
    lang: row.lang,
    at: row.createdAt.toISOString(),
    actor_role: actor.roles.join(","),
    actor_unit_id: actor.unitId,
    address: meta.address ?? null,
    request_id: meta.requestId ?? null,
  }));
  const stored = storedTextsOf(database);
  const texts = distinctTexts(ready.flatMap((p) => p.stored.texts)).filter((t) => !stored.has(t.id));
  const answers = await database.call<WriteAnswer>("shekara_write_submissions", scope, [
    JSON.stringify(rows),
    JSON.stringify(texts),
    LIVE_STATUSES,
  ]);
  // Only once a row that refers to them committed, since the function writes texts for written rows.
  if (answers.some((a) => a.outcome === "WRITTEN")) {
    if (stored.size + texts.length > STORED_TEXTS_MAX) stored.clear();
    for (const text of texts) stored.add(text.id);
  }
  return new Map(answers.map((a) => [a.id, a]));
}

/**
 * Explanation texts this process has seen committed, by content id. The rules compose a few dozen
 * texts, and every batch sent them all again (≈ 4 KB) for the database to find them stored. Rows
 * of `eligibility_texts` are never changed or deleted, and a backup is restored only into an empty
 * database, so a text once committed stays; the set is bounded all the same.
 */
const storedTexts = new WeakMap<Database, Set<string>>();
const STORED_TEXTS_MAX = 4096;

function storedTextsOf(database: Database): Set<string> {
  let stored = storedTexts.get(database);
  if (!stored) {
    stored = new Set();
    storedTexts.set(database, stored);
  }
  return stored;
}

/**
 * Runs the rules on one submission and builds its row and first action. The unit is
 * checked by the write (an IAB, in the writer's scope), which also numbers the case.
 */
async function prepare(item: Submission): Promise<Prepared> {
  const { actor, input, now, isCitizen } = item;
  const unitId = input.unitId ?? actor.unitId;
  if (!unitId)
    throw invalid("unitId", {
      kk: "тұрақты мекеніңіздегі ішкі істер органын таңдаңыз (Z p.26)",
      ru: "выберите орган внутренних дел по месту постоянного жительства (Z p.26)",
      en: "choose the internal affairs body of your permanent residence (Z p.26)",
    });
  const eligibility = await eligibilityOf(item.deps, input.data);
  const ctx = { ruleSets: item.ruleSets };
  const id = timeOrderedId(now);
  const action: PassAction = {
    type: "SUBMITTED",
    at: now.toISOString(),
    by: actor.userId,
    unitId,
    payload: input.data,
  };
  const state = apply(NEW_CASE, action, ctx);
  // The row is written with its projection after the first action (version 1), and the action
  // with sequence 1, so a new case costs two inserts instead of insert, insert and update.
  const row: typeof applications.$inferSelect = {
    id,
    number: "",
    unitId,
    unitPath: "",
    applicantUserId: isCitizen ? actor.userId : null,
    enteredBy: actor.userId,
    idempotencyKey: input.idempotencyKey ?? null,
    status: state.stage,
    ...repeatedColumns(input.data),
    iin: null,
    data: input.data,
    eligibility,
    flags: [...state.flags],
    lang: input.lang,
    version: 1,
    isDemo: false,
    createdAt: now,
    updatedAt: now,
  };
  return {
    actor,
    row,
    stored: compactEligibility(eligibility),
    action,
    meta: item.meta,
    // The case as shown today: the same state, its dated flags and status derived for today.
    shown: deriveOn(state, localDate(now)),
  };
}

/** The first application of each (author, Idempotency-Key) given. */
async function firstOfKeys(
  tx: Tx,
  keyed: readonly { enteredBy: string; idempotencyKey: string }[],
): Promise<Map<string, string>> {
  const keys = keyed.map((k) => ({ entered_by: k.enteredBy, idem: k.idempotencyKey }));
  const result = await tx.execute(sql`
    SELECT x.id, x.entered_by, x.idempotency_key FROM applications x
    JOIN json_to_recordset(${JSON.stringify(keys)}::json) AS k(entered_by uuid, idem text)
      ON x.entered_by = k.entered_by AND x.idempotency_key = k.idem`);
  return new Map(
    rowsOf<{ id: string; entered_by: string; idempotency_key: string }>(result).map((r) => [
      `${r.entered_by}|${r.idempotency_key}`,
      r.id,
    ]),
  );
}

const IDENTITY_DOCUMENTS: Record<ApplicationData["applicant"]["identityDocument"]["kind"], string> = {
  ID_CARD: "ID_CARD",
  PASSPORT: "PASSPORT",
  BIRTH_CERTIFICATE: "BIRTH_CERTIFICATE",
  MILITARY_ID: "MILITARY_ID",
};

/** Runs the eligibility engine on an application with its identity document (Z-9). */
function eligibilityOf(deps: Pick<Deps, "database" | "clock">, data: ApplicationData) {
  return applicationEligibility(deps, data, [IDENTITY_DOCUMENTS[data.applicant.identityDocument.kind]]);
}

/** The ISO date `days` after `date`. */
export function addDaysIso(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
