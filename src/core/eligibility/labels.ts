/** Translated labels for the codes the engine answers with, for the web page and the PDFs. */
import type { Translated } from "../i18n.js";
import type { Issuer } from "../rules/schema.js";
import type { AnyDocumentCode } from "./facts.js";

/** Names of the issuing bodies. */
export const ISSUER_LABELS: Record<Issuer, Translated> = {
  IAB_OF_RESIDENCE: {
    kk: "Тұрақты тұратын жеріндегі ішкі істер органы",
    ru: "Орган внутренних дел по месту постоянного жительства",
    en: "Internal affairs body at the place of permanent residence",
  },
  IAB_OF_RESIDENCE_WITH_NSC_AGREEMENT: {
    kk: "Ішкі істер органы, Ұлттық қауіпсіздік комитетімен келісім бойынша",
    ru: "Орган внутренних дел по согласованию с Комитетом национальной безопасности",
    en: "Internal affairs body, in agreement with the National Security Committee",
  },
  IAB_OF_CIS_RESIDENCE: {
    kk: "ТМД мемлекетіндегі тұрақты тұратын жеріндегі ішкі істер органы",
    ru: "Орган внутренних дел по месту постоянного жительства в государстве СНГ",
    en: "Internal affairs body at the place of permanent residence in the CIS state",
  },
  IAB_AT_INSTITUTION: {
    kk: "Түзеу мекемесі орналасқан жердегі ішкі істер органы",
    ru: "Орган внутренних дел по месту нахождения исправительного учреждения",
    en: "Internal affairs body where the correctional institution is located",
  },
};

/** Names of the outcomes. */
export const OUTCOME_LABELS: Record<
  "NO_PASS_NEEDED" | "PASS_REQUIRED" | "PERMIT_REQUIRED" | "NOT_ADMITTED" | "MISSING_DOCUMENTS",
  Translated
> = {
  NO_PASS_NEEDED: { kk: "Рұқсаттама қажет емес", ru: "Пропуск не нужен", en: "No pass needed" },
  PASS_REQUIRED: { kk: "Рұқсаттама қажет", ru: "Нужен пропуск", en: "A pass is required" },
  PERMIT_REQUIRED: {
    kk: "ҰҚК келісімімен рұқсат қажет",
    ru: "Нужно разрешение, согласованное с КНБ",
    en: "A permit agreed with the NSC is required",
  },
  NOT_ADMITTED: { kk: "Жіберілмейді", ru: "Въезд не допускается", en: "Not admitted" },
  MISSING_DOCUMENTS: {
    kk: "Құжаттар жетіспейді",
    ru: "Не хватает документов",
    en: "Documents are missing",
  },
};

/** Names of the flags the engine may raise. */
export const FLAG_LABELS: Record<string, Translated> = {
  LATE_APPLICATION: {
    kk: "Өтініш беру мерзімі өтіп кеткен",
    ru: "Срок подачи заявления пропущен",
    en: "The application deadline has passed",
  },
  STRIP_SETTLEMENT: {
    kk: "Шекаралық белдеудегі елді мекен",
    ru: "Населённый пункт в пограничной полосе",
    en: "Settlement in the border strip",
  },
  STRIP_BORDER_TROOPS_ORDER: {
    kk: "Белдеуге шекара әскерлері белгілеген тәртіппен жіберіледі",
    ru: "Допуск в полосу — в порядке, установленном пограничными войсками",
    en: "Admission to the strip follows the border troops' order",
  },
  SPECIAL_WORKS_PERMISSION: {
    kk: "Арнайы жұмыстарға рұқсат қажет",
    ru: "Для специальных работ нужно разрешение",
    en: "Special works need a permission",
  },
  GROUP_PASS_POSSIBLE: {
    kk: "Топқа бір рұқсаттама берілуі мүмкін",
    ru: "Группе может выдаваться один пропуск",
    en: "One pass may be issued to the group",
  },
  WRITTEN_INTO_ACCOMPANYING_PASS: {
    kk: "Ертіп жүрген адамның рұқсаттамасына жазылады",
    ru: "Вписывается в пропуск сопровождающего",
    en: "Written into the accompanying person's pass",
  },
};

/** Names of the documents. */
export const DOCUMENT_LABELS: Record<AnyDocumentCode, Translated> = {
  ID_CARD: { kk: "Жеке куәлік", ru: "Удостоверение личности", en: "Identity card" },
  PASSPORT: { kk: "Паспорт", ru: "Паспорт", en: "Passport" },
  BIRTH_CERTIFICATE: { kk: "Туу туралы куәлік", ru: "Свидетельство о рождении", en: "Birth certificate" },
  MILITARY_ID: { kk: "Әскери билет", ru: "Военный билет", en: "Military ID" },
  SERVICE_ID: { kk: "Қызмет куәлігі", ru: "Служебное удостоверение", en: "Service ID" },
  SERVICE_ORDER: { kk: "Қызметтік ұйғарым", ru: "Служебное предписание", en: "Service order" },
  TRAVEL_CERTIFICATE: {
    kk: "Іссапар куәлігі",
    ru: "Командировочное удостоверение",
    en: "Travel certificate",
  },
  VOUCHER: { kk: "Жолдама", ru: "Путёвка", en: "Voucher" },
  STUDENT_DOCUMENT: { kk: "Оқу орнының құжаты", ru: "Документ учебного заведения", en: "Student document" },
  LOCAL_EXEC_CERTIFICATE: {
    kk: "Жергілікті атқарушы органның анықтамасы",
    ru: "Справка местного исполнительного органа",
    en: "Local executive body certificate",
  },
  TELEGRAM: { kk: "Расталған жеделхат", ru: "Заверенная телеграмма", en: "Certified telegram" },
  VETERAN_CERTIFICATE: {
    kk: "Соғысқа қатысушының куәлігі",
    ru: "Удостоверение участника войны",
    en: "War veteran's certificate",
  },
  CERTIFIED_INVITATION: {
    kk: "Расталған шақыру",
    ru: "Заверенное приглашение",
    en: "Certified invitation",
  },
  RETURN_CERTIFICATE: {
    kk: "Қазақстанға оралғаны туралы куәлік",
    ru: "Свидетельство о возвращении в Казахстан",
    en: "Certificate of return to Kazakhstan",
  },
  DEPUTY_ID: { kk: "Депутат куәлігі", ru: "Удостоверение депутата", en: "Deputy's ID" },
  RESIDENCE_STAMP: {
    kk: "Жеке куәліктегі ІІО мөртаңбасы",
    ru: "Штамп ОВД в удостоверении личности",
    en: "IAB residence stamp in the identity card",
  },
  COMMISSARIAT_LIST: {
    kk: "Әскери комиссариаттың атаулы тізімі",
    ru: "Именной список военного комиссариата",
    en: "Military commissariat's named list",
  },
  PASS_CERTIFICATE: { kk: "Өту куәлігі", ru: "Пропускное свидетельство", en: "Pass certificate" },
  LEAVE_TICKET: { kk: "Демалыс билеті", ru: "Отпускной билет", en: "Leave ticket" },
  SERVICE_PLACE_CERTIFICATE: {
    kk: "Қызмет ету орнынан анықтама",
    ru: "Справка с места службы",
    en: "Certificate from the place of service",
  },
  VOUCHER_ISSUER_CERTIFICATE: {
    kk: "Жолдама берген ұйымның анықтамасы",
    ru: "Справка организации, выдавшей путёвку",
    en: "Certificate of the organization that issued the voucher",
  },
  RESIDENCE_PROOF: {
    kk: "Тұратын жерін растайтын құжат",
    ru: "Документ о месте жительства",
    en: "Proof of residence",
  },
  TRANSPORT_PERMIT: {
    kk: "Халықаралық тасымалдауға рұқсат",
    ru: "Разрешение на международную перевозку",
    en: "International transport permit",
  },
  APPLICATION: { kk: "Арыз (№ 2 қосымша)", ru: "Заявление (приложение № 2)", en: "Application (Appendix 2)" },
  EMPLOYER_PETITION: {
    kk: "Жұмыс берушінің өтініш хаты",
    ru: "Ходатайство работодателя",
    en: "Employer's petition",
  },
  EMPLOYER_INVITATION: {
    kk: "Ұйым әкімшілігінің шақыруы",
    ru: "Приглашение администрации организации",
    en: "Invitation from the organization",
  },
  STUDY_INVITATION: { kk: "Оқуға шақыру", ru: "Приглашение на учёбу", en: "Invitation to study" },
  UNIT_COMMANDER_CERTIFICATE: {
    kk: "Әскери бөлім бастығының анықтамасы",
    ru: "Справка командира воинской части",
    en: "Military unit commander's certificate",
  },
  GROUP_LIST: { kk: "Топтың бекітілген тізімі", ru: "Заверенный список группы", en: "Certified group list" },
  INSTITUTION_PETITION: {
    kk: "Түзеу мекемесі әкімшілігінің өтініші",
    ru: "Ходатайство администрации исправительного учреждения",
    en: "Petition of the correctional institution's administration",
  },
};
