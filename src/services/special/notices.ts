import { eq } from "drizzle-orm";
import type { Tx } from "../../adapters/db/index.js";
import { isLang, type Lang } from "../../core/i18n.js";
import { userContacts } from "../../db/schema.js";
import type { Deps } from "../context.js";

type Text = Record<Lang, { subject: string; body: string }>;

/** Notices of the special procedures, in the applicant's language (C-5). */
const TEXT = {
  PERMIT_ISSUED: {
    kk: {
      subject: "Шекаралық аймаққа рұқсат берілді",
      body: "№{number} өтінішіңіз бойынша ҰҚК келісімімен №{permit} рұқсат берілді (Z p.17). Рұқсатты жеке басын куәландыратын құжатпен алыңыз.",
    },
    ru: {
      subject: "Разрешение на въезд в пограничную зону выдано",
      body: "По вашему заявлению № {number} с согласия КНБ выдано разрешение № {permit} (Z p.17). Получите его, предъявив документ, удостоверяющий личность.",
    },
    en: {
      subject: "Border-zone permit issued",
      body: "With the NSC's agreement, permit No {permit} was issued on your application No {number} (Z p.17). Collect it with your identity document.",
    },
  },
  PERMIT_REFUSED: {
    kk: {
      subject: "Рұқсат беруден бас тарту",
      body: "№{number} өтінішіңіз бойынша рұқсат беруден бас тартылды. Себебі: {reason} (Z p.17, p.31).",
    },
    ru: {
      subject: "Отказ в выдаче разрешения",
      body: "По вашему заявлению № {number} в выдаче разрешения отказано. Причина: {reason} (Z p.17, p.31).",
    },
    en: {
      subject: "Permit refused",
      body: "Your application No {number} for a permit was refused. Reason: {reason} (Z p.17, p.31).",
    },
  },
  WORKS_DECIDED: {
    kk: {
      subject: "Арнайы жұмыстарға өтініш бойынша шешім",
      body: "№{number} өтінішіңіз бойынша қорытынды шешім: {outcome} (Z p.28).",
    },
    ru: {
      subject: "Решение по заявлению на специальные работы",
      body: "Итоговое решение по вашему заявлению № {number}: {outcome} (Z p.28).",
    },
    en: {
      subject: "Decision on your special-works application",
      body: "The combined decision on your application No {number}: {outcome} (Z p.28).",
    },
  },
} satisfies Record<string, Text>;

/** Tells the applicant by e-mail and SMS where known, written in the caller's transaction. */
export async function notifySpecial(
  tx: Tx,
  deps: Pick<Deps, "notifier" | "clock">,
  applicant: { userId: string | null; lang: string },
  kind: keyof typeof TEXT,
  params: (lang: Lang) => Record<string, string>,
): Promise<number> {
  if (!applicant.userId) return 0;
  const contact = (
    await tx.select().from(userContacts).where(eq(userContacts.userId, applicant.userId)).limit(1)
  )[0];
  const lang: Lang = isLang(applicant.lang) ? applicant.lang : "kk";
  const text = TEXT[kind][lang];
  const values = params(lang);
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_m, k: string) => values[k] ?? "");
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
