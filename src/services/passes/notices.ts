import { eq } from "drizzle-orm";
import type { Tx } from "../../adapters/db/index.js";
import { isLang, type Lang } from "../../core/i18n.js";
import { userContacts } from "../../db/schema.js";
import type { Deps } from "../context.js";

/** Kinds of notices an applicant or holder receives. */
export type NoticeKind =
  | "APPROVED"
  | "REFUSED"
  | "ISSUED"
  | "REGISTRATION_DUE"
  | "RETURN_SOON"
  | "RETURN_OVERDUE";

const TEXT: Record<NoticeKind, Record<Lang, { subject: string; body: string }>> = {
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
  // Deadline reminders (C-5): sent once each by the reminder scan; {clauses} cites the rules applied.
  REGISTRATION_DUE: {
    kk: {
      subject: "Келгеннен кейін тіркелу",
      body: "№{passNumber} рұқсаттама {from} бастап жарамды. Келгеннен кейін {arrivalDays} тәулік ішінде ішкі істер органында немесе жергілікті өкімет органында тіркеліңіз; рұқсаттама мен құжатты {handoverDays} тәулік ішінде тіркеуге жауапты адамға тапсырыңыз ({clauses}).",
    },
    ru: {
      subject: "Регистрация по прибытии",
      body: "Пропуск № {passNumber} действует с {from}. По прибытии зарегистрируйтесь в органе внутренних дел или местном органе власти в течение {arrivalDays} суток; пропуск и документ сдайте ответственному за регистрацию в течение {handoverDays} суток ({clauses}).",
    },
    en: {
      subject: "Register on arrival",
      body: "Pass No {passNumber} is valid from {from}. On arrival, register with the internal affairs body or the local authority within {arrivalDays} days; hand the pass and your identity document to the person responsible for registration within {handoverDays} day(s) ({clauses}).",
    },
  },
  RETURN_SOON: {
    kk: {
      subject: "Рұқсаттаманы қайтару мерзімі жақындады",
      body: "№{passNumber} рұқсаттаманың мерзімі {until} аяқталады. Мерзімі біткенде (пайдаланылмаған болса да) рұқсаттаманы {unit} қайтарыңыз, {returnBy} кешіктірмей ({clauses}).",
    },
    ru: {
      subject: "Скоро срок возврата пропуска",
      body: "Срок пропуска № {passNumber} истекает {until}. По истечении срока (и если пропуск не использован) верните его в {unit} не позднее {returnBy} ({clauses}).",
    },
    en: {
      subject: "Your pass is due for return soon",
      body: "Pass No {passNumber} expires on {until}. When it expires (or if you did not use it), return it to {unit} by {returnBy} ({clauses}).",
    },
  },
  RETURN_OVERDUE: {
    kk: {
      subject: "Рұқсаттама қайтарылмады",
      body: "№{passNumber} рұқсаттаманың мерзімі {until} аяқталды, бірақ ол әлі қайтарылған жоқ ({returnBy} бастап қайтарылуы тиіс еді). Рұқсаттаманы {unit} тезірек қайтарыңыз ({clauses}).",
    },
    ru: {
      subject: "Пропуск не возвращён",
      body: "Срок пропуска № {passNumber} истёк {until}, но он не возвращён (его следовало вернуть с {returnBy}). Верните пропуск в {unit} как можно скорее ({clauses}).",
    },
    en: {
      subject: "Pass not returned",
      body: "Pass No {passNumber} expired on {until} and has not been returned (it was due back from {returnBy}). Return it to {unit} as soon as possible ({clauses}).",
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
  kind: NoticeKind,
  params: Record<string, string>,
): Promise<number> {
  return (await notifyApplicantBy(tx, deps, applicant, kind, params)).length;
}

/** As notifyApplicant; returns the channels the message went by. */
export async function notifyApplicantBy(
  tx: Tx,
  deps: Pick<Deps, "notifier" | "clock">,
  applicant: { userId: string | null; lang: string },
  kind: NoticeKind,
  params: Record<string, string>,
): Promise<("email" | "sms")[]> {
  if (!applicant.userId) return [];
  const contact = (
    await tx.select().from(userContacts).where(eq(userContacts.userId, applicant.userId)).limit(1)
  )[0];
  const lang: Lang = isLang(applicant.lang) ? applicant.lang : "kk";
  const text = TEXT[kind][lang];
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_m, k: string) => params[k] ?? "");
  const sent: ("email" | "sms")[] = [];
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
    sent.push(channel);
  }
  return sent;
}
