import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { systemClock } from "../src/adapters/clock.js";
import { openDatabase } from "../src/adapters/db/index.js";
import { loadConfig } from "../src/config.js";
import { permissionsOf, type Role } from "../src/core/access/roles.js";
import { foldForSearch } from "../src/core/databank/fold.js";
import { KAZAKH_SURNAMES, RUSSIAN_SURNAMES } from "../src/core/names/eval/names-data.js";
import { loadDemoData } from "../src/demo/seed.js";
import type { Actor } from "../src/services/context.js";
import { searchDocuments } from "../src/services/databank/databank.service.js";
import { type Benchmark, figure, percentiles } from "./harness.js";

/** mulberry32: any synthetic document can be rebuilt from its index alone. */
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

// Vocabulary of the synthetic bank: Russian and Kazakh service words in several forms, checkpoint
// and place names in both spellings, surnames and reference numbers. Words are drawn with a
// Zipf-like weight (rank^-0.8), so some are in a large share of documents and most are rare.
const RU = `граница пограничный пограничной пограничного пограничники пункт пункта пропуска пропуск
  таможня таможенный таможенного контроль контроля досмотр досмотра груз грузовой грузового автомобиль
  автомобилей транспорт транспортного мигрант мигрантов незаконный незаконной незаконных миграция
  миграции иностранец иностранцев иностранный иностранных гражданин граждан паспорт паспорта паспортов
  виза визы поддельный поддельных подделка документ документов удостоверение регистрация регистрации
  нарушитель нарушителя нарушителей задержан задержано задержание контрабанда контрабанды товар товаров
  оружие боеприпасы наркотики взрывчатые вещества обстановка обстановки ежемесячная информация обзор
  указание инструкция методика рекомендации образец образцы штамп штампы патруль патрулирование
  совместный совместного совместные мероприятие мероприятий взаимодействие взаимодействия дежурный
  дежурной служба службы отряд отряда застава район района область области село сёл населённый пункт
  выдворение выдворения административный протокол протокола передача передачи акт акта приём лицо лиц
  канал каналов маршрут маршрута приглашение лицензия разрешение разрешения зона зоны режим режима
  проверка проверки учёт учёта список списка розыск розыска сведения сведений сообщение донесение`;
const KK = `шекара шекаралық шекарадан бекет бекеті бекетінде өткізу өткізу пункті кеден кедендік бақылау
  тексеру жүк көлік көлік құралдары заңсыз көші-қон көшіп-қонушылар шетел азаматы азаматтары төлқұжат
  төлқұжаттар виза жалған құжат құжаттар тіркеу бұзушы бұзушылар ұсталды ұстау контрабанда тауар
  тауарлар қару оқ-дәрі есірткі жағдай айлық ақпарат шолу нұсқау нұсқаулық әдістемелік ұсыным үлгі
  үлгілері мөртаңба патрульдеу бірлескен іс-шара өзара іс-қимыл кезекші қызмет отряд аудан облыс ауыл
  елді мекен шығарып жіберу әкімшілік хаттама тапсыру акт қабылдау адам адамдар арна бағыт шақыру
  лицензия рұқсат рұқсаттама аймақ режим тексеріс есеп тізім іздеу мәлімет хабарлама`;
const PLACES = `Қорғас Коргас Нұр_Жолы Нур_Жолы Алтынкөл Алтынколь Бақты Бахты Майқапшағай Майкапчагай Жаркент
  Достық Достык Көлжат Кольжат Сарыағаш Сарыагаш Жібек_Жолы Жибек_Жолы Қайрақ Кайрак Қалжат Калжат
  Пограничный Тарбағатай Тарбагатай Ақжол Акжол Шымкент Панфилов Панфиловский Ұйғыр Уйгурский`;
const HEAD = [
  ...`${RU} ${KK} ${PLACES}`
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/_/g, " ")),
  ...KAZAKH_SURNAMES.flat(),
  ...RUSSIAN_SURNAMES,
];
// The long tail: rarer terms (names, places, technical words) stood for by pronounceable pseudo-words.
const SYLLABLES =
  "ба ка та на ра ла са жа қа ғы ке те не ре ле се же ді ри ми ни ки ту ну ру су ко то но ро со мө ұл ың ар ер ан ен ас ес ат ет".split(
    " ",
  );
const TAIL_SIZE = 40_000;
function tailWord(n: number): string {
  let out = "";
  let x = n + 1;
  while (x > 0) {
    out += SYLLABLES[x % SYLLABLES.length];
    x = Math.floor(x / SYLLABLES.length);
  }
  return `${out}${SYLLABLES[(n * 7) % SYLLABLES.length]}`;
}
const WORD_COUNT = HEAD.length + TAIL_SIZE;
/** The word of frequency rank `r` (0 = commonest): the service words first, then the tail. */
function wordAt(r: number): string {
  return r < HEAD.length ? (HEAD[(r * 7919) % HEAD.length] ?? "шекара") : tailWord(r - HEAD.length);
}
// Zipf weights rank^-1, as natural-language word frequencies go.
const CUMULATIVE = (() => {
  let sum = 0;
  return Array.from({ length: WORD_COUNT }, (_, i) => {
    sum += 1 / (i + 1);
    return sum;
  });
})();
const TOTAL = CUMULATIVE[CUMULATIVE.length - 1] ?? 1;

/** A word rank drawn by frequency. */
function rank(rand: () => number): number {
  const target = rand() * TOTAL;
  let lo = 0;
  let hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((CUMULATIVE[mid] ?? 0) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const KINDS = ["REVIEW", "INSTRUCTION", "METHODOLOGY", "SPECIMEN", "REPORT"];

/** Document `i`: title, text, kind, date, audience and marking. */
function documentOf(i: number) {
  const rand = rng(0xba4c0000 + i);
  const titleRanks = Array.from({ length: 5 + Math.floor(rand() * 6) }, () => rank(rand));
  const bodyRanks = Array.from({ length: 40 + Math.floor(rand() * 60) }, () => rank(rand));
  const titleWords = titleRanks.map(wordAt);
  const bodyWords = bodyRanks.map(wordAt);
  if (rand() < 0.3) bodyWords.push(`№${Math.floor(rand() * 100_000)}`);
  const day = Math.floor(rand() * 365 * 8);
  const date = new Date(Date.UTC(2018, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  const a = rand();
  return {
    ranks: [...titleRanks, ...bodyRanks],
    kind: KINDS[Math.floor(rand() * KINDS.length)] ?? "REPORT",
    title: titleWords.join(" "),
    body: bodyWords.join(" "),
    language: rand() < 0.55 ? "ru" : "kk",
    date,
    audience: a < 0.8 ? "ALL_AGENCIES" : a < 0.95 ? "AGENCY" : "UNIT",
    marking: rand() < 0.1 ? "OFFICIAL_USE" : "OPEN",
    unitPick: rand(),
  };
}

/** How many of the commonest words a query leaves out: they are in most documents and narrow nothing. */
const COMMON_WORDS = 100;

/**
 * Query `k`: one to three words of a random document, as a user would type them (any case), taken
 * from its words outside the 100 commonest (users search by what distinguishes a document).
 */
export function queryOf(k: number, docs: number): string {
  const rand = rng(0x9e4700 + k);
  const doc = documentOf(Math.floor(rand() * docs));
  const words = doc.ranks.filter((r) => r >= COMMON_WORDS).map(wordAt);
  const n = rand() < 0.3 ? 1 : rand() < 0.7 ? 2 : 3;
  const picked = Array.from({ length: n }, () => words[Math.floor(rand() * words.length)] ?? "Қорғас");
  return rand() < 0.3 ? picked.join(" ").toUpperCase() : picked.join(" ");
}

const DOCS = Number(process.env.SHEKARA_BENCH_DOCS ?? 1_000_000);
const QUERIES = Number(process.env.SHEKARA_BENCH_QUERIES ?? 400);
const BATCH = 2000;

/**
 * Data-bank search at 1 million documents: the service search (transaction, role switch, RLS by
 * agency/unit/marking, filters, unit names, audit entry) against the raw tsquery on the same GIN
 * index in the same run, query by query alternately, for both orders (best match, newest first).
 */
export const search: Benchmark = {
  name: "search",
  description: "data-bank full-text search on 1M documents: service vs raw tsquery on the same index",
  async run({ log }) {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "shekara-bench-search-"));
    const config = loadConfig({ ...process.env, SHEKARA_DATA_DIR: work, LOG_LEVEL: "silent" });
    const database = await openDatabase(config);
    const deps = { database, clock: systemClock };
    const meta = { address: "bench", requestId: undefined };
    try {
      await database.migrate();
      await loadDemoData(deps);
      const units = (await database.ownerQuery(
        "SELECT id, path::text AS path, agency, code FROM units WHERE agency IN ('IAB','NSC','CUSTOMS') ORDER BY code",
      )) as { id: string; path: string; agency: string; code: string }[];
      const officerUnit = units.find((u) => u.code === "DEMO-IAB-PANFILOV");
      if (!officerUnit) throw new Error("demo units missing");
      const role: Role = "officer";
      const actor: Actor = {
        userId: String((await database.ownerQuery("SELECT id FROM users WHERE login = 'officer'"))[0]?.id),
        login: "officer",
        fullName: "Benchmark officer",
        roles: [role],
        permissions: permissionsOf([role]),
        unitId: officerUnit.id,
        unitPath: officerUnit.path,
        locale: "en",
      };
      log(`database: ${database.kind}; ${DOCS} documents; ${WORD_COUNT} distinct words`);
      // Loading is faster with the index built once at the end; it is rebuilt with the migration's definition.
      const indexDef = String(
        (
          await database.ownerQuery(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'bank_documents_search_gin'",
          )
        )[0]?.indexdef,
      );
      // SHEKARA_BENCH_REUSE=1 keeps a bank loaded by an earlier run of the same size (PostgreSQL).
      const loaded = Number(
        (await database.ownerQuery("SELECT count(*)::int AS n FROM bank_documents WHERE is_demo = 0"))[0]?.n,
      );
      const reuse = process.env.SHEKARA_BENCH_REUSE === "1" && loaded === DOCS;
      if (reuse) log(`reusing the ${loaded} documents already loaded`);
      else if (loaded > 0)
        throw new Error(`the bench database already holds ${loaded} documents; use a fresh one`);
      else await database.ownerQuery("DROP INDEX bank_documents_search_gin");
      let t0 = performance.now();
      const loadBatch = async (start: number) => {
        const cols: string[][] = [[], [], [], [], [], [], [], [], [], []];
        for (let i = start; i < Math.min(DOCS, start + BATCH); i += 1) {
          const d = documentOf(i);
          const unit = units[Math.floor(d.unitPick * units.length)] ?? officerUnit;
          for (const [c, v] of [
            d.kind,
            d.title,
            d.body,
            d.language,
            d.date,
            unit.agency,
            unit.id,
            unit.path,
            d.audience,
            d.marking,
          ].entries()) {
            cols[c]?.push(v);
          }
        }
        await database.ownerQuery(
          `INSERT INTO bank_documents (kind, title, body, language, doc_date, agency, unit_id, unit_path, audience, marking)
           SELECT k, t, b, l, d::date, a, u::uuid, p::ltree, au, m
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
             AS x(k, t, b, l, d, a, u, p, au, m)`,
          cols,
        );
        if (start % 100_000 === 0 && start > 0) {
          log(`  … ${start} documents (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
        }
      };
      // Two writers: the generated tsvector is computed per row on insert, which is the load's cost.
      let next = 0;
      await Promise.all(
        [0, 1].map(async () => {
          while (!reuse && next < DOCS) {
            const start = next;
            next += BATCH;
            await loadBatch(start);
          }
        }),
      );
      const loadSeconds = (performance.now() - t0) / 1000;
      t0 = performance.now();
      if (!reuse) await database.ownerQuery(indexDef);
      const indexSeconds = (performance.now() - t0) / 1000;
      await database.ownerQuery("VACUUM ANALYZE bank_documents");
      log(`loaded in ${loadSeconds.toFixed(0)} s; GIN index built in ${indexSeconds.toFixed(0)} s`);

      const queries = Array.from({ length: QUERIES }, (_, k) => queryOf(k, DOCS));
      const raw = async (q: string, newest: boolean) =>
        database.ownerQuery(
          `SELECT id${newest ? "" : ", ts_rank(search_vector, query) AS rank"} FROM bank_documents,
             websearch_to_tsquery('russian', $1) AS query
           WHERE search_vector @@ query
           ORDER BY ${newest ? "doc_date DESC, id" : "rank DESC, doc_date DESC, id"} LIMIT 21`,
          [foldForSearch(q)],
        );
      const service = (q: string, newest: boolean) =>
        searchDocuments(deps, actor, meta, {
          q,
          limit: 20,
          offset: 0,
          sort: newest ? "newest" : "relevance",
        });
      const figures = [];
      for (const newest of [true, false]) {
        const label = newest ? "newest first (default)" : "best match";
        for (const q of queries.slice(0, 20)) {
          await raw(q, newest);
          await service(q, newest);
        }
        const mine: number[] = [];
        const base: number[] = [];
        let shown = 0;
        for (const [k, q] of queries.entries()) {
          // Alternate which goes first, so neither always finds the pages the other just read.
          const order = k % 2 === 0 ? [true, false] : [false, true];
          for (const isService of order) {
            const s = performance.now();
            if (isService) shown += (await service(q, newest)).items.length;
            else await raw(q, newest);
            (isService ? mine : base).push(performance.now() - s);
          }
        }
        const p = percentiles(mine);
        const b = percentiles(base);
        log(
          `${label}: ${QUERIES} queries, ${(shown / QUERIES).toFixed(1)} results shown per search on average`,
        );
        figures.push(
          figure("search", `${label}: search p50`, p.p50, "ms", b.p50),
          figure("search", `${label}: search p95`, p.p95, "ms", b.p95),
        );
      }
      const matches = (await Promise.all(
        queries
          .slice(0, 100)
          .map(async (q) =>
            Number(
              (
                await database.ownerQuery(
                  "SELECT count(*)::int AS n FROM bank_documents WHERE search_vector @@ websearch_to_tsquery('russian', $1)",
                  [foldForSearch(q)],
                )
              )[0]?.n,
            ),
          ),
      )) as number[];
      const m = percentiles(matches);
      log(
        `matching documents per query (first 100): p50 ${m.p50}, p95 ${m.p95}, max ${Math.max(...matches)}`,
      );
      log(`RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
      return figures;
    } finally {
      await database.close();
      fs.rmSync(work, { recursive: true, force: true });
    }
  },
};
