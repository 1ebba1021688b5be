/**
 * Scoring a batch of candidate rows: pure (no I/O), so it runs in the request's thread or, for
 * large batches, in the scoring worker (score-worker.ts) while the main thread reads the next rows.
 */
import {
  type ExplanationLine,
  explainScore,
  type PersonInput,
  scoreParts,
  subjectScorer,
} from "../../core/names/match.js";

/** A candidate record as the scorer needs it. */
export interface RowToScore {
  /** Index of the subject in the task. */
  person: number;
  names: string[];
  birthYear: number | null;
  birthDate: string | null;
  iin: string | null;
  documentNumber: string | null;
}

/** Subjects, their candidate rows and the threshold. */
export interface ScoreTask {
  subjects: PersonInput[];
  rows: RowToScore[];
  threshold: number;
}

/** A row at or above the threshold, with its score and explanation. */
export interface ScoredHit {
  /** Index of the row in the task. */
  row: number;
  score: number;
  explanation: ExplanationLine[];
}

/** Scores every row against its subject; returns the rows at or above the threshold, in row order. */
export function scoreTask(task: ScoreTask): ScoredHit[] {
  const hits: ScoredHit[] = [];
  // One scorer per subject: it remembers its words' weights against the records' words.
  const scorers = new Map<number, (record: PersonInput) => number>();
  task.rows.forEach((row, index) => {
    const subject = task.subjects[row.person];
    if (!subject) return;
    const record = personOfRecord(row);
    let scorer = scorers.get(row.person);
    if (!scorer) {
      scorer = subjectScorer(subject);
      scorers.set(row.person, scorer);
    }
    // Most candidates fall below the threshold: their score alone is computed, the explained
    // parts only for those kept (the same score either way).
    if (scorer(record) >= task.threshold) {
      const { score, parts } = scoreParts(subject, record);
      hits.push({ row: index, score, explanation: explainScore(parts) });
    }
  });
  return hits;
}

/** The record as the scorer sees it (the birth year alone when the source gave only a year). */
export function personOfRecord(r: {
  names: string[];
  birthYear: number | null;
  birthDate: string | null;
  iin: string | null;
  documentNumber: string | null;
}): PersonInput {
  const birth = r.birthDate ?? (r.birthYear === null ? undefined : String(r.birthYear));
  return {
    names: r.names,
    ...(birth ? { birthDate: birth } : {}),
    ...(r.iin ? { iin: r.iin } : {}),
    ...(r.documentNumber ? { documentNumber: r.documentNumber } : {}),
  };
}
