import { sql } from "drizzle-orm";
import { rowsOf } from "../../adapters/db/index.js";
import { addDays } from "../../core/eligibility/dates.js";
import { isLang, type Lang } from "../../core/i18n.js";
import { dueReminders, RETURN_GRACE_DAYS, RETURN_SOON_DAYS } from "../../core/passes/index.js";
import { ruleSetAt } from "../../core/rules/index.js";
import { localDate } from "../../core/time.js";
import { passReminders } from "../../db/schema.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Deps } from "../context.js";
import { loadRuleSets } from "../rules/rules.service.js";
import { notifyApplicantBy } from "./notices.js";

const SYSTEM = { unitPaths: [], all: true } as const;
/** Advisory lock key of the scan ("SHEKREMI"): one instance scans at a time, the others skip. */
const SCAN_LOCK = 0x5348454b52454d49n;
/** Passes looked at per scan; the next scan continues where this one stopped. */
const SCAN_BATCH = 1000;

interface DueRow {
  id: string;
  number: string;
  status: string;
  valid_from: string;
  valid_until: string;
  unit_path: string;
  holder_user_id: string | null;
  lang: string;
  name_kk: string;
  name_ru: string;
  name_en: string | null;
  sent: string[] | null;
}

/** What one scan did. */
export interface ScanResult {
  /** False when another instance held the scan lock, so this one did nothing. */
  ran: boolean;
  /** Reminders recorded (each once per pass and kind). */
  reminders: number;
  /** Messages written to the outbox. */
  messages: number;
}

/**
 * Sends the deadline reminders due today to pass holders in their language (C-5; registration
 * Z p.18 and App.1 rule 2; return Z p.36 and App.1 rule 4). Each reminder is a row keyed by pass
 * and kind, inserted in the same transaction as its messages, so it goes out exactly once; the
 * transaction-scoped advisory lock lets only one server instance scan at a time.
 */
export async function scanReminders(
  deps: Pick<Deps, "database" | "clock" | "notifier">,
): Promise<ScanResult> {
  const now = deps.clock.now();
  const today = localDate(now);
  const rules = ruleSetAt(await loadRuleSets(deps.database), today);
  return deps.database.tx(SYSTEM, async (tx) => {
    const locked = rowsOf<{ ok: boolean }>(
      await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${SCAN_LOCK}::bigint) AS ok`),
    )[0]?.ok;
    if (!locked) return { ran: false, reminders: 0, messages: 0 };
    // A superset of what dueReminders decides, so the index narrows the passes looked at.
    const rows = rowsOf<DueRow>(
      await tx.execute(sql`
        SELECT p.id, p.number, p.status, p.valid_from::text AS valid_from, p.valid_until::text AS valid_until,
               p.unit_path::text AS unit_path, p.holder_user_id, a.lang, u.name_kk, u.name_ru, u.name_en,
               (SELECT array_agg(r.kind) FROM pass_reminders r WHERE r.pass_id = p.id) AS sent
        FROM passes p
        JOIN applications a ON a.id = p.application_id
        JOIN units u ON u.id = p.unit_id
        WHERE p.status IN ('ISSUED', 'REGISTERED')
          AND NOT EXISTS (SELECT 1 FROM pass_reminders r WHERE r.pass_id = p.id AND r.kind = 'RETURN_OVERDUE')
          AND ((p.status = 'ISSUED' AND p.valid_from <= ${today}::date AND p.valid_until >= ${today}::date)
            OR p.valid_until BETWEEN ${today}::date AND ${addDays(today, RETURN_SOON_DAYS)}::date
            OR p.valid_until <= ${addDays(today, -(RETURN_GRACE_DAYS + 1))}::date)
        ORDER BY p.valid_until, p.id
        LIMIT ${SCAN_BATCH}`),
    );
    let reminders = 0;
    let messages = 0;
    for (const row of rows) {
      const sent = new Set(row.sent ?? []);
      const due = dueReminders(
        { status: row.status, validFrom: row.valid_from, validUntil: row.valid_until },
        today,
        rules,
      ).filter((reminder) => !sent.has(reminder.kind));
      for (const reminder of due) {
        const claimed = await tx
          .insert(passReminders)
          .values({
            passId: row.id,
            kind: reminder.kind,
            unitPath: row.unit_path,
            sentOn: today,
            channels: [],
            createdAt: now,
          })
          .onConflictDoNothing()
          .returning({ passId: passReminders.passId });
        if (claimed.length === 0) continue;
        const lang: Lang = isLang(row.lang) ? row.lang : "kk";
        const unit = lang === "kk" ? row.name_kk : lang === "ru" ? row.name_ru : (row.name_en ?? row.name_ru);
        const channels = await notifyApplicantBy(
          tx,
          deps,
          { userId: row.holder_user_id, lang },
          reminder.kind,
          {
            passNumber: row.number,
            from: row.valid_from,
            until: row.valid_until,
            returnBy: reminder.returnBy ?? "",
            arrivalDays: String(reminder.days?.arrival ?? ""),
            handoverDays: String(reminder.days?.handover ?? ""),
            unit,
            clauses: reminder.clauses.join(", "),
          },
        );
        if (channels.length > 0) {
          await tx.execute(
            sql`UPDATE pass_reminders SET channels = ${sql.param(channels)}::text[] WHERE pass_id = ${row.id} AND kind = ${reminder.kind}`,
          );
        }
        reminders += 1;
        messages += channels.length;
      }
    }
    if (reminders > 0) {
      await appendAudit(
        tx,
        now,
        null,
        { address: undefined, requestId: "reminder-scan" },
        { action: "passes.reminders", objectType: "passes", details: { reminders, messages, on: today } },
      );
    }
    return { ran: true, reminders, messages };
  });
}
