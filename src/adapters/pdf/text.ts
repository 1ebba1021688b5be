import type { Translated } from "../../core/i18n.js";

/** One printed rule of the pass (Z App.1, back side) in every interface language, with its clause. */
export interface PassRule {
  clause: string;
  text: Translated;
}

/** The five rules printed on the back of the pass (Z App.1): the law's Kazakh, translated to ru and en. */
export const PASS_RULES: readonly PassRule[] = [
  // Kazakh is verbatim except that the published text's letter-spaced words ("м і н д е т т і") are joined.
  {
    clause: "Z App.1 rule 1",
    text: {
      kk: "Рұқсаттама онда көрсетілген елді мекенге келуге құқық береді.",
      ru: "Пропуск дает право на въезд в указанный в нем населенный пункт.",
      en: "The pass gives the right to enter the settlement named in it.",
    },
  },
  {
    clause: "Z App.1 rule 2",
    text: {
      kk:
        "Рұқсаттамада көрсетілген жерге келген адам келген сәтінен бастап бір тәулік мерзімнің ішінде " +
        "рұқсаттамасы мен құжатын ішкі істер органында тіркеуі үшін тіркелім жасауға жауапты адамға " +
        "(үй басқарушысына, жатақхана комендантына, мейманхана, санаторий, демалыс үйі әкімшілігіне " +
        "немесе бұған арнайы өкілдік берілген адамға) тапсыруға міндетті.",
      ru:
        "Лицо, прибывшее в указанное в пропуске место, обязано в течение суток с момента прибытия " +
        "сдать пропуск и документ для регистрации в органе внутренних дел лицу, ответственному " +
        "за регистрацию (управляющему домом, коменданту общежития, администрации гостиницы, " +
        "санатория, дома отдыха или лицу, специально на то уполномоченному).",
      en:
        "A person who has arrived at the place named in the pass must, within one day of arrival, " +
        "hand the pass and identity document, for registration with the internal affairs body, " +
        "to the person responsible for registration (the house manager, the hostel commandant, " +
        "the administration of a hotel, sanatorium or rest home, or a person specially authorised " +
        "to do so).",
    },
  },
  {
    clause: "Z App.1 rule 3",
    text: {
      kk:
        "Рұқсаттамасын жоғалтып алған жағдайда бұл туралы оның иесі өзі жүрген жердегі ең таяу " +
        "ішкі істер органына дереу хабарлауға тиіс.",
      ru:
        "В случае утраты пропуска его владелец обязан немедленно сообщить об этом в ближайший " +
        "орган внутренних дел по месту своего нахождения.",
      en: "If the pass is lost, its holder must report the loss at once to the nearest internal affairs body where he or she is.",
    },
  },
  {
    clause: "Z App.1 rule 4",
    text: {
      kk:
        "Рұқсаттама алып, бірақ қандай бір себептермен онда көрсетілген елді мекенге бара алмай " +
        "қалған адам рұқсаттамасын ішкі істер органына тапсыруға міндетті.",
      ru:
        "Лицо, получившее пропуск, но по каким-либо причинам не выехавшее в указанный в нем " +
        "населенный пункт, обязано сдать пропуск в орган внутренних дел.",
      en:
        "A person who received a pass but for any reason could not go to the settlement named in it " +
        "must hand the pass in to the internal affairs body.",
    },
  },
  {
    clause: "Z App.1 rule 5",
    text: {
      kk:
        "Шекара аймағына немесе шекара алаңына келу ережесін, сондай-ақ онда тұру немесе тіркелу " +
        "ережесін бұзған адам заң бойынша жауап береді.",
      ru:
        "Лицо, нарушившее правила въезда в пограничную зону или пограничную полосу, а также правила " +
        "проживания или регистрации в них, несет ответственность в соответствии с законом.",
      en:
        "A person who breaks the rules of entry into the border zone or border strip, or the rules " +
        "of stay or registration there, is liable under the law.",
    },
  },
];

/** Heading of the rules on the back of the pass (Z App.1: "Ереже"). */
export const PASS_RULES_HEADING: Translated = { kk: "ЕРЕЖЕ", ru: "ПРАВИЛА", en: "RULES" };

/** The holder's acknowledgement under the rules (Z App.1, Z p.32); the law's Kazakh words. */
export const PASS_RULES_ACKNOWLEDGEMENT: Translated = {
  kk: "Ережемен таныстым",
  ru: "С правилами ознакомлен(а)",
  en: "I have read the rules",
};

/** How the "enter and stay" line of a pass is worded (Z p.34 a). */
export const PASS_PURPOSE_KINDS = [
  "TEMPORARY_STAY",
  "PERMANENT_RESIDENCE",
  "PERIODIC_BUSINESS",
  "PERIODIC_PERSONAL",
] as const;

/** One of the four wordings allowed on the "enter and stay" line (Z p.34 a). */
export type PassPurposeKind = (typeof PASS_PURPOSE_KINDS)[number];

/** The exact wording of each purpose kind; Kazakh as in Z p.34 a. */
export const PASS_PURPOSE_WORDING: Record<PassPurposeKind, Translated> = {
  TEMPORARY_STAY: { kk: "уақытша тұру", ru: "временное проживание", en: "temporary stay" },
  PERMANENT_RESIDENCE: { kk: "тұрақты тұру", ru: "постоянное жительство", en: "permanent residence" },
  PERIODIC_BUSINESS: {
    kk: "мезгіл-мезгілімен қызмет бабында",
    ru: "периодически по служебным делам",
    en: "periodically on business",
  },
  PERIODIC_PERSONAL: {
    kk: "мерзім-мерзіммен жеке ісі бойынша",
    ru: "периодически по личным делам",
    en: "periodically on personal matters",
  },
};

/** Labels printed on the pass (Z App.1), so the web app can show the same wording. */
export const PASS_LABELS = {
  appendix: { kk: "№ 1 қосымша", ru: "Приложение № 1", en: "Appendix 1" },
  title: { kk: "РҰҚСАТТАМА", ru: "ПРОПУСК", en: "PASS" },
  subtitle: {
    kk: "шекаралық аймаққа келуге және онда болуға",
    ru: "на въезд и пребывание в пограничной зоне",
    en: "to enter and stay in the border zone",
  },
  regionCaption: { kk: "облысы", ru: "область", en: "region" },
  iabCaption: {
    kk: "ішкі істер органының атауы",
    ru: "наименование органа внутренних дел",
    en: "name of the internal affairs body",
  },
  issueDate: { kk: "Берілген күні", ru: "Дата выдачи", en: "Date of issue" },
  seriesNumber: { kk: "Сериясы, нөмірі", ru: "Серия, номер", en: "Series and number" },
  holder: { kk: "Азамат", ru: "Гражданин(ка)", en: "Citizen" },
  holderCaption: {
    kk: "тегі, есімі, әкесінің есімі және туған жылы",
    ru: "фамилия, имя, отчество и год рождения",
    en: "surname, name, patronymic and year of birth",
  },
  birthYear: { kk: "туған жылы", ru: "год рождения", en: "year of birth" },
  places: {
    kk: "Келуге және тұруға рұқсат етіледі",
    ru: "Разрешается въезд и пребывание",
    en: "Entry and stay allowed in",
  },
  placesCaption: {
    kk: "қала, мекен және оның қай облыстың құрамына кіретіні",
    ru: "город, населенный пункт и область, в состав которой он входит",
    en: "town or settlement and the region it belongs to",
  },
  purposeKind: { kk: "Келуге және тұруға", ru: "Въезд и пребывание", en: "Enter and stay" },
  tripPurpose: { kk: "Сапарының мақсаты", ru: "Цель поездки", en: "Purpose of the trip" },
  children: {
    kk: "Онымен бірге 16 жасқа толмаған балалары",
    ru: "С ним (ней) дети до 16 лет",
    en: "Children under 16 travelling along",
  },
  childrenCaption: {
    kk: "әр баланың есімі мен жасы",
    ru: "имя и возраст каждого ребенка",
    en: "name and age of each child",
  },
  childrenNone: { kk: "жоқ", ru: "нет", en: "none" },
  identityDocument: {
    kk: "Құжатын көрсеткенде ғана жарамды",
    ru: "Действителен только при предъявлении",
    en: "Valid only with",
  },
  identityCaption: {
    kk: "құжаттың сериясы, нөмірі, қашан және кім бергені",
    ru: "серия, номер документа, когда и кем выдан",
    en: "series and number of the document, when and by whom issued",
  },
  validity: { kk: "Рұқсаттаманың күші жүретін мерзімі", ru: "Срок действия пропуска", en: "Valid" },
  head: { kk: "Бастығы", ru: "Начальник", en: "Head" },
  signature: { kk: "қолы", ru: "подпись", en: "signature" },
  seal: { kk: "М.О.", ru: "М.П.", en: "Seal" },
  qrCaption: {
    kk: "Рұқсаттаманың түпнұсқалығын желісіз тексеру коды",
    ru: "Код для проверки подлинности пропуска без сети",
    en: "Code to verify the pass offline",
  },
  registrations: { kk: "Тіркеу туралы белгілер", ru: "Отметки о регистрации", en: "Registration marks" },
  registrar: { kk: "Кім тіркеді", ru: "Кем зарегистрирован", en: "Registered by" },
  note: { kk: "Белгі", ru: "Отметка", en: "Mark" },
  date: { kk: "Күні", ru: "Дата", en: "Date" },
  extensions: {
    kk: "Мерзімін ұзарту туралы белгілер",
    ru: "Отметки о продлении срока действия",
    en: "Extension marks",
  },
  extendedUntil: { kk: "Ұзартылған мерзімі", ru: "Продлен до", en: "Extended until" },
  extendedBy: { kk: "Ұзартқан ІІО", ru: "ОВД, продливший срок", en: "Extended by" },
  backOf: { kk: "Рұқсаттаманың екінші беті", ru: "Оборотная сторона пропуска", en: "Back of the pass" },
} as const satisfies Record<string, Translated>;

/** Labels of the register book of passes and permits (Z App.3 columns as given in SPEC Z-21). */
export const REGISTER_LABELS = {
  title: {
    kk: "Шекаралық аймаққа кіруге берілген рұқсаттамалар мен рұқсаттарды есепке алу кітабы",
    ru: "Книга учета пропусков и разрешений на въезд в пограничную зону",
    en: "Register book of passes and permits to enter the border zone",
  },
  shortTitle: { kk: "Рұқсаттамаларды есепке алу кітабы", ru: "Книга учета пропусков", en: "Register book" },
  year: { kk: "жыл", ru: "год", en: "year" },
  page: { kk: "бет", ru: "стр.", en: "page" },
  lineNo: { kk: "Р/с №", ru: "№ п/п", en: "No." },
  date: { kk: "Күні", ru: "Дата", en: "Date" },
  pass: { kk: "Рұқсаттама сериясы, №", ru: "Серия, № пропуска", en: "Pass series and number" },
  fullName: { kk: "Тегі, аты, әкесінің аты", ru: "Фамилия, имя, отчество", en: "Full name" },
  birthYear: { kk: "Туған жылы", ru: "Год рожд.", en: "Year of birth" },
  identityDocument: {
    kk: "Жеке басын куәландыратын құжат",
    ru: "Документ, удостоверяющий личность",
    en: "Identity document",
  },
  destination: { kk: "Баратын жері", ru: "Место следования", en: "Destination" },
  purpose: { kk: "Мақсаты", ru: "Цель", en: "Purpose" },
  validity: { kk: "Күші жүретін мерзімі", ru: "Срок действия", en: "Validity" },
  basis: { kk: "Негіздеме құжаттар", ru: "Документы-основания", en: "Basis documents" },
  signature: { kk: "Алушының қолы", ru: "Подпись получателя", en: "Recipient's signature" },
  returned: {
    kk: "Қайтарылғаны / алынғаны туралы белгі",
    ru: "Отметка о возврате / изъятии",
    en: "Returned / withdrawn",
  },
} as const satisfies Record<string, Translated>;
