import type { Translated } from "../i18n.js";

/**
 * Why the case machine refuses a step, in every language: an API client and the web form show the
 * same sentence, and the code in the error's details stays the stable key.
 */
export const REFUSAL_REASONS = {
  DEPARTURE_IN_THE_PAST: {
    kk: "Жолға шығу күні өтіп кеткен.",
    ru: "Дата выезда уже прошла.",
    en: "The departure date has passed.",
  },
  CHILD_16_OR_OLDER: {
    kk: "16 жасқа толған балаға жеке рұқсаттама керек.",
    ru: "Ребёнку 16 лет и старше нужен свой пропуск.",
    en: "A child aged 16 or over needs a pass of their own.",
  },
  LATE_WITHOUT_REASON: {
    kk: "Өтініш кеш берілді: себебін жазыңыз (науқас, туысының қайтыс болуы т.б.).",
    ru: "Заявление подано поздно: укажите причину (болезнь, смерть родственника и т.п.).",
    en: "The application is late: give the reason (illness, death of a relative …).",
  },
  MATCH_NEEDS_EVIDENCE: {
    kk: "Сәйкестік болса, не табылғанын жазыңыз.",
    ru: "При совпадении укажите, что найдено.",
    en: "A match must say what was found.",
  },
  REFUSAL_NEEDS_REASON: {
    kk: "Бас тарту себебін жазыңыз.",
    ru: "Укажите причину отказа.",
    en: "Give the reason for the refusal.",
  },
  MATCH_NEEDS_DECISION_NOTE: {
    kk: "Тексеруде сәйкестік болды: шешімнің негіздемесін жазыңыз.",
    ru: "При проверке было совпадение: обоснуйте решение.",
    en: "The check found a match: write the reasoning of the decision.",
  },
  VALID_FROM_IN_THE_PAST: {
    kk: "Қолданылу басы өткен күн болмауы керек.",
    ru: "Начало действия не может быть в прошлом.",
    en: "Validity cannot start in the past.",
  },
  VALIDITY_REVERSED: {
    kk: "Қолданылу соңы басынан ерте.",
    ru: "Окончание действия раньше начала.",
    en: "The validity ends before it starts.",
  },
  VALIDITY_OVER_LIMIT: {
    kk: "Қолданылу мерзімі шектен асады.",
    ru: "Срок действия превышает допустимый.",
    en: "The validity is longer than allowed.",
  },
  NO_PLACES: {
    kk: "Кемінде бір елді мекенді таңдаңыз.",
    ru: "Выберите хотя бы один населённый пункт.",
    en: "Choose at least one place.",
  },
  DUPLICATE_PLACES: {
    kk: "Елді мекендер қайталанады.",
    ru: "Населённые пункты повторяются.",
    en: "Places are repeated.",
  },
  SEVERAL_PLACES_NEED_BASIS: {
    kk: "Бірнеше елді мекенге негіз керек (өтінішхат немесе ерекше жағдай).",
    ru: "Для нескольких пунктов нужно основание (ходатайство или особый случай).",
    en: "Several places need a basis (a petition or a special case).",
  },
  IDENTITY_NOT_CHECKED: {
    kk: "Жеке басын тексергеніңізді белгілеңіз.",
    ru: "Отметьте, что личность проверена.",
    en: "Confirm that the identity was checked.",
  },
  RULES_NOT_ACKNOWLEDGED: {
    kk: "Иесі ережелермен танысқанын белгілеңіз.",
    ru: "Отметьте, что владелец ознакомлен с правилами.",
    en: "Confirm that the holder has read the rules.",
  },
  ARRIVAL_AFTER_REGISTRATION: {
    kk: "Келген күн бүгіннен кейін болмауы керек.",
    ru: "Дата прибытия не может быть позже сегодняшней.",
    en: "The arrival cannot be after today.",
  },
  ARRIVAL_OUTSIDE_VALIDITY: {
    kk: "Келген күні рұқсаттама жарамсыз болған.",
    ru: "В день прибытия пропуск не действовал.",
    en: "The pass was not valid on the arrival date.",
  },
  PLACE_NOT_ON_PASS: {
    kk: "Бұл елді мекен рұқсаттамада жоқ.",
    ru: "Этого пункта нет в пропуске.",
    en: "This place is not on the pass.",
  },
  HANDOVER_DATE_OUT_OF_RANGE: {
    kk: "Тапсыру күні келген күн мен бүгін аралығында болуы керек.",
    ru: "Дата сдачи должна быть между прибытием и сегодняшним днём.",
    en: "The hand-over date must be between the arrival and today.",
  },
  EXTENSION_NOT_LATER: {
    kk: "Жаңа мерзім қазіргіден кейін болуы керек.",
    ru: "Новый срок должен быть позже текущего.",
    en: "The new end must be later than the current one.",
  },
  EXTENSION_IN_THE_PAST: {
    kk: "Жаңа мерзім өткен күн болмауы керек.",
    ru: "Новый срок не может быть в прошлом.",
    en: "The new end cannot be in the past.",
  },
  ORIGINAL_NOT_CONFIRMED: {
    kk: "Берген орган түпнұсқаны растауы керек.",
    ru: "Выдавший орган должен подтвердить оригинал.",
    en: "The issuing body must confirm the original.",
  },
  PASS_NUMBER_REUSED: {
    kk: "Рұқсаттама нөмірі бұрын қолданылған.",
    ru: "Номер пропуска уже использовался.",
    en: "The pass number was used before.",
  },
  REVOCATION_NEEDS_REASON: {
    kk: "Кері алу себебін жазыңыз.",
    ru: "Укажите причину изъятия.",
    en: "Give the reason for the revocation.",
  },
  VIOLATION_NEEDS_DESCRIPTION: {
    kk: "Бұзушылықты сипаттаңыз.",
    ru: "Опишите нарушение.",
    en: "Describe the violation.",
  },
  ACTION_BEFORE_PREVIOUS: {
    kk: "Әрекет алдыңғысынан ерте болмауы керек.",
    ru: "Действие не может быть раньше предыдущего.",
    en: "An action cannot predate the previous one.",
  },
  ONLY_CHILDREN_UNDER_16_SKIP_CHECK: {
    kk: "Тексерусіз тек 16 жасқа толмағандар.",
    ru: "Без проверки — только младше 16 лет.",
    en: "Only children under 16 skip the check.",
  },
  PASS_KEPT_BY_IAB: {
    kk: "Рұқсаттама ішкі істер органында сақталады.",
    ru: "Пропуск хранится в органе внутренних дел.",
    en: "The pass is kept by the internal affairs body.",
  },
  NO_PASS: {
    kk: "Рұқсаттама әлі берілмеген.",
    ru: "Пропуск ещё не выдан.",
    en: "No pass has been issued.",
  },
  ORIGINAL_EXPIRED: {
    kk: "Жоғалған рұқсаттаманың мерзімі өткен: жаңа өтініш керек.",
    ru: "Срок утерянного пропуска истёк: нужно новое заявление.",
    en: "The lost pass has expired: a new application is needed.",
  },
  NOT_APPROVED: {
    kk: "Өтініш мақұлданбаған.",
    ru: "Заявление не одобрено.",
    en: "The application is not approved.",
  },
  NO_APPLICATION: {
    kk: "Өтініш жоқ.",
    ru: "Заявления нет.",
    en: "There is no application.",
  },
  NO_CHECK: {
    kk: "Тексеру жазылмаған.",
    ru: "Проверка не записана.",
    en: "The check is not recorded.",
  },
  BAD_PASS_NUMBER: {
    kk: "Рұқсаттама нөмірі дұрыс емес.",
    ru: "Неверный номер пропуска.",
    en: "The pass number is malformed.",
  },
  BAD_REGISTER_LINE: {
    kk: "Тіркеу кітабының жолы дұрыс емес.",
    ru: "Неверная строка книги учёта.",
    en: "The register-book line is malformed.",
  },
} satisfies Record<string, Translated>;

/**
 * A machine-readable reason a step is refused. A step out of its state has no fixed sentence: its
 * refusal names the states the step is taken in.
 */
export type RefusalReason = keyof typeof REFUSAL_REASONS | "NOT_ALLOWED_IN_STATE";
