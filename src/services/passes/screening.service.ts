import { sql } from "drizzle-orm";
import { rowsOf } from "../../adapters/db/index.js";
import { notFound } from "../../core/errors.js";
import { type ApplicationData, isCheckExemptChild, replay } from "../../core/passes/index.js";
import { requirePermission, scopeOf } from "../access.js";
import type { Actor, Deps, RequestMeta } from "../context.js";
import {
  type Candidate,
  checkSubject,
  reviewCandidate,
  type Subject,
  subjectHash,
} from "../screening/check.service.js";
import { loadCase } from "./case.repo.js";

/** The latest decision an officer took on one candidate record of this applicant. */
export interface CaseReview {
  id: string;
  recordId: string;
  decision: "CONFIRMED" | "DISMISSED";
  reason: string;
  createdAt: string;
}

/** What the check step of a case shows: the screening engine's candidates for the applicant (Z-18). */
export interface CaseScreening {
  /** Children under 16 are not checked (Z p.30): nothing is screened for them. */
  exempt: boolean;
  clause: "Z p.30";
  subject: Subject;
  subjectHash: string;
  candidates: Candidate[];
  /** Candidates left out because an officer dismissed the pair and neither side has changed since. */
  dismissed: number;
  /** Latest review of each record reviewed for this applicant, dismissed ones included. */
  reviews: CaseReview[];
}

/** The screening subject of an application: the applicant's full name, birth date or year, document. */
export function subjectOfApplication(data: ApplicationData): Subject {
  const a = data.applicant;
  const doc = a.identityDocument;
  return {
    name: [a.surname, a.givenName, a.patronymic].filter(Boolean).join(" "),
    birthDate: a.birthDate ?? String(a.birthYear),
    documentNumber: `${doc.series ?? ""}${doc.number}`,
  };
}

const SYSTEM = { unitPaths: [], all: true } as const;

/**
 * Loads the case as the actor may see it (the handling unit's subtree; other units answer 404)
 * and returns its screening subject; only officers who check cases get here.
 */
async function caseSubject(deps: Pick<Deps, "database" | "clock">, actor: Actor | null, id: string) {
  const me = requirePermission(actor, "applications.check");
  const loaded = await deps.database.tx(scopeOf(me), (tx) => loadCase(tx, id));
  if (!loaded) throw notFound();
  const state = replay(loaded.actions);
  const data = loaded.row.data as ApplicationData;
  return { me, subject: subjectOfApplication(data), exempt: isCheckExemptChild(state.application) };
}

async function latestReviews(deps: Pick<Deps, "database">, hash: string): Promise<CaseReview[]> {
  return deps.database.tx(SYSTEM, async (tx) => {
    const result = await tx.execute(sql`
      SELECT DISTINCT ON (record_id) id, record_id, decision, reason, created_at
      FROM screening_reviews WHERE subject_hash = ${hash}
      ORDER BY record_id, created_at DESC, id DESC`);
    return rowsOf<{
      id: string;
      record_id: string;
      decision: string;
      reason: string;
      created_at: Date | string;
    }>(result).map((r) => ({
      id: r.id,
      recordId: r.record_id,
      decision: r.decision as CaseReview["decision"],
      reason: r.reason,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  });
}

/**
 * Screens the applicant of a case against the records (Z-18, Z p.30): candidates best first with
 * their explanations, and the reviews already taken; a child under 16 is not screened. The check
 * itself is audited by the screening service.
 */
export async function caseScreening(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
): Promise<CaseScreening> {
  const { me, subject, exempt } = await caseSubject(deps, actor, id);
  const hash = subjectHash(subject);
  if (exempt) {
    return {
      exempt,
      clause: "Z p.30",
      subject,
      subjectHash: hash,
      candidates: [],
      dismissed: 0,
      reviews: [],
    };
  }
  const result = await checkSubject(deps, me, meta, subject);
  return {
    exempt,
    clause: "Z p.30",
    subject,
    subjectHash: hash,
    candidates: result.candidates,
    dismissed: result.dismissed,
    reviews: await latestReviews(deps, hash),
  };
}

/** Confirms or dismisses a candidate for the applicant of a case: a screening review (audited). */
export async function reviewCaseCandidate(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
  input: { recordId: string; decision: "CONFIRMED" | "DISMISSED"; reason: string },
) {
  const { me, subject } = await caseSubject(deps, actor, id);
  return reviewCandidate(deps, me, meta, { subject, ...input });
}

/** What a recorded check keeps as evidence: the candidates the officer was shown and the reviews. */
export interface ScreeningEvidence {
  subjectHash: string;
  candidates: { recordId: string; score: number }[];
  dismissed: number;
  reviews: { id: string; recordId: string; decision: "CONFIRMED" | "DISMISSED" }[];
}

/** Screens the applicant again as the check is recorded, so the log says what the officer saw (Z-18). */
export async function screeningEvidence(
  deps: Pick<Deps, "database" | "clock">,
  actor: Actor | null,
  meta: RequestMeta,
  id: string,
): Promise<ScreeningEvidence> {
  const screening = await caseScreening(deps, actor, meta, id);
  return {
    subjectHash: screening.subjectHash,
    candidates: screening.candidates.map((c) => ({ recordId: c.recordId, score: c.score })),
    dismissed: screening.dismissed,
    reviews: screening.reviews.map((r) => ({ id: r.id, recordId: r.recordId, decision: r.decision })),
  };
}
