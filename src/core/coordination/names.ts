import type { Translated } from "../i18n.js";
import type { ActAction, ActStatus } from "./custody.js";
import type { JointStatus } from "./joint.js";
import type { PlanAction, PlanStatus } from "./plan-machine.js";

/** The states of a hand-over act in every language: shown in the web and in a refused step's message. */
export const ACT_STATUS_NAMES: Record<ActStatus, Translated> = {
  DRAFT: { kk: "Жоба", ru: "Проект", en: "Draft" },
  GIVER_SIGNED: { kk: "Тапсырушы қол қойды", ru: "Подписан передающим", en: "Signed by the giver" },
  COMPLETED: { kk: "Екі тарап қол қойды", ru: "Подписан обеими сторонами", en: "Signed by both sides" },
  REFUSED: { kk: "Қабылданбады", ru: "В приёме отказано", en: "Refused" },
  CANCELLED: { kk: "Күші жойылды", ru: "Отменён", en: "Cancelled" },
};

/** The actions on a hand-over act in every language. */
export const ACT_ACTION_NAMES: Record<ActAction, Translated> = {
  SIGN_GIVE: {
    kk: "Тапсырушы ретінде қол қою",
    ru: "Подписать как передающий",
    en: "Sign as giving officer",
  },
  SIGN_RECEIVE: {
    kk: "Қабылдаушы ретінде қол қою",
    ru: "Подписать как принимающий",
    en: "Sign as receiving officer",
  },
  REFUSE: { kk: "Қабылдаудан бас тарту", ru: "Отказать в приёме", en: "Refuse" },
  CANCEL: { kk: "Актінің күшін жою", ru: "Отменить акт", en: "Cancel the act" },
};

/** The states of an interaction plan in every language. */
export const PLAN_STATUS_NAMES: Record<PlanStatus, Translated> = {
  DRAFT: { kk: "Жоба", ru: "Проект", en: "Draft" },
  SUBMITTED: { kk: "Бекітуге ұсынылды", ru: "Представлен на утверждение", en: "Submitted for approval" },
  APPROVED: { kk: "Бекітілді", ru: "Утверждён", en: "Approved" },
};

/** The actions on an interaction plan in every language. */
export const PLAN_ACTION_NAMES: Record<PlanAction, Translated> = {
  EDIT: { kk: "Жаңа нұсқа жазу", ru: "Записать новую версию", en: "Write a new version" },
  AGREE: { kk: "Осы нұсқаны келісу", ru: "Согласовать эту версию", en: "Agree this version" },
  SUBMIT: { kk: "Бекітуге ұсыну", ru: "Представить на утверждение", en: "Submit for approval" },
  APPROVE: { kk: "Бекіту", ru: "Утвердить", en: "Approve" },
  RETURN: { kk: "Пысықтауға қайтару", ru: "Вернуть на доработку", en: "Return for rework" },
};

/** The statuses of a joint activity in every language. */
export const JOINT_STATUS_NAMES: Record<JointStatus, Translated> = {
  PLANNED: { kk: "Жоспарланған", ru: "Запланировано", en: "Planned" },
  DONE: { kk: "Орындалды", ru: "Выполнено", en: "Done" },
};

/** Changing a joint activity's record, as a refusal names it. */
export const JOINT_EDIT_NAME: Translated = {
  kk: "Жазбаны өзгерту",
  ru: "Изменить запись",
  en: "Edit the record",
};
