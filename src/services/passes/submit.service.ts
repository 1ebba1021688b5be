import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Database, type DbScope, rowsOf, type Tx } from "../../adapters/db/index.js";
import { AppError, invalid, notFound } from "../../core/errors.js";
import { type ApplicationData, apply, deriveOn, NEW_CASE, type PassAction } from "../../core/passes/index.js";
import type { RuleSet } from "../../core/rules/index.js";
import { localDate } from "../../core/time.js";
import type { applications } from "../../db/schema.js";
import { pathInScope, requirePermission, scopeOf } from "../access.js";
import { type AuditEntry, auditRows } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { checkEligibility } from "../eligibility.service.js";
import { groupCommit, type ItemOutcome, oneByOne } from "../group-commit.js";
import { findZoneEntry, type ZoneEntry } from "../reference/zone.service.js";
import { loadRuleSets } from "../rules/rules.service.js";
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

/** One submission waiting for its batch. */
interface Submission {
  actor: Actor;
  meta: RequestMeta;
  input: SubmitInput;
  isCitizen: boolean;
  scope: DbScope;
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
  return queueOf(deps.database).submit(scope, {
    actor,
    meta,
    input,
    isCitizen,
    scope,
    now: deps.clock.now(),
    ruleSets,
    deps,
  });
}

/** Most submissions in one transaction: bounds the statements' size and the time a batch holds its rows. */
const MAX_BATCH = 64;
/** Batches of one scope written at once: while one waits on the database the next is prepared. */
const MAX_IN_FLIGHT = 2;

const queues = new WeakMap<Database, ReturnType<typeof newQueue>>();

function newQueue(database: Database) {
  return groupCommit<DbScope, Submission, Submitted>({
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
 * Writes a batch in two round trips, each a statement of its own and so its own transaction: one
 * reads what every submission needs, one writes the new rows with their explanations, first actions
 * and audit entries (SQL functions, migration hot_path_functions). A batch's time was its round
 * trips, each waiting behind the server's other work. The read needs no transaction with the
 * write: the Idempotency-Key is enforced by the rows' unique index, numbers come from a sequence,
 * the unit and the zone list are reference data, and the overlap flag is advice. A statement's
 * error rolls the write back whole, so each submission is then written alone and only the one at
 * fault fails; a lost connection may or may not have written the batch, so every submission then
 * gets the error, as alone it would.
 */
async function writeBatch(
  database: Database,
  scope: DbScope,
  items: Submission[],
): Promise<ItemOutcome<Submitted>[]> {
  const reads = await readAll(database, scope, items);
  const outcomes: ItemOutcome<Submitted>[] = [];
  const ready: Prepared[] = [];
  for (const [index, item] of items.entries()) {
    const read = reads[index];
    try {
      if (!read) throw new Error("submission read returned no row");
      if (read.existing) {
        outcomes.push({ ok: true, value: { id: read.existing, created: false } });
        continue;
      }
      const prepared = await prepare(item, read, index);
      ready.push(prepared);
      outcomes.push({ ok: true, value: { id: prepared.row.id, created: true, view: prepared.view } });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes.push({ ok: false, error });
    }
  }
  if (ready.length === 0) return outcomes;
  let written: Set<string>;
  try {
    written = await writeAll(database, scope, ready);
  } catch (err) {
    const statementFailed = typeof (err as { code?: unknown }).code === "string";
    if (!statementFailed || items.length === 1) throw err;
    return oneByOne(items, async (item) => {
      const [outcome] = await writeBatch(database, scope, [item]);
      if (!outcome) throw new Error("submission batch answered nothing");
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    });
  }
  // A row not written met another with the same Idempotency-Key (in this batch, or committed
  // meanwhile by a concurrent request): the retry answers the first application.
  const lost = ready.filter((p) => !written.has(p.row.id));
  if (lost.length > 0) {
    const firsts = await database.tx(scope, (tx) => firstOfKeys(tx, lost));
    for (const p of lost) {
      const first = firsts.get(`${p.row.enteredBy}|${p.row.idempotencyKey}`);
      outcomes[p.index] = first
        ? { ok: true, value: { id: first, created: false } }
        : { ok: false, error: new AppError("CONCURRENT_CHANGE") };
    }
  }
  return outcomes;
}

/** Statuses of a live application, for the overlapping-trip flag. */
const LIVE_STATUSES = ["SUBMITTED", "CHECKED", "APPROVED", "ISSUED", "REGISTERED"];

/** What a submission reads before writing. */
interface SubmitReads {
  existing: string | null;
  unit_id: string | null;
  agency: string | null;
  path: string | null;
  code: string | null;
  pass_series: string | null;
  others: ApplicationData[] | null;
  zone: Record<string, unknown> | null;
  seq: string | number | null;
}

/**
 * Reads what every submission of a batch needs, in one call: its idempotency key's first
 * application, the receiving unit, the same person's live applications, the destination's zone
 * entry and the next number. The number is spent even when the application is not written (gaps
 * are fine).
 */
async function readAll(
  database: Database,
  scope: DbScope,
  items: readonly Submission[],
): Promise<SubmitReads[]> {
  const inputs = items.map((item, n) => ({
    n,
    entered_by: item.actor.userId,
    idem: item.input.idempotencyKey ?? null,
    unit_id: item.input.unitId ?? item.actor.unitId,
    surname: item.input.data.applicant.surname,
    birth_year: item.input.data.applicant.birthYear,
    kato: item.input.data.destinations[0] ?? "",
    departure: item.input.data.departureDate,
  }));
  return database.call<SubmitReads>("shekara_submission_reads", scope, [
    JSON.stringify(inputs),
    LIVE_STATUSES,
  ]);
}

/** A submission ready to write: its row, first action, audit entry and the view to answer with. */
interface Prepared {
  index: number;
  row: typeof applications.$inferSelect;
  /** The eligibility answer as the row stores it, and the explanation texts it refers to. */
  stored: ReturnType<typeof compactEligibility>;
  action: PassAction;
  audit: AuditEntry;
  view: CaseView;
}

/** Writes the batch's new cases in one call; answers the ids written. */
async function writeAll(
  database: Database,
  scope: DbScope,
  ready: readonly Prepared[],
): Promise<Set<string>> {
  const rows = ready.map(({ row, stored }) => ({
    id: row.id,
    number: row.number,
    unit_id: row.unitId,
    unit_path: row.unitPath,
    applicant_user_id: row.applicantUserId,
    entered_by: row.enteredBy,
    idempotency_key: row.idempotencyKey,
    status: row.status,
    surname: row.surname,
    given_name: row.givenName,
    patronymic: row.patronymic,
    birth_year: row.birthYear,
    destination_kato: row.destinationKato,
    departure_date: row.departureDate,
    purpose: row.purpose,
    data: row.data,
    eligibility: stored.stored,
    flags: row.flags,
    lang: row.lang,
    at: row.createdAt.toISOString(),
  }));
  // No payload: a first action records the submitted application, which `prepare` made the row's
  // data too, and the function takes it from the row written.
  const actions = ready.map(({ row, action }) => ({
    application_id: row.id,
    type: action.type,
    at: action.at,
    by_user_id: action.by,
    unit_id: action.unitId || null,
  }));
  const stored = storedTextsOf(database);
  const texts = distinctTexts(ready.flatMap((p) => p.stored.texts)).filter((t) => !stored.has(t.id));
  const written = await database.call<{ written_id: string }>("shekara_write_submissions", scope, [
    JSON.stringify(rows),
    JSON.stringify(texts),
    JSON.stringify(actions),
    JSON.stringify(auditRows(ready.map((p) => p.audit))),
  ]);
  // Only once a row that refers to them committed, since the function writes texts for written rows.
  if (written.length > 0) {
    if (stored.size + texts.length > STORED_TEXTS_MAX) stored.clear();
    for (const text of texts) stored.add(text.id);
  }
  return new Set(written.map((r) => r.written_id));
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

/** Runs the rules on one submission and builds its row, first action, audit entry and view. */
async function prepare(item: Submission, reads: SubmitReads, index: number): Promise<Prepared> {
  const { actor, input, now, isCitizen, scope } = item;
  const unitId = input.unitId ?? actor.unitId;
  if (!unitId)
    throw invalid("unitId", {
      kk: "тұрақты мекеніңіздегі ішкі істер органын таңдаңыз (Z p.26)",
      ru: "выберите орган внутренних дел по месту постоянного жительства (Z p.26)",
      en: "choose the internal affairs body of your permanent residence (Z p.26)",
    });
  if (!reads.unit_id || reads.agency !== "IAB" || !reads.path || !reads.code) {
    throw invalid("unitId", {
      kk: "бұл ішкі істер органы емес",
      ru: "это не орган внутренних дел",
      en: "not an internal affairs body",
    });
  }
  const unit = { id: reads.unit_id, path: reads.path, code: reads.code, passSeries: reads.pass_series };
  if (!isCitizen && !pathInScope(scope, unit.path)) throw notFound();
  const eligibility = await eligibilityOf(item.deps, input.data, zoneEntryOf(reads.zone));
  const ctx = { ruleSets: item.ruleSets };
  const id = randomUUID();
  const action: PassAction = {
    type: "SUBMITTED",
    at: now.toISOString(),
    by: actor.userId,
    unitId,
    payload: input.data,
  };
  const state = apply(NEW_CASE, action, ctx);
  const flags = new Set<string>(state.flags);
  if (overlaps(reads.others ?? [], input.data)) flags.add("OVERLAPPING_APPLICATION");
  const number = `${unit.passSeries ?? unit.code}-${now.getUTCFullYear()}-A${String(reads.seq).padStart(6, "0")}`;
  const a = input.data.applicant;
  // The row is written with its projection after the first action (version 1), and the action
  // with sequence 1, so a new case costs two inserts instead of insert, insert and update.
  const row: typeof applications.$inferSelect = {
    id,
    number,
    unitId,
    unitPath: unit.path,
    applicantUserId: isCitizen ? actor.userId : null,
    enteredBy: actor.userId,
    idempotencyKey: input.idempotencyKey ?? null,
    status: state.stage,
    surname: a.surname,
    givenName: a.givenName,
    patronymic: a.patronymic ?? null,
    birthYear: a.birthYear,
    iin: null,
    destinationKato: input.data.destinations[0] ?? "",
    departureDate: input.data.departureDate,
    purpose: input.data.purpose,
    data: input.data,
    eligibility,
    flags: [...flags],
    lang: input.lang,
    version: 1,
    isDemo: false,
    createdAt: now,
    updatedAt: now,
  };
  // The case as shown today: the same state, its dated flags and status derived for today.
  const shown = deriveOn(state, localDate(now));
  return {
    index,
    row,
    stored: compactEligibility(eligibility),
    action,
    audit: {
      at: now,
      actor,
      meta: item.meta,
      input: {
        action: "application.submit",
        objectType: "application",
        objectId: id,
        details: { number, unit: unit.code, flags: row.flags, outcome: eligibility.outcome },
      },
    },
    view: { row, state: shown, actions: [action], allowed: allowedActions(actor, row, shown), files: [] },
  };
}

/** The first application of each (author, Idempotency-Key) among the given rows. */
async function firstOfKeys(tx: Tx, lost: readonly Prepared[]): Promise<Map<string, string>> {
  const keys = lost.map(({ row }) => ({ entered_by: row.enteredBy, idem: row.idempotencyKey }));
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

/** Runs the eligibility engine on an application, as the officer and the citizen will see it (Z-9). */
async function eligibilityOf(
  deps: Pick<Deps, "database" | "clock">,
  data: ApplicationData,
  zone: ZoneEntry | undefined,
) {
  const departureYear = Number(data.departureDate.slice(0, 4));
  return checkEligibility(
    deps,
    {
      citizenship: data.applicant.citizenship,
      ageYears: Math.max(0, departureYear - data.applicant.birthYear),
      residesInZone: false,
      destination: data.destinations[0],
      departureDate: data.departureDate,
      ...(data.stayDays ? { stayDays: data.stayDays } : {}),
      purpose: data.purpose,
      status: [],
      documents: [IDENTITY_DOCUMENTS[data.applicant.identityDocument.kind]],
    },
    // The submission read the destination's zone entry already; anything else is looked up here.
    async (date, kato) =>
      date === data.departureDate && kato === data.destinations[0]
        ? zone
        : deps.database.tx({ unitPaths: [] }, (tx) => findZoneEntry(tx, date, kato)),
  );
}

/** A zone entry read as JSON (snake_case columns) in the shape Drizzle gives. */
function zoneEntryOf(json: Record<string, unknown> | null): ZoneEntry | undefined {
  if (!json) return undefined;
  const text = (key: string) => (json[key] === null || json[key] === undefined ? null : String(json[key]));
  return {
    listId: String(json.list_id),
    kato: String(json.kato),
    kind: String(json.kind),
    nameKk: String(json.name_kk),
    nameRu: String(json.name_ru),
    regionKato: String(json.region_kato),
    regionKk: String(json.region_kk),
    regionRu: String(json.region_ru),
    districtKato: text("district_kato"),
    districtKk: text("district_kk"),
    districtRu: text("district_ru"),
    inStrip: json.in_strip === true,
  };
}

/** Another live application of the same person whose trip overlaps this one (flagged, not refused). */
function overlaps(others: readonly ApplicationData[], data: ApplicationData): boolean {
  const a = data.applicant;
  const end = (d: ApplicationData) => addDaysIso(d.departureDate, d.stayDays ?? 1);
  return others.some((other) => {
    const same = other.applicant.identityDocument.number === a.identityDocument.number;
    return same && other.departureDate <= end(data) && data.departureDate <= end(other);
  });
}

/** The ISO date `days` after `date`. */
export function addDaysIso(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
