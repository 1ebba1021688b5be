import type { Translated } from "../i18n.js";
import type { CaseStatus, PassActionType } from "./state-machine.js";

/** The name of each case state in every language: shown in the web, and in a refused step's message. */
export const CASE_STATUS_NAMES: Record<CaseStatus, Translated> = {
  NEW: { kk: "Жаңа", ru: "Новое", en: "New" },
  SUBMITTED: { kk: "Өтініш берілді", ru: "Подано", en: "Submitted" },
  CHECKED: { kk: "Тексерілді", ru: "Проверено", en: "Checked" },
  APPROVED: { kk: "Мақұлданды", ru: "Одобрено", en: "Approved" },
  REFUSED: { kk: "Бас тартылды", ru: "Отказано", en: "Refused" },
  ISSUED: { kk: "Рұқсаттама берілді", ru: "Пропуск выдан", en: "Pass issued" },
  REGISTERED: { kk: "Келуі тіркелді", ru: "Прибытие зарегистрировано", en: "Arrival registered" },
  EXPIRED: { kk: "Мерзімі өтті", ru: "Срок истёк", en: "Expired" },
  LOST: { kk: "Жоғалды", ru: "Утерян", en: "Lost" },
  REPLACED: { kk: "Ауыстырылды", ru: "Заменён", en: "Replaced" },
  RETURNED: { kk: "Қайтарылды", ru: "Возвращён", en: "Returned" },
  REVOKED: { kk: "Кері қайтарып алынды", ru: "Изъят", en: "Revoked" },
};

/** The name of each action on a case in every language. */
export const PASS_ACTION_NAMES: Record<PassActionType, Translated> = {
  SUBMITTED: { kk: "Өтініш берілді", ru: "Заявление подано", en: "Application submitted" },
  CHECK_RECORDED: { kk: "Тексеру нәтижесі", ru: "Результат проверки", en: "Records check" },
  CHECK_SKIPPED: { kk: "Тексерусіз (бала)", ru: "Без проверки (ребёнок)", en: "Check skipped (child)" },
  APPROVED: { kk: "Мақұлдау", ru: "Одобрение", en: "Approval" },
  REFUSED: { kk: "Бас тарту", ru: "Отказ", en: "Refusal" },
  ISSUED: { kk: "Рұқсаттаманы беру", ru: "Выдача пропуска", en: "Pass issued in person" },
  REGISTERED: { kk: "Келуді тіркеу", ru: "Регистрация прибытия", en: "Arrival registered" },
  EXTENDED: { kk: "Ұзарту", ru: "Продление", en: "Extension" },
  LOSS_REPORTED: { kk: "Жоғалғаны туралы хабар", ru: "Сообщение об утере", en: "Loss reported" },
  REPLACED: { kk: "Жаңасымен ауыстыру", ru: "Замена пропуска", en: "Replacement" },
  RETURNED: { kk: "Қайтару", ru: "Возврат", en: "Return" },
  REVOKED: { kk: "Кері алу", ru: "Изъятие", en: "Revocation" },
  VIOLATION_RECORDED: { kk: "Бұзушылықты тіркеу", ru: "Фиксация нарушения", en: "Violation recorded" },
};
