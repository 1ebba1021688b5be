import { eq } from "drizzle-orm";
import type { Tx } from "../../adapters/db/index.js";
import { isLang, type Lang } from "../../core/i18n.js";
import { userContacts } from "../../db/schema.js";
import type { Deps } from "../context.js";

const TEXT: Record<"APPROVED" | "REFUSED" | "ISSUED", Record<Lang, { subject: string; body: string }>> = {
  APPROVED: {
    kk: {
      subject: "Рұқсаттама беру туралы шешім",
      body: "№{number} өтінішіңіз бойынша рұқсаттама беру туралы шешім қабылданды ({from} – {until}). Рұқсаттаманы жеке куәлікпен өзіңіз алыңыз (Z p.32).",
    },
    ru: {
      subject: "Решение о выдаче пропуска",
      body: "По вашему заявлению № {number} принято решение о выдаче пропуска ({from} – {until}). Получите пропуск лично, предъявив документ, удостоверяющий личность (Z p.32).",
    },
    en: {
      subject: "Decision to issue a pass",
      body: "Your application No {number} was approved ({from} – {until}). Collect the pass in person with your identity document (Z p.32).",
    },
  },
  REFUSED: {
    kk: {
      subject: "Рұқсаттама беруден бас тарту",
      body: "№{number} өтінішіңіз бойынша рұқсаттама беруден бас тартылды. Себебі: {reason} (Z p.31).",
    },
    ru: {
      subject: "Отказ в выдаче пропуска",
      body: "По вашему заявлению № {number} в выдаче пропуска отказано. Причина: {reason} (Z p.31).",
    },
    en: {
      subject: "Pass refused",
      body: "Your application No {number} was refused. Reason: {reason} (Z p.31).",
    },
  },
  ISSUED: {
    kk: {
      subject: "Рұқсаттама берілді",
      body: "№{passNumber} рұқсаттама берілді. Келгеннен кейін 3 тәулік ішінде тіркеліңіз (Z p.18); мерзімі біткенде рұқсаттаманы қайтарыңыз (Z p.36).",
    },
    ru: {
      subject: "Пропуск выдан",
      body: "Выдан пропуск № {passNumber}. Зарегистрируйтесь в течение 3 суток после прибытия (Z p.18); по окончании срока верните пропуск (Z p.36).",
    },
    en: {
      subject: "Pass issued",
      body: "Pass No {passNumber} was issued. Register within 3 days of arrival (Z p.18) and return the pass when it expires (Z p.36).",
    },
  },
};

/**
 * Tells the applicant of a decision in their language, by e-mail and SMS where known (C-5, Z p.31):
 * written to the outbox in the same transaction as the decision.
 */
export async function notifyApplicant(
  tx: Tx,
  deps: Pick<Deps, "notifier" | "clock">,
  applicant: { userId: string | null; lang: string },
  kind: keyof typeof TEXT,
  params: Record<string, string>,
): Promise<number> {
  if (!applicant.userId) return 0;
  const contact = (
    await tx.select().from(userContacts).where(eq(userContacts.userId, applicant.userId)).limit(1)
  )[0];
  const lang: Lang = isLang(applicant.lang) ? applicant.lang : "kk";
  const text = TEXT[kind][lang];
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_m, k: string) => params[k] ?? "");
  let sent = 0;
  for (const [channel, recipient] of [
    ["email", contact?.email],
    ["sms", contact?.phone],
  ] as const) {
    if (!recipient) continue;
    await deps.notifier.send(tx, {
      channel,
      recipient,
      subject: fill(text.subject),
      body: fill(text.body),
      lang,
      userId: applicant.userId,
      at: deps.clock.now(),
    });
    sent += 1;
  }
  return sent;
}
