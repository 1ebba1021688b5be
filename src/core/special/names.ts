import type { Translated } from "../i18n.js";
import type { ForeignerStage, ForeignerStep } from "./foreigners.js";
import { BODY_NAMES, type WorkBody } from "./rules.js";
import type { WorkDecision, WorksOutcome } from "./works.js";

/** "Refused": a foreigner's permit, a body's decision on works and the works' outcome alike. */
const REFUSED: Translated = { kk: "Бас тартылды", ru: "Отказано", en: "Refused" };

/** The stages of a foreigner's permit case in every language: shown in the web and in a refused step's message. */
export const FOREIGNER_STAGE_NAMES: Record<ForeignerStage, Translated> = {
  SUBMITTED: { kk: "Қабылданды", ru: "Принято", en: "Received" },
  AT_NSC: { kk: "ҰҚК келісуінде", ru: "На согласовании в КНБ", en: "At the NSC" },
  NSC_AGREED: { kk: "ҰҚК келісті", ru: "КНБ согласовал", en: "NSC agreed" },
  NSC_REFUSED: { kk: "ҰҚК келіспеді", ru: "КНБ отказал", en: "NSC refused" },
  ISSUED: { kk: "Рұқсат берілді", ru: "Разрешение выдано", en: "Permit issued" },
  REFUSED,
};

/** The steps of a foreigner's permit case in every language. */
export const FOREIGNER_STEP_NAMES: Record<ForeignerStep, Translated> = {
  FORWARD: { kk: "ҰҚК-ге жіберу", ru: "Направить в КНБ", en: "Forward to the NSC" },
  AGREE: { kk: "Келісу", ru: "Согласовать", en: "Agree" },
  NSC_REFUSE: { kk: "Келісуден бас тарту", ru: "Отказать в согласовании", en: "Refuse agreement" },
  ISSUE: { kk: "Рұқсат беру", ru: "Выдать разрешение", en: "Issue the permit" },
  REFUSE: { kk: "Рұқсат беруден бас тарту", ru: "Отказать в разрешении", en: "Refuse the permit" },
};

/** A body's own decision on special works, in every language. */
export const WORK_DECISION_NAMES: Record<WorkDecision, Translated> = {
  APPROVED: { kk: "Келісілді", ru: "Согласовано", en: "Agreed" },
  REFUSED,
};

/** A special-works application's combined outcome, in every language. */
export const WORKS_OUTCOME_NAMES: Record<WorksOutcome, Translated> = {
  PENDING: { kk: "Шешім күтілуде", ru: "Ожидает решения", en: "Awaiting decision" },
  APPROVED: { kk: "Рұқсат етілді", ru: "Разрешено", en: "Approved" },
  REFUSED,
};

/** The steps on a special-works application that a refusal may name, in every language. */
export const WORKS_STEP_NAMES = {
  /** A body's decision, named with the body. */
  decide: (body: WorkBody): Translated => ({
    kk: `${BODY_NAMES[body].kk} шешімі`,
    ru: `Решение: ${BODY_NAMES[body].ru}`,
    en: `Decision of the ${BODY_NAMES[body].en}`,
  }),
  PDF: {
    kk: "Рұқсат құжатын басып шығару",
    ru: "Печать документа о разрешении",
    en: "Print the permission document",
  },
} as const;
