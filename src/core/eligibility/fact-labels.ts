/** Translated labels of the traveller-facts vocabulary, for the questionnaire and intake screens. */
import type { Translated } from "../i18n.js";
import type { Citizenship, Purpose, StatusFlag, ZonePart } from "./facts.js";

/** Citizenship choices. */
export const CITIZENSHIP_LABELS: Record<Citizenship, Translated> = {
  KZ: {
    kk: "Қазақстан Республикасының азаматы",
    ru: "Гражданин Республики Казахстан",
    en: "Citizen of Kazakhstan",
  },
  CIS: { kk: "ТМД мемлекетінің азаматы", ru: "Гражданин государства СНГ", en: "Citizen of a CIS state" },
  FOREIGN: { kk: "Шетел азаматы", ru: "Иностранный гражданин", en: "Foreign citizen" },
  STATELESS: { kk: "Азаматтығы жоқ адам", ru: "Лицо без гражданства", en: "Stateless person" },
};

/** Parts of the zone, when no settlement is named. */
export const ZONE_PART_LABELS: Record<ZonePart, Translated> = {
  ZONE: { kk: "Шекаралық аймақ", ru: "Пограничная зона", en: "Border zone" },
  STRIP: {
    kk: "Шекаралық белдеу (шекара мен инженерлік бөгеттер аралығы)",
    ru: "Пограничная полоса (между границей и инженерными заграждениями)",
    en: "Border strip (between the border and the engineering barriers)",
  },
};

/** Purposes of the trip. */
export const PURPOSE_LABELS: Record<Purpose, Translated> = {
  PERMANENT_RESIDENCE: { kk: "Тұрақты тұруға", ru: "На постоянное жительство", en: "Permanent residence" },
  TEMPORARY_STAY: { kk: "Уақытша болуға", ru: "Временное пребывание", en: "Temporary stay" },
  WORK: { kk: "Жұмысқа", ru: "Работа", en: "Work" },
  STUDY: { kk: "Оқуға", ru: "Учёба", en: "Study" },
  BUSINESS_TRIP: { kk: "Іссапарға", ru: "Командировка", en: "Business trip" },
  PERIODIC_BUSINESS: {
    kk: "Қызметтік мәселелер бойынша мезгіл-мезгіл",
    ru: "Периодически по служебным делам",
    en: "Periodically on business",
  },
  PERIODIC_PERSONAL: {
    kk: "Жеке мәселелер бойынша мезгіл-мезгіл",
    ru: "Периодически по личным делам",
    en: "Periodically on personal matters",
  },
  VISIT_RELATIVES: {
    kk: "Туыстарына немесе таныстарына қонаққа",
    ru: "В гости к родственникам или знакомым",
    en: "Visiting relatives or acquaintances",
  },
  HEALTH_RESORT: {
    kk: "Емдеу, санаторий, демалыс үйіне",
    ru: "В лечебное учреждение, санаторий, дом отдыха",
    en: "Hospital, sanatorium or rest home",
  },
  STUDENT_RETURNING_HOME: {
    kk: "Оқушы / студент үйіне қайтады",
    ru: "Учащийся возвращается домой",
    en: "Student returning home",
  },
  RELATIVE_ILL_OR_DYING: {
    kk: "Ауыр науқас немесе қайтыс болуға жақын туысына",
    ru: "К тяжелобольному или умирающему родственнику",
    en: "To a seriously ill or dying relative",
  },
  RELATIVE_FUNERAL: { kk: "Туысын жерлеуге", ru: "На похороны родственника", en: "A relative's funeral" },
  RETURN_FROM_ABROAD: {
    kk: "Шетелден тұрақты тұратын жеріне оралу",
    ru: "Возвращение из-за границы к месту постоянного жительства",
    en: "Returning from abroad to permanent residence",
  },
  SERVICE_DUTY: { kk: "Қызметтік міндет", ru: "Служебные обязанности", en: "Service duty" },
  DISCHARGED_RETURNING: {
    kk: "Әскери қызметтен босатылып оралу",
    ru: "Возвращение после увольнения со службы",
    en: "Discharged serviceman returning",
  },
  CONSCRIPT: { kk: "Әскерге шақырылушы", ru: "Призывник", en: "Conscript" },
  TRANSPORT_DUTY: {
    kk: "Көлік, байланыс, электр желісі кезекшілігі",
    ru: "Дежурство на транспорте, связи, ЛЭП",
    en: "Transport, communication or power-line duty",
  },
  CHILDREN_HEALTH_CAMP: {
    kk: "Балалар сауықтыру мекемесіне ұйымдасқан топпен",
    ru: "Дети организованной группой в оздоровительное учреждение",
    en: "Children in an organized group to a health camp",
  },
  PARENT_VISITING_CAMP: {
    kk: "Сауықтыру мекемесіндегі баласына бару",
    ru: "Родитель навещает ребёнка в оздоровительном учреждении",
    en: "Parent visiting a child at a health camp",
  },
  ZONE_INSTITUTION: {
    kk: "Аймақтағы мекемеге (мектеп, аурухана, кәсіпорын, шаруашылық)",
    ru: "В учреждение зоны (школа, больница, предприятие, хозяйство)",
    en: "To an institution in the zone (school, hospital, enterprise, farm)",
  },
  RELEASED_FROM_CUSTODY: {
    kk: "Түзеу мекемесінен босатылған",
    ru: "Освобождённый из исправительного учреждения",
    en: "Released from a correctional institution",
  },
  GROUP_WORK: {
    kk: "Топпен жұмысқа (маусымдық, құрылыс, іздестіру)",
    ru: "Работа в составе группы (сезонная, стройка, изыскания)",
    en: "Group work (seasonal, construction, survey)",
  },
  TOURISM: { kk: "Туризм", ru: "Туризм", en: "Tourism" },
  SPECIAL_WORKS: {
    kk: "Арнайы жұмыстар (ұшу, түсірілім, іздестіру)",
    ru: "Специальные работы (полёты, съёмка, изыскания)",
    en: "Special works (flights, photography, surveys)",
  },
};

/** Status flags. */
export const STATUS_LABELS: Record<StatusFlag, Translated> = {
  OFFICIAL_ON_NSC_LIST: {
    kk: "ҰҚК тізбесіндегі лауазымды адам",
    ru: "Должностное лицо из перечня КНБ",
    en: "Official on the NSC list",
  },
  SERVICEMAN: {
    kk: "Әскери қызметші / құқық қорғау органы қызметкері",
    ru: "Военнослужащий / сотрудник правоохранительного органа",
    en: "Serviceman or law-enforcement officer",
  },
  FAMILY_OF_SERVICEMAN: {
    kk: "Әскери қызметшінің отбасы мүшесі",
    ru: "Член семьи военнослужащего",
    en: "Family member of a serviceman",
  },
  DEPUTY_OR_REGIONAL_HEAD: {
    kk: "Депутат немесе облыс басшысы",
    ru: "Депутат или руководитель области",
    en: "Deputy or regional head",
  },
  WAR_VETERAN_OR_EQUAL: {
    kk: "Ұлы Отан соғысының қатысушысы немесе оларға теңестірілген",
    ru: "Участник Великой Отечественной войны или приравненное лицо",
    en: "Great Patriotic War participant or equal",
  },
  TRANSPORT_STAFF: {
    kk: "Көлік, байланыс, электр желісі кәсіпорнының қызметкері",
    ru: "Работник транспорта, связи, ЛЭП",
    en: "Transport, communication or power-line staff",
  },
};
