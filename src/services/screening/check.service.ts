import { eq, sql } from "drizzle-orm";
import { rowsOf, type Tx } from "../../adapters/db/index.js";
import { AppError, notFound } from "../../core/errors.js";
import { birthYear, normalizeDocumentNumber, normalizeIin, probeKeys } from "../../core/names/keys.js";
import {
  birthDateFromIin,
  DEFAULT_THRESHOLD,
  type ExplanationLine,
  explainScore,
  type PersonInput,
  scoreParts,
} from "../../core/names/match.js";
import { parseName } from "../../core/names/parse.js";
import { localDate } from "../../core/time.js";
import { records, screeningReviews } from "../../db/schema.js";
import { requirePermission } from "../access.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import { hashOf, personOfRecord, storedKeys } from "./records.service.js";

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

// Mask bits a probe key carries: one bit per distinct name token of the subject (bits 0–27), two
// for a name-pair key (it alone shows two agreeing tokens), and one for an identifier.
const PAIR_BITS = (1 << 28) | (1 << 29);
const ID_BIT = 1 << 30;
const TOKEN_BITS = 28;

/** A subject turned into what the index is probed with. */
export interface Probe {
  person: PersonInput;
  keys: string[];
  masks: number[];
  /** Birth year the scorer will use (from the date or the IIN), for the conflict filter. */
  year: number | null;
  /** Full birth date the scorer will use, for the same-date rule. */
  date: string | null;
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

/**
 * Builds the probe: the core's probe keys, each tagged with the subject's name tokens it comes
 * from, so the query can ask for records agreeing on at least two tokens (or a name pair, or an
 * identifier) instead of every record sharing one common first name.
 */
export function probeOf(subject: Subject): Probe {
  const person = personOfSubject(subject);
  if (parseName(subject.name).length === 0)
    throw new AppError("SCREENING_NAME_UNREADABLE", { field: "name" });
  const birth = person.birthDate ?? birthDateFromIin(person.iin);
  const keyed = birth ? { ...person, birthDate: birth } : person;
  const bits = new Map<string, number>();
  const tokenMasks = new Map<string, number>();
  for (const spelling of person.names) {
    for (const token of parseName(spelling)) {
      let bit = bits.get(token.key);
      if (bit === undefined) {
        bit = 1 << Math.min(bits.size, TOKEN_BITS - 1);
        bits.set(token.key, bit);
      }
      const alone: PersonInput = { names: [token.raw], ...(birth ? { birthDate: birth } : {}) };
      for (const key of probeKeys(alone)) tokenMasks.set(key, (tokenMasks.get(key) ?? 0) | bit);
    }
  }
  // Stored form of the probe keys (records.service storedKeys): a dated subject asks only for
  // the year-free keys of undated records; an undated one asks for both forms.
  const probe = probeKeys(keyed);
  const keys = birth
    ? storedKeys(probe, false)
    : [...storedKeys(probe, false), ...storedKeys(probe, true).filter((key) => key.endsWith("#"))];
  const masks = keys.map((key) => {
    if (key.startsWith("iin:") || key.startsWith("doc:")) return ID_BIT;
    if (key.startsWith("nn:")) return PAIR_BITS;
    return tokenMasks.get(key.replace(/#$/, "")) ?? PAIR_BITS;
  });
  const year = birthYear(birth);
  return {
    person,
    keys,
    masks,
    year: year ?? null,
    date: birth && birth.length === 10 ? birth : null,
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
}

/**
 * Candidate records of several probes in one statement. A record is kept when it shares an
 * identifier key, or keys of at least two of the subject's name tokens (or a name-pair key), or
 * one token and the same full birth date; and, unless an identifier agrees, its birth year is
 * within one year of the subject's. Records whose birth years differ by two or more cannot reach
 * 0.05 without an equal identifier (the scorer's evidence: names ≤ 9, conflict −8, prior −4), so
 * that filter never drops a candidate the threshold would keep. Expired records are not raised.
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
  // Most key hits share a single common word with the subject (hundreds per common name); they
  // qualify only on the same full birth date. So one-word hits are found from the other side: the
  // records born on the subject's date (birth-date index, a few dozen) and their keys. Only
  // records that can pass the final filter are read from the table.
  const result = await tx.execute(sql`
    WITH p AS (
      SELECT * FROM unnest(${sql.param(keys)}::text[], ${sql.param(masks)}::int[], ${sql.param(owners)}::int[]) AS p(key, mask, person)
    ), h AS (
      SELECT p.person, k.record_id, bit_or(p.mask) AS m
      FROM p JOIN record_keys k ON k.key = p.key COLLATE "C"
      GROUP BY p.person, k.record_id
    ), s AS (
      SELECT * FROM unnest(${sql.param(probes.map((p) => p.year))}::int[], ${sql.param(probes.map((p) => p.date))}::date[])
        WITH ORDINALITY AS s(year, bdate, n)
    ), dated AS MATERIALIZED (
      SELECT s.n - 1 AS person, d.id FROM s JOIN records d ON d.birth_date = s.bdate
    ), f AS (
      SELECT h.person, h.record_id, h.m FROM h
      WHERE (h.m & ${ID_BIT}) <> 0 OR ((h.m & ${ID_BIT - 1}) & ((h.m & ${ID_BIT - 1}) - 1)) <> 0
      UNION ALL
      SELECT d.person, d.id, bit_or(p.mask)
      FROM dated d JOIN record_keys k ON k.record_id = d.id
      JOIN p ON p.key = k.key COLLATE "C" AND p.person = d.person
      GROUP BY d.person, d.id
      HAVING (bit_or(p.mask) & ${ID_BIT}) = 0
         AND ((bit_or(p.mask) & ${ID_BIT - 1}) & ((bit_or(p.mask) & ${ID_BIT - 1}) - 1)) = 0
    )
    SELECT f.person, r.id, r.names, r.birth_year, r.birth_date::text AS birth_date, r.document_number,
           r.iin, r.reason, r.source, r.data_hash
    FROM f
    JOIN s ON s.n = f.person + 1
    JOIN records r ON r.id = f.record_id
    WHERE (r.valid_until IS NULL OR r.valid_until >= ${today}::date)
      AND ((f.m & ${ID_BIT}) <> 0 OR (
            (s.year IS NULL OR r.birth_year IS NULL OR abs(r.birth_year - s.year) <= 1)
        AND (((f.m & ${ID_BIT - 1}) & ((f.m & ${ID_BIT - 1}) - 1)) <> 0 OR r.birth_date = s.bdate)))`);
  return rowsOf<CandidateRow>(result);
}

/** The latest review of each (subject, record) pair among the given ones. */
async function latestReviews(
  tx: Tx,
  pairs: readonly { subjectHash: string; recordId: string }[],
): Promise<Map<string, { decision: string; recordHash: string }>> {
  const found = new Map<string, { decision: string; recordHash: string }>();
  if (pairs.length === 0) return found;
  const result = await tx.execute(sql`
    SELECT DISTINCT ON (v.subject_hash, v.record_id) v.subject_hash, v.record_id, v.decision, v.record_hash
    FROM screening_reviews v
    JOIN unnest(${sql.param(pairs.map((p) => p.subjectHash))}::text[], ${sql.param(pairs.map((p) => p.recordId))}::text[])
      AS q(subject_hash, record_id) ON q.subject_hash = v.subject_hash AND q.record_id = v.record_id
    ORDER BY v.subject_hash, v.record_id, v.created_at DESC, v.id DESC`);
  for (const r of rowsOf<{ subject_hash: string; record_id: string; decision: string; record_hash: string }>(
    result,
  )) {
    found.set(`${r.subject_hash}|${r.record_id}`, { decision: r.decision, recordHash: r.record_hash });
  }
  return found;
}

/** Screens several subjects in one round of queries; results in the subjects' order. */
async function screen(tx: Tx, probes: readonly Probe[], threshold: number, today: string) {
  const rows = await candidateRows(tx, probes, today);
  const results: CheckResult[] = probes.map(() => ({ candidates: [], dismissed: 0, scored: 0 }));
  const hits: { person: number; row: CandidateRow; score: ReturnType<typeof scoreParts> }[] = [];
  for (const row of rows) {
    const probe = probes[row.person];
    const result = results[row.person];
    if (!probe || !result) continue;
    result.scored += 1;
    const record = personOfRecord({
      names: row.names,
      birthYear: row.birth_year,
      birthDate: row.birth_date,
      iin: row.iin,
      documentNumber: row.document_number,
    });
    const score = scoreParts(probe.person, record);
    if (score.score >= threshold) hits.push({ person: row.person, row, score });
  }
  const reviews = await latestReviews(
    tx,
    hits.map((h) => ({ subjectHash: probes[h.person]?.subjectHash ?? "", recordId: h.row.id })),
  );
  for (const { person, row, score } of hits) {
    const result = results[person];
    if (!result) continue;
    const review = reviews.get(`${probes[person]?.subjectHash}|${row.id}`);
    // A dismissal holds only while the record is exactly as it was reviewed.
    if (review?.decision === "DISMISSED" && review.recordHash === row.data_hash) {
      result.dismissed += 1;
      continue;
    }
    result.candidates.push({
      recordId: row.id,
      score: score.score,
      explanation: explainScore(score.parts),
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
    const [result] = await screen(tx, [probe], threshold, localDate(now));
    if (!result) throw new Error("screen returned no result");
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
    const results: CheckResult[] = [];
    for (let i = 0; i < probes.length; i += QUERY_CHUNK) {
      results.push(...(await screen(tx, probes.slice(i, i + QUERY_CHUNK), threshold, today)));
    }
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
