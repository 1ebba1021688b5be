import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { systemClock } from "../src/adapters/clock.js";
import { openDatabase } from "../src/adapters/db/index.js";
import { loadConfig } from "../src/config.js";
import { permissionsOf } from "../src/core/access/roles.js";
import {
  KAZAKH_FEMALE,
  KAZAKH_MALE,
  KAZAKH_SURNAMES,
  RUSSIAN_FEMALE,
  RUSSIAN_MALE,
  RUSSIAN_SURNAMES,
} from "../src/core/names/eval/names-data.js";
import { DEFAULT_THRESHOLD, type PersonInput, scorePair } from "../src/core/names/match.js";
import { parseName } from "../src/core/names/parse.js";
import { toIcao } from "../src/core/names/translit.js";
import type { Actor } from "../src/services/context.js";
import { checkBatch, checkSubject, type Subject } from "../src/services/screening/check.service.js";
import { ensureRecordIndex } from "../src/services/screening/record-index.service.js";
import { importRecordsFile, RECORD_COLUMNS } from "../src/services/screening/records.service.js";
import { personOfRecord } from "../src/services/screening/scoring.js";
import { type Benchmark, figure, percentiles } from "./harness.js";

/** mulberry32, seeded per person: any synthetic person can be rebuilt from its index alone. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error("empty list");
  return item;
}

interface Synthetic {
  kk: string[];
  ru: string[];
  birth: string;
  year: number;
  doc?: string;
}

/** Russian patronymic of a Kazakh father's name (Абиш → Абишевич, Жумабай → Жумабаевич). */
function ruPatronymic(father: string, female: boolean): string {
  const soft = /[жшщчцйь]$|[аеиоуыэюя]$/.test(father);
  const stem = father.replace(/[йь]$/, "");
  return stem + (soft ? (female ? "евна" : "евич") : female ? "овна" : "ович");
}

/** Person number `i`: name parts in Kazakh and Russian forms, a birth date, maybe a document. */
function person(i: number): Synthetic {
  const rand = rng(0x5eed0000 + i);
  const female = rand() < 0.5;
  const year = 1950 + Math.floor(rand() * 58);
  const birth = `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rand() * 28)).padStart(2, "0")}`;
  const doc = rand() < 0.2 ? `N${String(Math.floor(rand() * 1e8)).padStart(8, "0")}` : undefined;
  if (rand() < 0.72) {
    const [firstKk, firstRu] = pick(rand, female ? KAZAKH_FEMALE : KAZAKH_MALE);
    const [fatherKk, fatherRu] = pick(rand, KAZAKH_MALE);
    const surname = rand() < 0.9 ? pick(rand, KAZAKH_SURNAMES) : undefined;
    const fem = (s: string) => (female ? `${s}а` : s);
    return {
      kk: [...(surname ? [fem(surname[0])] : []), firstKk, `${fatherKk}${female ? "қызы" : "ұлы"}`],
      ru: [...(surname ? [fem(surname[1])] : []), firstRu, ruPatronymic(fatherRu, female)],
      birth,
      year,
      ...(doc ? { doc } : {}),
    };
  }
  const first = female ? pick(rand, RUSSIAN_FEMALE) : pick(rand, RUSSIAN_MALE)[0];
  const [, son, daughter] = pick(rand, RUSSIAN_MALE);
  const surname = pick(rand, RUSSIAN_SURNAMES);
  const parts = [female ? `${surname}а` : surname, first, female ? daughter : son];
  return { kk: parts, ru: parts, birth, year, ...(doc ? { doc } : {}) };
}

/** How the registry wrote person `i`: Russian Cyrillic mostly, sometimes Kazakh; year only for 30%. */
function recordOf(i: number): { names: string; birth: string; doc: string } {
  const p = person(i);
  const rand = rng(0xabc00000 + i);
  const spellings = [rand() < 0.7 ? p.ru.join(" ") : p.kk.join(" ")];
  if (rand() < 0.2) spellings.push(toIcao(p.kk.join(" ")));
  return { names: spellings.join("|"), birth: rand() < 0.3 ? String(p.year) : p.birth, doc: p.doc ?? "" };
}

/** How an applicant writes person `i`: another script or order, the patronymic sometimes missing. */
export function probeOf(i: number): Subject {
  const p = person(i);
  const rand = rng(0xdef00000 + i);
  const words = rand() < 0.5 ? [...p.kk] : [...p.ru];
  const first = words.length === 3 ? words[1] : words[0];
  const ordered = rand() < 0.5 ? [first, ...words.filter((w) => w !== first)] : words;
  const dropped = rand() < 0.3 ? ordered.slice(0, -1) : ordered;
  const name = rand() < 0.4 ? toIcao(dropped.join(" ")) : dropped.join(" ");
  return { name, birthDate: rand() < 0.5 ? p.birth : String(p.year) };
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes the synthetic registry as a records CSV (the import's columns). */
export async function writeCsv(file: string, count: number, log: (line: string) => void): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write(`${RECORD_COLUMNS.join(",")}\n`);
  for (let i = 0; i < count; i += 1) {
    const r = recordOf(i);
    const line = [`R${String(i).padStart(7, "0")}`, r.names, r.birth, r.doc, "", "synthetic", "bench", ""]
      .map(csvField)
      .join(",");
    if (!out.write(`${line}\n`)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    if (i % 250_000 === 0 && i > 0) log(`  … ${i} rows written`);
  }
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
}

const RECORDS = Number(process.env.SHEKARA_BENCH_RECORDS ?? 1_000_000);
const PROBES = 500;
const BATCH = 10_000;
const TRGM_PROBES = Number(process.env.SHEKARA_BENCH_TRGM_PROBES ?? 100);
const TRGM_BATCH_SAMPLE = Number(process.env.SHEKARA_BENCH_TRGM_BATCH ?? 200);

/**
 * Screening at registry scale: 1 million synthetic records (names from the evaluation name
 * lists, Kazakh and Russian forms, some Latin) imported through the production CSV import, then
 * single checks (p50/p95 over 500 probes written in another script or order) and one batch of
 * 10,000, against the same screening done with a pg_trgm GIN similarity search on the folded names.
 */
export const screening: Benchmark = {
  name: "screening",
  description: "records screening on 1M records: blocking-key index vs pg_trgm similarity",
  async run({ log }) {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "shekara-bench-screening-"));
    const config = loadConfig({ ...process.env, SHEKARA_DATA_DIR: work, LOG_LEVEL: "silent" });
    const database = await openDatabase(config);
    const deps = { database, clock: systemClock };
    const actor: Actor = {
      userId: randomUUID(),
      login: "bench",
      fullName: "Benchmark",
      roles: ["officer"],
      permissions: permissionsOf(["officer"]),
      unitId: null,
      unitPath: null,
      locale: "en",
    };
    const meta = { address: "bench", requestId: undefined };
    try {
      await database.migrate();
      log(`database: ${database.kind}; ${RECORDS} records`);
      const t00 = performance.now();
      const rekeyed = await ensureRecordIndex(deps, {
        progress: (done) => {
          if (done % 200_000 === 0) log(`  re-keyed ${done}`);
        },
      });
      if (rekeyed > 0)
        log(`re-keyed ${rekeyed} records in ${((performance.now() - t00) / 1000).toFixed(1)} s`);
      // SHEKARA_BENCH_REUSE=1 on PostgreSQL keeps a registry a previous run imported (the import
      // alone takes many minutes on a small machine); the import figure is then not measured.
      const existing =
        process.env.SHEKARA_BENCH_REUSE === "1" && database.kind === "postgres"
          ? Number((await database.ownerQuery("SELECT count(*)::int AS n FROM records"))[0]?.n)
          : 0;
      let importSeconds = Number.NaN;
      if (existing === RECORDS) {
        log(`reusing the ${RECORDS} records already imported`);
      } else {
        const csv = path.join(work, "records.csv");
        let t0 = performance.now();
        await writeCsv(csv, RECORDS, log);
        log(`CSV written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        t0 = performance.now();
        const lastLog = { validate: 0, write: 0 };
        const report = await importRecordsFile(deps, null, meta, csv, (phase, done) => {
          if (done - lastLog[phase] >= 200_000) {
            lastLog[phase] = done;
            log(`  ${phase} ${done} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
          }
        });
        importSeconds = (performance.now() - t0) / 1000;
        const keyRows = Number(
          (await database.ownerQuery("SELECT count(*)::int AS n FROM record_keys"))[0]?.n,
        );
        log(`import: ${report.rows} rows, ${keyRows} keys in ${importSeconds.toFixed(1)} s`);
      }
      await database.ownerQuery("VACUUM ANALYZE records");
      await database.ownerQuery("VACUUM ANALYZE record_keys");

      let t0 = performance.now();
      await database.ownerQuery(
        "CREATE INDEX IF NOT EXISTS bench_records_trgm ON records USING gin (names_folded gin_trgm_ops)",
      );
      const trgmIndexSeconds = (performance.now() - t0) / 1000;
      log(`pg_trgm GIN index built in ${trgmIndexSeconds.toFixed(1)} s`);

      const probeIds = Array.from({ length: PROBES }, (_, k) => Math.floor((k * RECORDS) / PROBES) + 7);
      const probes = probeIds.map(probeOf);
      // Warm the caches and the JIT the same way for both methods.
      for (const subject of probes.slice(0, 20)) await checkSubject(deps, actor, meta, subject);

      log(`single checks (${PROBES}) …`);
      const latencies: number[] = [];
      let scored = 0;
      let found = 0;
      for (const [k, subject] of probes.entries()) {
        const s = performance.now();
        const result = await checkSubject(deps, actor, meta, subject);
        latencies.push(performance.now() - s);
        scored += result.scored;
        const id = `R${String(probeIds[k]).padStart(7, "0")}`;
        if (result.candidates.some((c) => c.recordId === id)) found += 1;
      }

      // Baseline: the same check with candidates from a trigram similarity search on the folded
      // names (GIN, pg_trgm's default similarity limit 0.3), birth year ±1 in SQL, the same scorer.
      const trigramCheck = async (subject: Subject) => {
        const folded = parseName(subject.name)
          .map((t) => t.key)
          .join(" ");
        const year = Number(subject.birthDate?.slice(0, 4));
        const rows = await database.ownerQuery(
          `SELECT id, names, birth_year AS "birthYear", birth_date::text AS "birthDate", iin,
                  document_number AS "documentNumber"
           FROM records WHERE names_folded % $1
             AND (birth_year IS NULL OR birth_year BETWEEN $2 - 1 AND $2 + 1)`,
          [folded, year],
        );
        const person: PersonInput = {
          names: [subject.name],
          ...(subject.birthDate ? { birthDate: subject.birthDate } : {}),
        };
        const hits = rows
          .map((r) => ({
            id: String(r.id),
            score: scorePair(person, personOfRecord(r as unknown as Parameters<typeof personOfRecord>[0]))
              .score,
          }))
          .filter((h) => h.score >= DEFAULT_THRESHOLD);
        return { hits, scored: rows.length };
      };
      log(`trigram baseline checks (${TRGM_PROBES}) …`);
      const trgmLatencies: number[] = [];
      let trgmScored = 0;
      let trgmFound = 0;
      for (const k of probes.keys()) {
        if (k >= TRGM_PROBES) break;
        const subject = probes[k] as Subject;
        const s = performance.now();
        const result = await trigramCheck(subject);
        trgmLatencies.push(performance.now() - s);
        trgmScored += result.scored;
        const id = `R${String(probeIds[k]).padStart(7, "0")}`;
        if (result.hits.some((h) => h.id === id)) trgmFound += 1;
      }

      log(`batch of ${BATCH} …`);
      const batchPeople = Array.from({ length: BATCH }, (_, k) =>
        probeOf(Math.floor((k * RECORDS) / BATCH) + 3),
      );
      t0 = performance.now();
      const batch = await checkBatch(deps, actor, meta, batchPeople);
      const batchSeconds = (performance.now() - t0) / 1000;
      const batchScored = batch.reduce((sum, r) => sum + r.scored, 0);
      log(`trigram baseline batch: ${TRGM_BATCH_SAMPLE} people, scaled to ${BATCH} …`);
      t0 = performance.now();
      for (const subject of batchPeople.slice(0, TRGM_BATCH_SAMPLE)) await trigramCheck(subject);
      const trgmBatchSeconds = ((performance.now() - t0) / 1000) * (BATCH / TRGM_BATCH_SAMPLE);

      const p = percentiles(latencies);
      const b = percentiles(trgmLatencies);
      log(
        `true record found: keys ${found}/${PROBES}, trigram ${trgmFound}/${Math.min(TRGM_PROBES, PROBES)}; ` +
          `RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`,
      );
      return [
        figure("screening", "single check p50", p.p50, "ms", b.p50),
        figure("screening", "single check p95", p.p95, "ms", b.p95),
        figure(
          "screening",
          "candidates scored per check",
          scored / PROBES,
          "records",
          trgmScored / trgmLatencies.length,
        ),
        figure(
          "screening",
          `batch of ${BATCH} (trigram scaled from ${TRGM_BATCH_SAMPLE})`,
          batchSeconds,
          "s",
          trgmBatchSeconds,
        ),
        figure(
          "screening",
          "candidates scored per batch person",
          batchScored / BATCH,
          "records",
          trgmScored / trgmLatencies.length,
        ),
        figure(
          "screening",
          "true record found (share of probes)",
          found / PROBES,
          "ratio",
          trgmFound / trgmLatencies.length,
        ),
        figure(
          "screening",
          `import ${RECORDS} rows vs pg_trgm index build`,
          importSeconds,
          "s",
          trgmIndexSeconds,
        ),
      ];
    } finally {
      await database.close();
      fs.rmSync(work, { recursive: true, force: true });
    }
  },
};
