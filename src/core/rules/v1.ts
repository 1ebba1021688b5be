/**
 * Version 1 of the border-zone rules: the Instruction approved by Internal Affairs order No 92
 * of 19 September 1994 (agreed with the NSC), as written. Each rule quotes its clause; the
 * explanations paraphrase the Kazakh text. Order matters inside a kind: exemptions are tried in
 * order (the first satisfied one wins), PASS, SUPPORTING_DOCUMENTS, LEAD_TIME and VALIDITY rules
 * by first match, the last of each being the fallback.
 */
import type { RuleSet } from "./schema.js";

/** Identity documents for an adult (Z p.34 b). */
const IDENTITY = ["ID_CARD", "PASSPORT"] as const;

/**
 * Days allowed for "the time needed to arrive" at a new permanent residence (Z p.21, p.34 c).
 * The law gives no number; 30 days covers the longest rail or road journey across Kazakhstan
 * with a margin for moving a household, and an officer may always issue less.
 */
export const PERMANENT_RESIDENCE_ARRIVAL_DAYS = 30;

/** Version 1, in force from the order's date. */
export const RULE_SET_V1: RuleSet = {
  id: "border-zone-passes",
  version: 1,
  // The header dates the order 19 September 1994 but its registration 4 April 1994 and the NSC
  // agreement 2 April 1994; an act is in force only once signed and registered, so the later date.
  effectiveFrom: "1994-09-19",
  basis: {
    kk: "Қазақстан Республикасы Ішкі істер министрінің 1994 жылғы 19 қыркүйектегі № 92 бұйрығымен бекітілген, Ұлттық қауіпсіздік комитетімен келісілген «Шекаралық аймаққа келуге және онда болуға рұқсаттама мен рұқсат беру тәртібі туралы Нұсқау».",
    ru: "Инструкция о порядке выдачи пропусков и разрешений на въезд и пребывание в пограничной зоне, утверждённая приказом Министра внутренних дел Республики Казахстан от 19 сентября 1994 года № 92 и согласованная с Комитетом национальной безопасности.",
    en: "Instruction on issuing passes and permits to enter and stay in the border zone, approved by order No 92 of the Minister of Internal Affairs of the Republic of Kazakhstan of 19 September 1994 and agreed with the National Security Committee.",
  },
  rules: [
    {
      kind: "ZONE_EXTENT",
      id: "ZONE_EXTENT",
      clauses: ["Z p.1", "Z p.2"],
      explanation: {
        kk: "Баратын жер шекаралық аймаққа кірмейді: шекаралық аймақ Үкімет қаулысымен бекітілген әкімшілік-аумақтық бірліктердің тізбесінен тұрады, одан тыс жерге бару үшін рұқсаттама қажет емес.",
        ru: "Место назначения не входит в пограничную зону: зона состоит из перечня административно-территориальных единиц, утверждённого постановлением Правительства, и для поездки вне её пропуск не нужен.",
        en: "The destination is not in the border zone: the zone is the list of administrative-territorial units approved by a Government decree, and no pass is needed to travel outside it.",
      },
    },
    {
      kind: "STRIP",
      id: "STRIP_PRODUCTION_NEED",
      clauses: ["Z p.5"],
      explanation: {
        kk: "Мемлекеттік шекара мен инженерлік бөгеттер желісі аралығындағы шекаралық белдеуге онда тұрмайтын адамдар тек өндірістік немесе қызметтік қажеттілік болған жағдайда ғана, шекара әскерлері жергілікті атқарушы органмен келісіп белгілеген тәртіпте жіберіледі.",
        ru: "В пограничную полосу между государственной границей и линией инженерных заграждений лица, не проживающие в ней, допускаются только при производственной или служебной необходимости, в порядке, установленном пограничными войсками по согласованию с местным исполнительным органом.",
        en: "People who do not live in the border strip (between the state border and the line of engineering barriers) are admitted there only when production or service needs require it, in the order set by the border troops in agreement with the local executive body.",
      },
      // Work, group work, official duty, transport duty, special works (Z p.28), business trips
      // and conscripts going to their units: each is a production or service need of p.5 note.
      productionPurposes: [
        "WORK",
        "GROUP_WORK",
        "SERVICE_DUTY",
        "TRANSPORT_DUTY",
        "SPECIAL_WORKS",
        "BUSINESS_TRIP",
        "PERIODIC_BUSINESS",
        "CONSCRIPT",
      ],
      serviceStatuses: ["OFFICIAL_ON_NSC_LIST"],
    },
    {
      kind: "STRIP_SETTLEMENT",
      id: "STRIP_SETTLEMENT",
      clauses: ["Z p.5"],
      explanation: {
        kk: "Баратын жер — шекаралық белдеудегі елді мекен: мұндай елді мекендерге өткізу шекаралық аймаққа өткізу тәртібімен жүргізіледі.",
        ru: "Место назначения — населённый пункт в пограничной полосе: допуск в такие населённые пункты производится в порядке, установленном для пограничной зоны.",
        en: "The destination is a settlement in the border strip: admission to such settlements follows the order set for the border zone.",
      },
    },
    // ---- Exemptions: entry without a pass on the documents named (Z p.3, p.5, p.9, p.11–17, p.19)
    {
      kind: "EXEMPTION",
      id: "EX_NSC_OFFICIAL",
      clauses: ["Z p.3", "Z p.5"],
      when: { citizenships: ["KZ"], statuses: ["OFFICIAL_ON_NSC_LIST"] },
      requires: [["ID_CARD", "PASSPORT", "SERVICE_ID"]],
      explanation: {
        kk: "Ұлттық қауіпсіздік комитеті белгілеген тізбеге енгізілген лауазымды адамдар шекаралық аймаққа рұқсаттамасыз, жеке басын куәландыратын құжаттары бойынша келеді.",
        ru: "Должностные лица, включённые в перечень, установленный Комитетом национальной безопасности, въезжают в пограничную зону без пропуска по документам, удостоверяющим личность.",
        en: "Officials on the list set by the National Security Committee enter the border zone without a pass, on their identity document.",
      },
    },
    {
      kind: "EXEMPTION",
      id: "EX_DEPUTY_OR_REGIONAL_HEAD",
      clauses: ["Z p.14"],
      when: { citizenships: ["KZ"], statuses: ["DEPUTY_OR_REGIONAL_HEAD"] },
      requires: [["DEPUTY_ID", "SERVICE_ID"]],
      explanation: {
        kk: "Депутаттар, аумағына шекаралық аймақ кіретін облыстардың атқарушы органдарының басшылары мен олардың орынбасарлары депутат куәлігімен немесе қызмет куәлігімен жіберіледі.",
        ru: "Депутаты, руководители исполнительных органов областей, в территорию которых входит пограничная зона, и их заместители допускаются по удостоверению депутата или служебному удостоверению.",
        en: "Deputies, and heads of regional executive bodies whose region includes the border zone and their deputies, are admitted on their deputy's or service identity card.",
      },
    },
    {
      kind: "EXEMPTION",
      id: "EX_SERVICEMAN",
      clauses: ["Z p.11"],
      when: { citizenships: ["KZ", "CIS"], statuses: ["SERVICEMAN"] },
      requires: [
        ["MILITARY_ID", "SERVICE_ID", "ID_CARD", "PASSPORT"],
        ["SERVICE_ORDER", "PASS_CERTIFICATE", "TRAVEL_CERTIFICATE", "LEAVE_TICKET"],
      ],
      explanation: {
        kk: "Қарулы Күштердің, ұлттық қауіпсіздік органдары мен әскерлерінің, ішкі әскерлердің әскери қызметшілері, прокурорлық-тергеу қызметкерлері және ішкі істер органдарының қатардағы және басшы құрамындағы адамдар (сондай-ақ ТМД мемлекеттерінің қауіпсіздік және ішкі істер органдарының әскери қызметшілері) жеке басын куәландыратын құжаты мен қызметтік ұйғарым, өту куәлігі, іссапар немесе демалыс құжаттары бойынша өтеді.",
        ru: "Военнослужащие Вооружённых Сил, органов и войск национальной безопасности, внутренних войск, прокурорско-следственные работники и лица рядового и начальствующего состава органов внутренних дел (а также военнослужащие органов безопасности и внутренних дел государств СНГ) проходят по документам, удостоверяющим личность, и служебному предписанию, пропускному свидетельству, командировочным или отпускным документам.",
        en: "Servicemen of the Armed Forces, national security bodies and troops and internal troops, prosecutors and investigators, and ranks of internal affairs bodies (and the same servicemen of CIS security and internal affairs bodies) pass on their identity document with a service order, pass certificate, travel or leave document.",
      },
    },
    {
      kind: "EXEMPTION",
      id: "EX_SERVICEMAN_FAMILY_WITH_HIM",
      clauses: ["Z p.11"],
      when: { citizenships: ["KZ", "CIS"], statuses: ["FAMILY_OF_SERVICEMAN"], accompanied: true },
      requires: [["SERVICE_ORDER", "LEAVE_TICKET"]],
      explanation: {
        kk: "Әскери қызметшімен бірге баратын отбасы мүшелері оның қызметтік ұйғарымына немесе демалыс билетіне жазылады және онымен бірге өтеді.",
        ru: "Члены семьи, следующие вместе с военнослужащим, вписываются в его служебное предписание или отпускной билет и проходят вместе с ним.",
        en: "Family members travelling with the serviceman are written into his service order or leave ticket and pass with him.",
      },
    },
    {
      kind: "EXEMPTION",
      id: "EX_SERVICEMAN_FAMILY_ALONE",
      clauses: ["Z p.11"],
      when: { citizenships: ["KZ", "CIS"], statuses: ["FAMILY_OF_SERVICEMAN"], accompanied: false },
      requires: [["ID_CARD", "PASSPORT", "BIRTH_CERTIFICATE"], ["SERVICE_PLACE_CERTIFICATE"]],
      explanation: {
        kk: "Өз бетінше келе жатқан әскери қызметшінің отбасы мүшелері жеке басын куәландыратын құжаты мен қызмет ететін орнынан берілген анықтама бойынша жіберіледі.",
        ru: "Члены семьи военнослужащего, следующие самостоятельно, допускаются по документам, удостоверяющим личность, и справке, выданной по месту службы.",
        en: "Family members of a serviceman travelling on their own are admitted on their identity document and a certificate issued at the place of service.",
      },
    },
    {
      kind: "EXEMPTION",
      id: "EX_TRANSPORT_STAFF",
      clauses: ["Z p.13"],
      when: { citizenships: ["KZ"], statuses: ["TRANSPORT_STAFF"], purposes: ["TRANSPORT_DUTY"] },
      requires: [["SERVICE_ID"]],
      explanation: {
        kk: "Көлік, жол, темір жол, мұнай құбыры, байланыс және электр беру желілері кәсіпорындарының тұрақты қызметкерлері қызмет бабымен қажет болғанда өз рейстері, маршруттары мен міндеттері шегінде қызмет куәліктері бойынша келеді.",
        ru: "Постоянные работники предприятий транспорта, автомобильных и железных дорог, нефтепроводов, линий связи и электропередачи допускаются по служебным удостоверениям, когда этого требует служба, в пределах своих рейсов, маршрутов и обязанностей.",
        en: "Permanent staff of transport, road, railway, pipeline, communication and power-line enterprises enter on their service identity card when their duties require it, within their routes and duties.",
      },
    },
    {
      kind: "EXEMPTION",
      id: "EX_TRANSPORT_STAFF_CIS",
      clauses: ["Z p.13", "Z p.5"],
      when: { citizenships: ["CIS"], statuses: ["TRANSPORT_STAFF"], purposes: ["TRANSPORT_DUTY"] },
      requires: [["SERVICE_ID"], ["TRANSPORT_PERMIT"]],
      explanation: {
        kk: "Көлік кәсіпорындарының тұрақты қызметкерлері өз маршруттары шегінде қызмет куәліктері бойынша келеді; мемлекеттік шекарадан өткізу пунктіне автокөлікпен бара жатқан ТМД мемлекеттерінің азаматтарында екі жақты келісімдерге сәйкес халықаралық тасымалдауға рұқсат та болуы тиіс.",
        ru: "Постоянные работники транспортных предприятий допускаются по служебным удостоверениям в пределах своих маршрутов; граждане государств СНГ, следующие автотранспортом к пункту пропуска через государственную границу, должны также иметь разрешение на международную перевозку по двусторонним соглашениям.",
        en: "Permanent transport staff enter on their service identity card within their routes; citizens of CIS states driving to a border checkpoint must also carry the international transport permit issued under bilateral agreements.",
      },
    },
    {
      kind: "EXEMPTION",
      id: "EX_DISCHARGED_SERVICEMAN",
      clauses: ["Z p.12"],
      when: { citizenships: ["KZ", "CIS"], purposes: ["DISCHARGED_RETURNING"] },
      requires: [["SERVICE_ORDER", "PASS_CERTIFICATE"]],
      explanation: {
        kk: "Осы әскерлер мен органдардан босатылған әскери қызметшілер, егер осы жерлерден шақырылған болса немесе мұнда жақын туысқандары болса, қызметтік ұйғарым немесе өткізу куәлігі бойынша кіреді.",
        ru: "Уволенные из этих войск и органов военнослужащие, если они призывались из этих мест или имеют здесь близких родственников, въезжают по служебному предписанию или пропускному свидетельству.",
        en: "Servicemen discharged from those forces and bodies, if they were drafted from the border zone or have close relatives there, enter on a service order or pass certificate.",
      },
    },
    {
      kind: "EXEMPTION",
      id: "EX_CONSCRIPT",
      clauses: ["Z p.12"],
      when: { citizenships: ["KZ"], purposes: ["CONSCRIPT"] },
      requires: [["COMMISSARIAT_LIST"], ["SERVICE_ORDER"]],
      explanation: {
        kk: "Мерзімді әскери қызметке шақырылған адамдар бара жатқан мекені көрсетілген тиісті әскери комиссариаттың атаулы тізімі және жарлығы бойынша енеді.",
        ru: "Призванные на срочную военную службу въезжают по именному списку соответствующего военного комиссариата с указанием пункта следования и по предписанию.",
        en: "Conscripts called up for fixed-term military service enter on the military commissariat's named list, which shows their destination, and its order.",
      },
    },
    {
      kind: "EXEMPTION",
      id: "EX_RETURN_FROM_ABROAD",
      clauses: ["Z p.17"],
      when: { citizenships: ["KZ"], purposes: ["RETURN_FROM_ABROAD"], residesInZone: true },
      requires: [["PASSPORT"], ["RETURN_CERTIFICATE"]],
      explanation: {
        kk: "Шетелден оралған Қазақстан Республикасының азаматтары шекаралық аймақтағы тұрақты тұратын жеріне Қазақстан Республикасы азаматының паспорты мен Қазақстан Республикасына қайтып оралғаны туралы куәлік бойынша келеді.",
        ru: "Граждане Республики Казахстан, возвращающиеся из-за границы к месту постоянного жительства в пограничной зоне, следуют по паспорту гражданина Республики Казахстан и свидетельству о возвращении в Республику Казахстан.",
        en: "Citizens of Kazakhstan returning from abroad to their permanent residence in the border zone travel on their passport and the certificate of return to Kazakhstan.",
      },
    },
    {
      kind: "EXEMPTION",
      id: "EX_STUDENT_RETURNING",
      clauses: ["Z p.5"],
      when: { citizenships: ["KZ"], purposes: ["STUDENT_RETURNING_HOME"] },
      requires: [["STUDENT_DOCUMENT"], ["LOCAL_EXEC_CERTIFICATE"]],
      explanation: {
        kk: "Оқуға кеткенге дейін шекаралық аймақтағы немесе белдеудегі елді мекенде тұрған оқушылар мен студенттер оқу орнының құжаты және оқуға кеткенін растайтын жергілікті атқарушы органның анықтамасы бойынша келеді.",
        ru: "Учащиеся и студенты, проживавшие до отъезда на учёбу в населённом пункте пограничной зоны или полосы, приезжают по документам учебного заведения и справке местного исполнительного органа об убытии на учёбу.",
        en: "Students who lived in a settlement of the border zone or strip before leaving to study come back on their educational institution's document and the local executive body's certificate that they left to study.",
      },
    },
    {
      kind: "EXEMPTION",
      id: "EX_CHILDREN_HEALTH_CAMP",
      clauses: ["Z p.15"],
      when: { citizenships: ["KZ"], purposes: ["CHILDREN_HEALTH_CAMP"], accompanied: true },
      requires: [["VOUCHER"]],
      explanation: {
        kk: "Шекаралық аймақтағы балалар сауықтыру мекемелеріне ұйымдасқан түрде, рұқсаттамасы немесе іссапар құжаты бар адамның басшылығымен келе жатқан балалар рұқсаттамасыз жіберіледі.",
        ru: "Дети, следующие в детские оздоровительные учреждения пограничной зоны организованно, под руководством лиц, имеющих пропуск или командировочный документ, допускаются без пропуска.",
        en: "Children going in an organized group to a children's health institution in the border zone, led by a person holding a pass or travel document, are admitted without a pass.",
      },
    },
    {
      kind: "EXEMPTION",
      id: "EX_PARENT_VISITING_CAMP",
      clauses: ["Z p.15"],
      when: { citizenships: ["KZ"], purposes: ["PARENT_VISITING_CAMP"] },
      requires: [[...IDENTITY], ["VOUCHER_ISSUER_CERTIFICATE"]],
      explanation: {
        kk: "Осы мекемелердегі балаларына келетін ата-аналар жеке басын куәландыратын құжаттары мен жолдама берген кәсіпорынның, мекеменің немесе ұйымның анықтамасы бойынша жіберіледі.",
        ru: "Родители, навещающие детей в этих учреждениях, допускаются по документам, удостоверяющим личность, и справке предприятия, учреждения или организации, выдавшей путёвку.",
        en: "Parents visiting their children at such institutions are admitted on their identity document and a certificate of the organization that issued the voucher.",
      },
    },
    {
      kind: "EXEMPTION",
      id: "EX_RELATIVE_ILL_OR_DYING",
      clauses: ["Z p.16"],
      when: { citizenships: ["KZ"], purposes: ["RELATIVE_ILL_OR_DYING"] },
      requires: [[...IDENTITY], ["TELEGRAM"]],
      explanation: {
        kk: "Ауыр науқас немесе қайтыс болып жатқан туысқанына бара жатқан азаматтар жеке басын куәландыратын құжаттары мен емдеу мекемесі растаған жеделхат (анықтама) бойынша жіберіледі.",
        ru: "Граждане, следующие к тяжелобольному или умирающему родственнику, допускаются по документам, удостоверяющим личность, и телеграмме (справке), заверенной лечебным учреждением.",
        en: "Citizens going to a seriously ill or dying relative are admitted on their identity document and a telegram or certificate confirmed by the medical institution.",
      },
    },
    {
      kind: "EXEMPTION",
      id: "EX_RELATIVE_FUNERAL",
      clauses: ["Z p.16"],
      when: { citizenships: ["KZ"], purposes: ["RELATIVE_FUNERAL"] },
      requires: [[...IDENTITY], ["LOCAL_EXEC_CERTIFICATE"]],
      explanation: {
        kk: "Туысқанын жерлеуге бара жатқан азаматтар жеке басын куәландыратын құжаттары мен жергілікті атқарушы органның анықтамасы бойынша жіберіледі.",
        ru: "Граждане, следующие на похороны родственника, допускаются по документам, удостоверяющим личность, и справке местного исполнительного органа.",
        en: "Citizens going to a relative's funeral are admitted on their identity document and a certificate of the local executive body.",
      },
    },
    {
      kind: "EXEMPTION",
      id: "EX_VISIT_RELATIVES",
      clauses: ["Z p.17"],
      when: { citizenships: ["KZ"], purposes: ["VISIT_RELATIVES"] },
      requires: [[...IDENTITY], ["CERTIFIED_INVITATION", "TELEGRAM"]],
      explanation: {
        kk: "Шекаралық аймақта тұратын туысқандары мен таныстарына бара жатқан Қазақстан Республикасының азаматтары, соның ішінде шетелде тұрақты тұратындары, және олардың отбасы мүшелері жеке басын куәландыратын құжаттары мен жергілікті атқарушы орган растаған шақыру немесе жеделхат бойынша келеді.",
        ru: "Граждане Республики Казахстан, в том числе постоянно проживающие за границей, и члены их семей, следующие к родственникам или знакомым в пограничной зоне, въезжают по документам, удостоверяющим личность, и приглашению или телеграмме, заверенным местным исполнительным органом.",
        en: "Citizens of Kazakhstan, including those living abroad, and their family members visiting relatives or acquaintances in the border zone travel on their identity document and an invitation or telegram certified by the local executive body.",
      },
    },
    {
      kind: "EXEMPTION",
      id: "EX_BUSINESS_TRIP",
      clauses: ["Z p.5"],
      when: { citizenships: ["KZ", "CIS"], purposes: ["BUSINESS_TRIP"] },
      requires: [[...IDENTITY], ["TRAVEL_CERTIFICATE"]],
      explanation: {
        kk: "Қызмет бабындағы іссапарға бара жатқан Қазақстан Республикасы мен ТМД мемлекеттерінің азаматтары жеке басын куәландыратын құжаттары болған жағдайда іссапар куәліктері бойынша келеді.",
        ru: "Граждане Республики Казахстан и государств СНГ, следующие в служебную командировку, въезжают по командировочным удостоверениям при наличии документов, удостоверяющих личность.",
        en: "Citizens of Kazakhstan and CIS states on an official business trip enter on their travel certificate together with their identity document.",
      },
    },
    {
      kind: "EXEMPTION",
      id: "EX_HEALTH_RESORT",
      clauses: ["Z p.5"],
      when: { citizenships: ["KZ", "CIS"], purposes: ["HEALTH_RESORT"] },
      requires: [[...IDENTITY], ["VOUCHER"]],
      explanation: {
        kk: "Ауруханаларға, санаторийлерге, демалыс үйлеріне, пансионаттарға және басқа емдеу-сауықтыру мекемелеріне бара жатқан Қазақстан Республикасы мен ТМД мемлекеттерінің азаматтары жеке басын куәландыратын құжаттары болған жағдайда жолдамалары бойынша келеді.",
        ru: "Граждане Республики Казахстан и государств СНГ, следующие в больницы, санатории, дома отдыха, пансионаты и другие лечебно-оздоровительные учреждения, въезжают по путёвкам при наличии документов, удостоверяющих личность.",
        en: "Citizens of Kazakhstan and CIS states going to hospitals, sanatoriums, rest homes, boarding houses or other health institutions enter on their voucher together with their identity document.",
      },
    },
    {
      kind: "EXEMPTION",
      id: "EX_ZONE_INSTITUTION",
      clauses: ["Z p.19"],
      when: { citizenships: ["KZ"], purposes: ["ZONE_INSTITUTION"] },
      requires: [[...IDENTITY], ["RESIDENCE_PROOF"]],
      explanation: {
        kk: "Шекаралық аймақтан тыс тұратын, аймақта орналасқан әкімшілік орталықтар, мектептер, ауруханалар, кәсіпорындар мен шаруашылықтар қызмет көрсететін азаматтар (мекендер тізбесін облыстық органдар шекара әскерлерімен келісіп белгілейді) жеке басын және тұратын жерін куәландыратын құжаттары бойынша келеді.",
        ru: "Граждане, проживающие вне пограничной зоны, которых обслуживают расположенные в зоне административные центры, школы, больницы, предприятия и хозяйства (перечень устанавливают областные органы по согласованию с пограничными войсками), въезжают по документам, удостоверяющим личность и место жительства.",
        en: "People living outside the border zone who are served by administrative centres, schools, hospitals, enterprises or farms located in it (places listed by the regional authorities in agreement with the border troops) enter on documents proving their identity and residence.",
      },
    },
    {
      kind: "EXEMPTION",
      id: "EX_WAR_VETERAN",
      clauses: ["Z p.16"],
      when: { citizenships: ["KZ"], statuses: ["WAR_VETERAN_OR_EQUAL"] },
      requires: [[...IDENTITY], ["VETERAN_CERTIFICATE"]],
      explanation: {
        kk: "Ұлы Отан соғысына қатысушылар және жеңілдіктері бойынша соларға теңестірілген адамдар қатарындағы мүгедектер жеке басын куәландыратын құжаттары мен соғысқа қатысушының куәлігі (жеңілдікке құқығы және мүгедектігі туралы құжаттар) бойынша жіберіледі.",
        ru: "Участники Великой Отечественной войны и инвалиды из числа лиц, приравненных к ним по льготам, допускаются по документам, удостоверяющим личность, и удостоверению участника войны (документам о праве на льготы и об инвалидности).",
        en: "Participants of the Great Patriotic War and disabled persons equal to them in benefits are admitted on their identity document and the participant's certificate (documents on the right to benefits and on disability).",
      },
    },
    {
      kind: "EXEMPTION",
      id: "EX_CHILD_ACCOMPANIED",
      clauses: ["Z p.9"],
      when: { citizenships: ["KZ", "CIS"], underAgeYears: 16, accompanied: true },
      requires: [["BIRTH_CERTIFICATE", "ID_CARD", "PASSPORT"]],
      flag: "WRITTEN_INTO_ACCOMPANYING_PASS",
      explanation: {
        kk: "Ата-анасымен немесе ертіп жүрген адаммен келе жатқан 16 жасқа дейінгі балаға жеке рұқсаттама қажет емес: ол туралы мәліметтер сол адамның рұқсаттамасына жазылады.",
        ru: "Ребёнку до 16 лет, следующему с родителями или сопровождающим лицом, отдельный пропуск не нужен: сведения о нём вписываются в пропуск этого лица.",
        en: "A child under 16 travelling with a parent or accompanying person needs no pass of their own: the child's name and age are written into that person's pass.",
      },
    },
    {
      kind: "EXEMPTION",
      id: "EX_CHILD_RETURNING_ALONE",
      clauses: ["Z p.9"],
      when: { citizenships: ["KZ"], underAgeYears: 16, residesInZone: true, accompanied: false },
      requires: [["BIRTH_CERTIFICATE", "LOCAL_EXEC_CERTIFICATE"]],
      explanation: {
        kk: "Шекаралық аймақтың тұрғыны болып табылатын, ата-анасыз (қамқоршысыз) оралып келе жатқан балалар туу туралы куәлігі, ал ол болмаса шекаралық аймақта тұрақты тұратынын дәлелдейтін жергілікті атқарушы органның анықтамасы бойынша келеді.",
        ru: "Дети, проживающие в пограничной зоне и возвращающиеся без родителей (опекунов), въезжают по свидетельству о рождении, а при его отсутствии — по справке местного исполнительного органа о постоянном проживании в пограничной зоне.",
        en: "A child living in the border zone who returns without parents or guardian enters on the birth certificate or, without one, a certificate of the local executive body confirming permanent residence in the zone.",
      },
    },
    {
      kind: "EXEMPTION",
      id: "EX_PERMANENT_RESIDENT",
      clauses: ["Z p.5", "Z p.25"],
      when: { citizenships: ["KZ", "CIS"], residesInZone: true },
      requires: [[...IDENTITY], ["RESIDENCE_STAMP"]],
      explanation: {
        kk: "Шекаралық аймақта тұрақты тұратын азаматтар шекаралық облыстар аумағындағы бүкіл шекаралық аймақ шеңберінде ішкі істер органдарының рұқсатынсыз және рұқсаттамасыз жүре алады; олардың жеке куәліктеріне ішкі істер органының мөртаңбасы соғылады.",
        ru: "Граждане, постоянно проживающие в пограничной зоне, передвигаются в пределах всей пограничной зоны пограничных областей без разрешения органов внутренних дел и без пропуска; в их удостоверения личности ставится штамп органа внутренних дел.",
        en: "Citizens permanently living in the border zone move within the whole border zone of the border regions without the permission of internal affairs bodies and without a pass; their identity card carries the internal affairs body's stamp.",
      },
    },
    // ---- Who issues: first matching rule
    {
      kind: "PASS",
      id: "PERMIT_FOREIGNER",
      clauses: ["Z p.17"],
      when: { citizenships: ["FOREIGN", "STATELESS"] },
      outcome: "PERMIT_REQUIRED",
      issuer: "IAB_OF_RESIDENCE_WITH_NSC_AGREEMENT",
      documents: [["PASSPORT"]],
      explanation: {
        kk: "Қазақстан Республикасында тұрақты тұратын немесе уақытша келген шетел азаматтары мен азаматтығы жоқ адамдарға шекаралық аймаққа келуге және онда болуға рұқсатты барлық жағдайда Ұлттық қауіпсіздік комитетімен келісім бойынша ішкі істер органдары береді.",
        ru: "Иностранным гражданам и лицам без гражданства, постоянно проживающим в Республике Казахстан или временно прибывшим, разрешение на въезд и пребывание в пограничной зоне во всех случаях выдают органы внутренних дел по согласованию с Комитетом национальной безопасности.",
        en: "Foreign citizens and stateless persons, whether living in Kazakhstan or visiting, need in every case a permit issued by the internal affairs body in agreement with the National Security Committee.",
      },
    },
    {
      kind: "PASS",
      id: "PASS_RELEASED_FROM_CUSTODY",
      clauses: ["Z p.22"],
      when: { citizenships: ["KZ", "CIS"], purposes: ["RELEASED_FROM_CUSTODY"] },
      outcome: "PASS_REQUIRED",
      issuer: "IAB_AT_INSTITUTION",
      documents: [["ID_CARD", "PASSPORT"]],
      explanation: {
        kk: "Еңбекпен түзеу мекемелерінен босатылған адамдарға рұқсаттаманы мекеме әкімшілігінің өтініші негізінде осы мекеме орналасқан жердегі ішкі істер органы береді.",
        ru: "Лицам, освобождённым из исправительно-трудовых учреждений, пропуск выдаёт орган внутренних дел по месту нахождения учреждения на основании ходатайства его администрации.",
        en: "A person released from a correctional institution gets the pass from the internal affairs body where the institution is located, on the administration's petition.",
      },
    },
    {
      kind: "PASS",
      id: "PASS_CIS_RESIDENT",
      clauses: ["Z p.6"],
      when: { citizenships: ["CIS"] },
      outcome: "PASS_REQUIRED",
      issuer: "IAB_OF_CIS_RESIDENCE",
      documents: [["PASSPORT", "ID_CARD"]],
      explanation: {
        kk: "Басқа ТМД мемлекеттерінің тұрғындары, егер халықаралық шарттармен және келісімдермен өзгеше көзделмесе, шекаралық аймаққа жеке арызы мен оның негізділігін растайтын құжаттар негізінде тұрақты мекені бойынша ішкі істер органы беретін рұқсаттама бойынша келеді.",
        ru: "Жители других государств СНГ, если иное не предусмотрено международными договорами и соглашениями, въезжают в пограничную зону по пропускам, выдаваемым органом внутренних дел по месту постоянного жительства на основании личного заявления и подтверждающих документов.",
        en: "Residents of other CIS states, unless an international treaty provides otherwise, enter the border zone on a pass issued by the internal affairs body at their permanent residence on their personal application and supporting documents.",
      },
    },
    {
      kind: "PASS",
      id: "PASS_CITIZEN",
      clauses: ["Z p.5", "Z p.7", "Z p.8"],
      when: { citizenships: ["KZ"] },
      outcome: "PASS_REQUIRED",
      issuer: "IAB_OF_RESIDENCE",
      documents: [["ID_CARD", "PASSPORT", "BIRTH_CERTIFICATE", "MILITARY_ID"]],
      explanation: {
        kk: "Қазақстан Республикасының азаматтары шекаралық аймаққа тұрақты мекеніндегі ішкі істер органы жеке арызы немесе өтініш хат пен оларды растайтын құжаттар негізінде беретін рұқсаттама бойынша келеді.",
        ru: "Граждане Республики Казахстан въезжают в пограничную зону по пропуску, который выдаёт орган внутренних дел по месту постоянного жительства на основании личного заявления или ходатайства и подтверждающих документов.",
        en: "Citizens of Kazakhstan enter the border zone on a pass issued by the internal affairs body at their permanent residence, on a personal application or petition with documents confirming it.",
      },
    },
    // ---- What to submit with the application: first matching rule
    {
      kind: "SUPPORTING_DOCUMENTS",
      id: "SUP_RELEASE_PETITION",
      clauses: ["Z p.22"],
      when: { purposes: ["RELEASED_FROM_CUSTODY"] },
      documents: [["INSTITUTION_PETITION"]],
      explanation: {
        kk: "Мекеме әкімшілігі өтінішке сотталғаны туралы (қашан, қай жерде, қандай бап бойынша), неге байланысты босатылғаны, сотталғанға дейін шекаралық аймақта тұрған-тұрмағаны, онда отбасы мен туысқандары бар-жоғы туралы мәліметтерді және өз пікірін қосады.",
        ru: "Администрация учреждения указывает в ходатайстве, когда, где и по какой статье лицо осуждено, основание освобождения, проживало ли оно в пограничной зоне до осуждения, есть ли там семья и родственники, и своё мнение.",
        en: "The institution's administration states in the petition when, where and under which article the person was convicted, the grounds of release, whether the person lived in the zone before conviction and has family there, and its opinion.",
      },
    },
    {
      kind: "SUPPORTING_DOCUMENTS",
      id: "SUP_GROUP_LIST",
      clauses: ["Z p.10", "Z p.27"],
      when: { purposes: ["GROUP_WORK"] },
      documents: [["EMPLOYER_PETITION"], ["GROUP_LIST"]],
      explanation: {
        kk: "Топқа рұқсаттама жетекшіге берілуі мүмкін; кәсіпорын басшысы өтініш хат пен ұйымның мөрімен бекітіліп, лауазымды адамның қолымен расталған топ тізімін тапсырады.",
        ru: "Группе пропуск может выдаваться руководителю; руководитель предприятия подаёт ходатайство и список группы, заверенный печатью организации и подписью должностного лица.",
        en: "A group may get one pass issued to its leader; the head of the enterprise submits a petition and the list of members certified by the organization's seal and an official's signature.",
      },
    },
    {
      kind: "SUPPORTING_DOCUMENTS",
      id: "SUP_EMPLOYER_PETITION",
      clauses: ["Z p.27"],
      when: { purposes: ["WORK"] },
      documents: [["EMPLOYER_PETITION"]],
      explanation: {
        kk: "Кәсіпорын басшысы жұмысшылардың тұратын жеріндегі ішкі істер органына әрқайсысының аты-жөні, туған жылы, мекен-жайы, паспорт деректері, баратын елді мекені және шығу мерзімі көрсетілген жазбаша өтініш хат тапсырады.",
        ru: "Руководитель предприятия подаёт в орган внутренних дел по месту жительства работников письменное ходатайство с фамилией, годом рождения, адресом, паспортными данными каждого, пунктом назначения и сроками выезда.",
        en: "The head of the enterprise submits to the internal affairs body at the workers' residence a written petition giving each worker's name, year of birth, address, passport details, destination and departure dates.",
      },
    },
    {
      kind: "SUPPORTING_DOCUMENTS",
      id: "SUP_RELATIVES",
      clauses: ["Z p.26"],
      when: {
        purposes: ["VISIT_RELATIVES", "PERIODIC_PERSONAL", "RELATIVE_ILL_OR_DYING", "RELATIVE_FUNERAL"],
      },
      documents: [["APPLICATION"], ["LOCAL_EXEC_CERTIFICATE"]],
      explanation: {
        kk: "Арызға туысқандарының сол жерде тұратыны туралы жергілікті атқарушы органның немесе тұрғын үй ұйымының анықтамасы қоса беріледі.",
        ru: "К заявлению прилагается справка местного исполнительного органа или жилищной организации о проживании там родственников.",
        en: "The application comes with a certificate of the local executive body or housing organization that the relatives live there.",
      },
    },
    {
      kind: "SUPPORTING_DOCUMENTS",
      id: "SUP_STUDY",
      clauses: ["Z p.26"],
      when: { purposes: ["STUDY"] },
      documents: [["APPLICATION"], ["STUDY_INVITATION"]],
      explanation: {
        kk: "Арызға оқуға шақыру қоса беріледі.",
        ru: "К заявлению прилагается приглашение на учёбу.",
        en: "The application comes with the invitation to study.",
      },
    },
    {
      kind: "SUPPORTING_DOCUMENTS",
      id: "SUP_MILITARY",
      clauses: ["Z p.26"],
      when: { purposes: ["SERVICE_DUTY", "DISCHARGED_RETURNING", "CONSCRIPT"] },
      documents: [["APPLICATION"], ["UNIT_COMMANDER_CERTIFICATE"]],
      explanation: {
        kk: "Арызға әскери бөлім бастығының анықтамасы қоса беріледі.",
        ru: "К заявлению прилагается справка командира воинской части.",
        en: "The application comes with a certificate of the military unit's commander.",
      },
    },
    {
      kind: "SUPPORTING_DOCUMENTS",
      id: "SUP_BUSINESS",
      clauses: ["Z p.26"],
      when: { purposes: ["BUSINESS_TRIP", "PERIODIC_BUSINESS", "TRANSPORT_DUTY", "SPECIAL_WORKS"] },
      documents: [["APPLICATION"], ["EMPLOYER_INVITATION"]],
      explanation: {
        kk: "Арызға кәсіпорын, мекеме немесе ұйым әкімшілігінің шақыруы қоса беріледі.",
        ru: "К заявлению прилагается приглашение администрации предприятия, учреждения или организации.",
        en: "The application comes with an invitation from the administration of the enterprise, institution or organization.",
      },
    },
    {
      kind: "SUPPORTING_DOCUMENTS",
      id: "SUP_APPLICATION",
      clauses: ["Z p.26"],
      documents: [["APPLICATION"]],
      explanation: {
        kk: "Жазбаша арыз (№ 2 қосымша) сапардың мақсатын растайтын құжаттармен бірге беріледі.",
        ru: "Письменное заявление (приложение № 2) подаётся вместе с документами, подтверждающими цель поездки.",
        en: "The written application (Appendix 2) is submitted with documents confirming the purpose of the trip.",
      },
    },
    // ---- When to apply: first matching rule
    {
      kind: "LEAD_TIME",
      id: "LEAD_RELEASE_PETITION",
      clauses: ["Z p.22"],
      when: { purposes: ["RELEASED_FROM_CUSTODY"] },
      days: 5,
      explanation: {
        kk: "Мекеме әкімшілігі өтінішті босатуға бес күн қалғанда тапсырады; босату күні шығу күні болып есептеледі.",
        ru: "Администрация учреждения подаёт ходатайство за пять дней до освобождения; днём выезда считается день освобождения.",
        en: "The administration submits the petition five days before release; the release date counts as the departure date.",
      },
    },
    {
      kind: "LEAD_TIME",
      id: "LEAD_STRIP_GROUP_LIST",
      clauses: ["Z p.27"],
      when: { purposes: ["GROUP_WORK"], inStrip: true },
      days: 30,
      explanation: {
        kk: "Шекаралық белдеуде жұмыс істеуге жіберілетін топтың тізімі жүрерден 30 күн бұрын 5 данада жіберіледі, тізімдегі әр адам ұлттық қауіпсіздік органының аумақтық бөлімшесінің есебі бойынша тексеріледі.",
        ru: "Список группы, направляемой на работу в пограничную полосу, направляется за 30 дней до выезда в пяти экземплярах; каждый в списке проверяется по учётам территориального органа национальной безопасности.",
        en: "The list of a group sent to work in the border strip goes 30 days before departure in five copies, and everyone on it is checked against the records of the national security body's territorial unit.",
      },
    },
    {
      kind: "LEAD_TIME",
      id: "LEAD_EMPLOYER_PETITION",
      clauses: ["Z p.27"],
      when: { purposes: ["WORK", "GROUP_WORK"] },
      days: 10,
      explanation: {
        kk: "Жұмыс берушінің өтініш хаты шығудан 10 күн бұрын тапсырылады.",
        ru: "Ходатайство работодателя подаётся за 10 дней до выезда.",
        en: "The employer's petition is submitted 10 days before departure.",
      },
    },
    {
      kind: "LEAD_TIME",
      id: "LEAD_APPLICATION",
      clauses: ["Z p.26"],
      days: 10,
      explanation: {
        kk: "Арыз шығардан кем дегенде 10 күн бұрын тұратын жеріндегі ішкі істер органына беріледі.",
        ru: "Заявление подаётся в орган внутренних дел по месту жительства не менее чем за 10 дней до выезда.",
        en: "The application is submitted to the internal affairs body at the place of residence at least 10 days before departure.",
      },
    },
    // ---- How long the pass is valid: first matching rule
    {
      kind: "VALIDITY",
      id: "VAL_PERMANENT_RESIDENCE",
      clauses: ["Z p.21", "Z p.34"],
      when: { purposes: ["PERMANENT_RESIDENCE"] },
      limit: { days: PERMANENT_RESIDENCE_ARRIVAL_DAYS },
      capByStay: false,
      explanation: {
        kk: "Тұрақты тұруға келетіндерге рұқсаттама тұратын жеріне келуі үшін қажетті мерзімге беріледі; жүйе ең көбі 30 күн деп есептейді.",
        ru: "Прибывающим на постоянное жительство пропуск выдаётся на срок, необходимый для прибытия к месту жительства; система принимает не более 30 дней.",
        en: "For permanent residence the pass is valid for the time needed to reach the place of residence; the system allows at most 30 days.",
      },
    },
    {
      kind: "VALIDITY",
      id: "VAL_PERIODIC_BUSINESS",
      clauses: ["Z p.21"],
      when: { purposes: ["PERIODIC_BUSINESS"] },
      limit: { months: 12 },
      capByStay: true,
      explanation: {
        kk: "Шекаралық аймаққа қызмет бабымен жиі шығатын қызметкерлерге рұқсаттама бір жылға дейінгі мерзімге берілуі мүмкін.",
        ru: "Работникам, часто выезжающим в пограничную зону по служебным делам, пропуск может выдаваться на срок до одного года.",
        en: "Employees who often travel to the border zone on business may get a pass for up to one year.",
      },
    },
    {
      kind: "VALIDITY",
      id: "VAL_PERIODIC_PERSONAL",
      clauses: ["Z p.21"],
      when: { purposes: ["PERIODIC_PERSONAL"] },
      limit: { months: 12 },
      capByStay: true,
      explanation: {
        kk: "Туысқандарына немесе қоғамдық мәселелер бойынша шекаралық аймаққа жиі келетін азаматтарға рұқсаттама бір жылға дейінгі мерзімге берілуі мүмкін.",
        ru: "Гражданам, часто приезжающим в пограничную зону к родственникам или по общественным делам, пропуск может выдаваться на срок до одного года.",
        en: "Citizens who often come to the border zone to visit relatives or on public matters may get a pass for up to one year.",
      },
    },
    {
      kind: "VALIDITY",
      id: "VAL_TEMPORARY_STAY",
      clauses: ["Z p.21", "Z p.34"],
      limit: { months: 6 },
      capByStay: true,
      explanation: {
        kk: "Уақытша тұруға келетіндерге рұқсаттама болатын уақытқа, бірақ 6 айдан аспайтын мерзімге беріледі.",
        ru: "Прибывающим на временное пребывание пропуск выдаётся на время пребывания, но не более чем на 6 месяцев.",
        en: "For a temporary stay the pass is valid for the time of the stay, at most six months.",
      },
    },
    // ---- After arrival
    {
      kind: "REGISTRATION",
      id: "REG_ARRIVAL",
      clauses: ["Z p.18"],
      target: "ARRIVAL",
      days: 3,
      explanation: {
        kk: "Келген адам тиісті мекенге келгеннен кейін үш күн ішінде ішкі істер органында немесе жергілікті өкімет органында тіркелуге міндетті.",
        ru: "Прибывший обязан зарегистрироваться в органе внутренних дел или местном органе власти в течение трёх суток после прибытия.",
        en: "On arrival, the traveller must register with the internal affairs body or the local authority within three days.",
      },
    },
    {
      kind: "REGISTRATION",
      id: "REG_HANDOVER",
      clauses: ["Z App.1 rule 2"],
      target: "HANDOVER",
      days: 1,
      explanation: {
        kk: "Келген сәттен бастап бір тәулік ішінде рұқсаттама мен құжатты тіркеуге жауапты адамға (үй басқарушысына, жатақхана комендантына, мейманхана, санаторий, демалыс үйі әкімшілігіне) тапсыру керек.",
        ru: "В течение суток с момента прибытия пропуск и документ нужно сдать лицу, ответственному за регистрацию (управдому, коменданту общежития, администрации гостиницы, санатория, дома отдыха).",
        en: "Within one day of arrival, hand the pass and identity document to the person responsible for registration (house manager, hostel commandant, hotel, sanatorium or rest-home administration).",
      },
    },
    // ---- Notices that add a flag
    {
      kind: "NOTICE",
      id: "NOTE_SPECIAL_WORKS",
      clauses: ["Z p.28"],
      when: { purposes: ["SPECIAL_WORKS"] },
      flag: "SPECIAL_WORKS_PERMISSION",
      explanation: {
        kk: "Ұшу, аэрофотосуретке түсіру, геодезиялық және топографиялық жұмыстарға Қорғаныс министрлігінің рұқсаты (белдеуде шекара әскерлерімен келісім де), ал іздестіру, шекаралық суаттардың су режимін өзгертетін жұмыстар мен жерді кинофотосуретке түсіруге шекара әскерлерінің рұқсаты қажет.",
        ru: "Полёты, аэрофотосъёмка, геодезические и топографические работы требуют разрешения Министерства обороны (в полосе — и согласования с пограничными войсками), а изыскания, работы, меняющие водный режим пограничных водоёмов, и кино- и фотосъёмка местности — разрешения пограничных войск.",
        en: "Flights, aerial photography, geodetic and topographic works need the permission of the Ministry of Defence (in the strip also the border troops' agreement); surveys, works changing the water regime of border waters and filming of terrain need the border troops' permission.",
      },
    },
    {
      kind: "NOTICE",
      id: "NOTE_GROUP_PASS",
      clauses: ["Z p.10"],
      when: { purposes: ["GROUP_WORK", "TOURISM"] },
      flag: "GROUP_PASS_POSSIBLE",
      explanation: {
        kk: "Топқа (ауыл шаруашылығы, кәсіпшілік, мал айдау, құрылыс, іздестіру жұмыстары, туристер, әртістер) бір рұқсаттама жетекшіге берілуі мүмкін, мүшелері бекітілген тізім бойынша көрсетіледі.",
        ru: "Группе (сельхозработы, промысел, перегон скота, строительство, изыскания, туристы, артисты) пропуск может выдаваться руководителю, с указанием участников по заверенному списку.",
        en: "A group (farm work, fishing, herding, construction, surveys, tourists, artists) may get one pass issued to its leader, with the members on a certified list.",
      },
    },
    // ---- Where organizations' petitions go (Z p.22, p.27)
    {
      kind: "PETITION_ROUTING",
      id: "ROUTE_EMPLOYER_PETITION",
      clauses: ["Z p.27", "Z p.10"],
      petition: "EMPLOYER",
      filedWith: "IAB_OF_RESIDENCE",
      exceptionallyWith: "IAB_AT_ENTERPRISE",
      groupPass: true,
      explanation: {
        kk: "Кәсіпорын басшысы өтініш хатты жұмысшылардың тұрақты тұратын жеріндегі ішкі істер органына береді; ерекше жағдайда рұқсаттама кәсіпорын орналасқан жерде беріледі. Топқа бір рұқсаттама жетекшіге бекітілген тізіммен берілуі мүмкін.",
        ru: "Руководитель предприятия подаёт ходатайство в орган внутренних дел по месту постоянного жительства работников; в исключительных случаях пропуск выдаётся по месту нахождения предприятия. Группе пропуск может выдаваться руководителю с заверенным списком.",
        en: "The head of the enterprise files the petition with the internal affairs body at the workers' permanent residence; exceptionally the pass is issued where the enterprise is located. A group may get one pass issued to its leader with the certified list.",
      },
    },
    {
      kind: "PETITION_ROUTING",
      id: "ROUTE_STRIP_LIST",
      clauses: ["Z p.27"],
      petition: "STRIP_LIST",
      filedWith: "IAB_OF_RESIDENCE",
      exceptionallyWith: "IAB_AT_ENTERPRISE",
      checkedBy: "NSC_TERRITORIAL",
      copies: [
        { holder: "GROUP_LEADER", certified: true, withResults: false },
        { holder: "IAB", certified: false, withResults: false },
        { holder: "NSC", certified: false, withResults: true },
        { holder: "NSC", certified: false, withResults: false },
        { holder: "NSC", certified: false, withResults: false },
      ],
      groupPass: true,
      explanation: {
        kk: "Шекаралық белдеуде жұмыс істейтін топтың тізімі 5 данада жіберіледі, әр адам ҰҚК аумақтық органының есебі бойынша тексеріледі. 1-данасы рұқсаттамаға қол қоюға құқығы бар адамның қолымен және паспорт-виза мөрімен бекітіліп топ жетекшісіне беріледі, 2-данасы ІІО-да қалады, 3–5-даналары ҰҚК жергілікті органына жіберіледі, олардың біреуі тексеру нәтижелерімен.",
        ru: "Список группы, работающей в пограничной полосе, направляется в 5 экземплярах, каждый проверяется по учётам территориального органа КНБ. 1-й экземпляр, заверенный подписью лица, имеющего право подписи пропусков, и печатью паспортно-визового подразделения, выдаётся руководителю группы, 2-й остаётся в ОВД, 3–5-й направляются в местный орган КНБ, один из них — с результатами проверки.",
        en: "The list of a group working in the border strip goes in 5 copies and every person is checked against the records of the NSC territorial body. Copy 1, certified by the person entitled to sign passes with the passport-visa seal, goes to the group leader; copy 2 stays with the IAB; copies 3–5 go to the local NSC body, one of them with the check results.",
      },
    },
    {
      kind: "PETITION_ROUTING",
      id: "ROUTE_RELEASE_PETITION",
      clauses: ["Z p.22"],
      petition: "RELEASE",
      filedWith: "IAB_AT_INSTITUTION",
      groupPass: false,
      explanation: {
        kk: "Түзеу мекемесінің әкімшілігі өтінішті мекеме орналасқан жердегі ішкі істер органына береді; сол орган шешім қабылдап, рұқсаттама береді.",
        ru: "Администрация исправительного учреждения подаёт ходатайство в орган внутренних дел по месту нахождения учреждения; этот орган решает вопрос и выдаёт пропуск.",
        en: "The correctional institution's administration files the petition with the internal affairs body where the institution is located; that body decides and issues the pass.",
      },
    },
    {
      kind: "LATE_APPLICATION",
      id: "LATE_APPLICATION",
      clauses: ["Z p.7"],
      explanation: {
        kk: "Өтініш беру мерзімі өтіп кетті: кешіккен арыз тек ерекше себеппен (ауру, туысқанының қайтыс болуы т.с.с.) қабылданады және белгіленеді.",
        ru: "Срок подачи пропущен: запоздавшее заявление принимается только по исключительной причине (болезнь, смерть родственника и т. п.) и отмечается.",
        en: "The deadline to apply has passed: a late application is accepted only for an exceptional reason (illness, death of a relative and the like) and is flagged.",
      },
    },
  ],
};
