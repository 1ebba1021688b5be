import { like } from "drizzle-orm";
import { records } from "../../db/schema.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Deps } from "../context.js";
import { prepareRecord, type RecordInput, writeRecords } from "./records.service.js";

/**
 * Labelled demo records (ids DEMO-…, sources marked «демо»). The first is the demo applicant
 * «Әбішұлы Нұрсұлтан Ғаниұлы», 1984, as a Russian-language police list writes him; the namesake
 * born in 1951 must not come up for him; the last one has expired and is never raised.
 */
export const DEMO_RECORDS: readonly RecordInput[] = [
  {
    id: "DEMO-IAB-0001",
    names: ["Абишев Нурсултан Ганиевич", "ABISHEV NURSULTAN"],
    birthDate: "1984-03-12",
    reason: "(демо) Іздеуде: сотқа келуден жалтарған / (демо) Розыск: уклонение от явки в суд",
    source: "ІІМ (демо) / МВД (демо)",
  },
  {
    id: "DEMO-IAB-0002",
    names: ["Петров Сергей Иванович"],
    birthDate: "1975-06-01",
    documentNumber: "N12345678",
    reason: "(демо) Шекара аймағына кіруге тыйым / (демо) Запрет въезда в пограничную зону",
    source: "ІІМ (демо) / МВД (демо)",
  },
  {
    id: "DEMO-NSC-0003",
    names: ["Жұмабаев Ерлан Серікұлы", "Zhumabayev Yerlan"],
    birthDate: "1990",
    iin: "900515300127",
    reason: "(демо) Шекара режимін бұзған / (демо) Нарушение пограничного режима",
    source: "ҰҚК ШҚ (демо) / ПС КНБ (демо)",
  },
  {
    id: "DEMO-IAB-0004",
    names: ["Әбішұлы Нұрсұлтан"],
    birthDate: "1951",
    reason: "(демо) Аттас адам, басқа жылы туған / (демо) Однофамилец другого года рождения",
    source: "ІІМ (демо) / МВД (демо)",
  },
  {
    id: "DEMO-NSC-0005",
    names: ["Ким Ольга Владимировна"],
    birthDate: "1962-11-30",
    validUntil: "2020-01-01",
    reason: "(демо) Мерзімі өткен жазба / (демо) Запись с истёкшим сроком",
    source: "ҰҚК ШҚ (демо) / ПС КНБ (демо)",
  },
];

/** Loads the demo records once (idempotent); returns false when they were already there. */
export async function loadDemoRecords(deps: Pick<Deps, "database" | "clock">): Promise<boolean> {
  const now = deps.clock.now();
  return deps.database.tx({ unitPaths: [], all: true }, async (tx) => {
    const present = await tx
      .select({ id: records.id })
      .from(records)
      .where(like(records.id, "DEMO-%"))
      .limit(1);
    if (present.length > 0) return false;
    await writeRecords(tx, DEMO_RECORDS.map(prepareRecord), now, true);
    await appendAudit(
      tx,
      now,
      null,
      { address: undefined, requestId: "demo-data" },
      {
        action: "records.demo_load",
        objectType: "records",
        details: { records: DEMO_RECORDS.length },
      },
    );
    return true;
  });
}
