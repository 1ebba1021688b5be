import { eq, sql } from "drizzle-orm";
import { rowsOf, type Tx } from "../../adapters/db/index.js";
import { AppError, notFound } from "../../core/errors.js";
import { ID_BIT, probeIndexKeys } from "../../core/names/index-keys.js";
import { normalizeDocumentNumber, normalizeIin } from "../../core/names/keys.js";
import {
  birthDateFromIin,
  DEFAULT_THRESHOLD,
  type ExplanationLine,
  type PersonInput,
} from "../../core/names/match.js";
import { parseName } from "../../core/names/parse.js";
import { localDate } from "../../core/time.js";
import { records, screeningReviews } from "../../db/schema.js";
import { requirePermission } from "../access.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { hashOf } from "./records.service.js";
import { scoreInWorker } from "./score-pool.js";
import { type ScoredHit, type ScoreTask, scoreTask } from "./scoring.js";

/** A person to screen, as the API takes it. */
export interface Subject {
  name: string;
  birthDate?: string | undefined;
  iin?: string | undefined;
  documentNumber?: string | undefined;
}

/** A record raised by a check. */
export interface Candidate {
  recordId: string;
  score: number;
  explanation: ExplanationLine[];
  record: { names: string[]; birthDate: string | null; reason: string; source: string };
}

/** The answer for one person. */
export interface CheckResult {
  candidates: Candidate[];
  /** Candidates at or above the threshold left out because an officer dismissed the pair. */
  dismissed: number;
  /** Records the scorer compared with the person (after the index narrowed the registry). */
  scored: number;
}

/** A subject turned into what the index is probed with. */
export interface Probe {
  person: PersonInput;
  keys: string[];
  masks: number[];
  subjectHash: string;
}

/** The scorer's view of a subject; the IIN's birth date stands in for a missing one. */
export function personOfSubject(subject: Subject): PersonInput {
  return {
    names: [subject.name],
    ...(subject.birthDate ? { birthDate: subject.birthDate } : {}),
    ...(subject.iin ? { iin: subject.iin } : {}),
    ...(subject.documentNumber ? { documentNumber: subject.documentNumber } : {}),
  };
}

/**
 * Hash of a subject's normalized data: the same person typed with other case, spacing, word
 * order or document punctuation hashes the same; any change of name, date or identifier does not.
 */
export function subjectHash(subject: Subject): string {
  const tokens = parseName(subject.name)
    .map((t) => t.key)
    .sort();
  return hashOf({
    name: tokens,
    birthDate: subject.birthDate?.trim() || null,
    iin: normalizeIin(subject.iin) ?? null,
    documentNumber: normalizeDocumentNumber(subject.documentNumber) ?? null,
  });
}

/** Builds the probe: the index keys of the subject (core index-keys.ts), each with its mask. */
export function probeOf(subject: Subject): Probe {
  const person = personOfSubject(subject);
  if (parseName(subject.name).length === 0)
    throw new AppError("SCREENING_NAME_UNREADABLE", { field: "name" });
  const birth = person.birthDate ?? birthDateFromIin(person.iin);
  const probe = probeIndexKeys(birth ? { ...person, birthDate: birth } : person);
  return {
    person,
    keys: probe.map((p) => p.key),
    masks: probe.map((p) => p.mask),
    subjectHash: subjectHash(subject),
  };
}

interface CandidateRow {
  person: number;
  id: string;
  names: string[];
  birth_year: number | null;
  birth_date: string | null;
  document_number: string | null;
  iin: string | null;
  reason: string;
  source: string;
  data_hash: string;
  /** The latest review of this (subject, record) pair, if any. */
  review_decision: string | null;
  review_record_hash: string | null;
}

/**
 * Candidate records of several probes in one statement: the records whose index hits the
 * candidate rule admits (core index-keys.ts: an identifier, or two words' worth of agreement).
 * The key lookup is the whole filter — a pair key already holds the year window and a date key
 * the date — so only admitted records are read from the table. Expired records are not raised.
 * The planner cannot know how few records an unnested key list finds (it guesses hundreds a key
 * and would hash the whole registry), so each admitted record is fetched by its primary key:
 * `OFFSET 0` keeps the lateral subquery from being flattened into a join it could reorder.
 * Each candidate comes with the latest review of its (subject, record) pair, so a check is one
 * statement and a batch's statements can be queued back to back.
 */
async function candidateRows(tx: Tx, probes: readonly Probe[], today: string): Promise<CandidateRow[]> {
  const keys: string[] = [];
  const masks: number[] = [];
  const owners: number[] = [];
  probes.forEach((probe, person) => {
    probe.keys.forEach((key, i) => {
      keys.push(key);
      masks.push(probe.masks[i] ?? 0);
      owners.push(person);
    });
  });
  const words = ID_BIT - 1;
  const result = await tx.execute(sql`
    WITH p AS (
      SELECT * FROM unnest(${sql.param(keys)}::text[], ${sql.param(masks)}::int[], ${sql.param(owners)}::int[]) AS p(key, mask, person)
    ), f AS (
      SELECT p.person, k.record_id
      FROM p JOIN record_keys k ON k.key = p.key COLLATE "C"
      GROUP BY p.person, k.record_id
      HAVING (bit_or(p.mask) & ${ID_BIT}) <> 0
          OR ((bit_or(p.mask) & ${words}) & ((bit_or(p.mask) & ${words}) - 1)) <> 0
    )
    SELECT f.person, r.id, r.names, r.birth_year, r.birth_date::text AS birth_date, r.document_number,
           r.iin, r.reason, r.source, r.data_hash, v.decision AS review_decision, v.record_hash AS review_record_hash
    FROM f CROSS JOIN LATERAL (
      SELECT * FROM records r WHERE r.id = f.record_id AND (r.valid_until IS NULL OR r.valid_until >= ${today}::date)
      OFFSET 0
    ) r
    LEFT JOIN LATERAL (
      SELECT v.decision, v.record_hash FROM screening_reviews v
      WHERE v.subject_hash = (${sql.param(probes.map((p) => p.subjectHash))}::text[])[f.person + 1] AND v.record_id = r.id
      ORDER BY v.created_at DESC, v.id DESC LIMIT 1
    ) v ON true`);
  return rowsOf<CandidateRow>(result);
}

/** What the scorer needs of the subjects and their candidate rows. */
function taskOf(probes: readonly Probe[], rows: readonly CandidateRow[], threshold: number): ScoreTask {
  return {
    subjects: probes.map((p) => p.person),
    rows: rows.map((r) => ({
      person: r.person,
      names: r.names,
      birthYear: r.birth_year,
      birthDate: r.birth_date,
      iin: r.iin,
      documentNumber: r.document_number,
    })),
    threshold,
  };
}

/** The subjects' results from their rows and the rows kept by the scorer, dismissals applied. */
function assemble(
  probes: readonly Probe[],
  rows: readonly CandidateRow[],
  hits: readonly ScoredHit[],
): CheckResult[] {
  const results: CheckResult[] = probes.map(() => ({ candidates: [], dismissed: 0, scored: 0 }));
  for (const row of rows) {
    const result = results[row.person];
    if (result) result.scored += 1;
  }
  for (const hit of hits) {
    const row = rows[hit.row];
    const result = row ? results[row.person] : undefined;
    if (!row || !result) continue;
    // A dismissal holds only while the record is exactly as it was reviewed.
    if (row.review_decision === "DISMISSED" && row.review_record_hash === row.data_hash) {
      result.dismissed += 1;
      continue;
    }
    result.candidates.push({
      recordId: row.id,
      score: hit.score,
      explanation: hit.explanation,
      record: {
        names: row.names,
        birthDate: row.birth_date ?? (row.birth_year === null ? null : String(row.birth_year)),
        reason: row.reason,
        source: row.source,
      },
    });
  }
  for (const result of results) {
    result.candidates.sort((a, b) => b.score - a.score || (a.recordId < b.recordId ? -1 : 1));
  }
  return results;
}

const scope = { unitPaths: [], all: true } as const;

/** What the audit log keeps of a subject: who was checked. */
function auditSubject(subject: Subject, probe: Probe) {
  return {
    name: subject.name,
    birthDate: subject.birthDate ?? null,
    iin: subject.iin ?? null,
    documentNumber: subject.documentNumber ?? null,
    subjectHash: probe.subjectHash,
  };
}

/** Screens one person against the registry; the check is audited (who checked whom, what came up). */
export async function checkSubject(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  subject: Subject,
  threshold = DEFAULT_THRESHOLD,
): Promise<CheckResult> {
  const who = requirePermission(actor, "records.screen");
  const probe = probeOf(subject);
  const now = deps.clock.now();
  return deps.database.tx(scope, async (tx) => {
    const [result] = await screenChunks(tx, [probe], threshold, localDate(now), false);
    if (!result) throw new Error("screening returned no result");
    await appendAudit(tx, now, who, meta, {
      action: "screening.check",
      objectType: "screening_subject",
      objectId: probe.subjectHash,
      details: {
        ...auditSubject(subject, probe),
        threshold,
        candidates: result.candidates.map((c) => c.recordId),
        dismissed: result.dismissed,
      },
    });
    return result;
  });
}

/** Most people one batch request may carry. */
export const MAX_BATCH = 10_000;
/** Subjects per candidate query: bounds the statement's size and the rows held at once. */
const QUERY_CHUNK = 250;

/** Batches at least this large are scored in the scoring worker (smaller ones are not worth a message). */
export const WORKER_MIN = 1_000;
/** Chunks read ahead of the scorer (bounds the candidate rows held at once). */
const AHEAD = 2;

/**
 * Screens subjects chunk by chunk, pipelined: the next chunk's candidate query is queued before
 * this chunk is scored, so the database looks it up meanwhile; with `inWorker`, scoring runs in
 * the scoring worker and this thread goes on reading rows (a second core at work).
 */
export async function screenChunks(
  tx: Tx,
  probes: readonly Probe[],
  threshold: number,
  today: string,
  inWorker: boolean,
): Promise<CheckResult[]> {
  const chunks: Probe[][] = [];
  for (let i = 0; i < probes.length; i += QUERY_CHUNK) chunks.push(probes.slice(i, i + QUERY_CHUNK));
  const done: Promise<CheckResult[]>[] = [];
  let next = chunks[0] ? candidateRows(tx, chunks[0], today) : undefined;
  for (const [i, chunk] of chunks.entries()) {
    const rows = (await next) ?? [];
    const following = chunks[i + 1];
    next = following ? candidateRows(tx, following, today) : undefined;
    // Should scoring throw, the queued query's failure is the same transaction's and not news.
    next?.catch(() => undefined);
    const task = taskOf(chunk, rows, threshold);
    if (inWorker) {
      const scored = scoreInWorker(task).then((hits) => assemble(chunk, rows, hits));
      // A failure is met where it is awaited; none may go unhandled meanwhile.
      scored.catch(() => undefined);
      done.push(scored);
      await done[i - AHEAD];
    } else {
      done.push(Promise.resolve(assemble(chunk, rows, scoreTask(task))));
    }
  }
  return (await Promise.all(done)).flat();
}

/** Screens many people (lists at a checkpoint, a group application); one audit entry names them all. */
export async function checkBatch(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  people: readonly Subject[],
  threshold = DEFAULT_THRESHOLD,
): Promise<CheckResult[]> {
  const who = requirePermission(actor, "records.screen");
  const probes = people.map((subject, i) => {
    try {
      return probeOf(subject);
    } catch (err) {
      if (err instanceof AppError) throw new AppError(err.code, { field: `people.${i}.name` });
      throw err;
    }
  });
  const now = deps.clock.now();
  const today = localDate(now);
  return deps.database.tx(scope, async (tx) => {
    const results = await screenChunks(tx, probes, threshold, today, people.length >= WORKER_MIN);
    await appendAudit(tx, now, who, meta, {
      action: "screening.batch",
      objectType: "screening_subject",
      details: {
        threshold,
        people: people.map((subject, i) => {
          const probe = probes[i];
          const result = results[i];
          return {
            ...(probe ? auditSubject(subject, probe) : { name: subject.name }),
            candidates: result?.candidates.map((c) => c.recordId) ?? [],
            dismissed: result?.dismissed ?? 0,
          };
        }),
      },
    });
    return results;
  });
}

/** An officer's decision on a candidate. */
export interface ReviewInput {
  subject: Subject;
  recordId: string;
  decision: "CONFIRMED" | "DISMISSED";
  reason: string;
}

/**
 * Records a decision on a (subject, record) pair with the hashes of both sides as they are now:
 * a dismissal stops the pair being raised until the record or the person's data change.
 */
export async function reviewCandidate(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  input: ReviewInput,
): Promise<{ id: string; subjectHash: string; recordHash: string; createdAt: string }> {
  const who = requirePermission(actor, "records.screen");
  const probe = probeOf(input.subject);
  const now = deps.clock.now();
  return deps.database.tx(scope, async (tx) => {
    const record = (
      await tx.select({ hash: records.dataHash }).from(records).where(eq(records.id, input.recordId)).limit(1)
    )[0];
    if (!record) throw notFound();
    const [review] = await tx
      .insert(screeningReviews)
      .values({
        subjectHash: probe.subjectHash,
        subject: auditSubject(input.subject, probe),
        recordId: input.recordId,
        recordHash: record.hash,
        decision: input.decision,
        reason: input.reason,
        reviewerId: who.userId,
        createdAt: now,
      })
      .returning();
    if (!review) throw new Error("review insert returned no row");
    await appendAudit(tx, now, who, meta, {
      action: "screening.review",
      objectType: "record",
      objectId: input.recordId,
      details: { decision: input.decision, reason: input.reason, subjectHash: probe.subjectHash },
    });
    return {
      id: review.id,
      subjectHash: review.subjectHash,
      recordHash: review.recordHash,
      createdAt: review.createdAt.toISOString(),
    };
  });
}
