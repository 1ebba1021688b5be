import type { Translated } from "../i18n.js";
import type { ForeignerStage, ForeignerStep } from "./foreigners.js";

/** The stages of a foreigner's permit case in every language: shown in the web and in a refused step's message. */
export const FOREIGNER_STAGE_NAMES: Record<ForeignerStage, Translated> = {
  SUBMITTED: { kk: "Қабылданды", ru: "Принято", en: "Received" },
  AT_NSC: { kk: "ҰҚК келісуінде", ru: "На согласовании в КНБ", en: "At the NSC" },
  NSC_AGREED: { kk: "ҰҚК келісті", ru: "КНБ согласовал", en: "NSC agreed" },
  NSC_REFUSED: { kk: "ҰҚК келіспеді", ru: "КНБ отказал", en: "NSC refused" },
  ISSUED: { kk: "Рұқсат берілді", ru: "Разрешение выдано", en: "Permit issued" },
  REFUSED: { kk: "Бас тартылды", ru: "Отказано", en: "Refused" },
};

/** The steps of a foreigner's permit case in every language. */
export const FOREIGNER_STEP_NAMES: Record<ForeignerStep, Translated> = {
  FORWARD: { kk: "ҰҚК-ге жіберу", ru: "Направить в КНБ", en: "Forward to the NSC" },
  AGREE: { kk: "Келісу", ru: "Согласовать", en: "Agree" },
  NSC_REFUSE: { kk: "Келісуден бас тарту", ru: "Отказать в согласовании", en: "Refuse agreement" },
  ISSUE: { kk: "Рұқсат беру", ru: "Выдать разрешение", en: "Issue the permit" },
  REFUSE: { kk: "Рұқсат беруден бас тарту", ru: "Отказать в разрешении", en: "Refuse the permit" },
};
