import { reasonAtField } from "./field-message.js";
import { interpolate, type Lang, type Translated } from "./i18n.js";

/** A message parameter: a plain value, or a text in every language. */
export type ErrorParam = string | number | Translated;

/**
 * The one error vocabulary of Shekara. Codes are stable (clients key on them);
 * the kind decides the HTTP status at the edge; messages exist in kk/ru/en.
 */
export type ErrorKind =
  | "invalid"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "too_large"
  | "rate_limited"
  | "unavailable"
  | "internal";

interface ErrorDef {
  kind: ErrorKind;
  message: Translated;
  /** Parameters a caller may leave out, and what the message then shows for them. */
  defaults?: Record<string, ErrorParam>;
}

/** Every error code the system can answer with, and its translated message. */
export const ERROR_CATALOG = {
  VALIDATION_FAILED: {
    kind: "invalid",
    message: {
      kk: "Деректер дұрыс емес: {detail}",
      ru: "Неверные данные: {detail}",
      en: "Invalid data: {detail}",
    },
  },
  MALFORMED_JSON: {
    kind: "invalid",
    message: {
      kk: "Сұраныс денесі дұрыс JSON емес.",
      ru: "Тело запроса не является корректным JSON.",
      en: "The request body is not valid JSON.",
    },
  },
  UNSUPPORTED_MEDIA_TYPE: {
    kind: "invalid",
    message: {
      kk: "Бұл мазмұн түрі қабылданбайды: {type}",
      ru: "Этот тип содержимого не поддерживается: {type}",
      en: "This content type is not supported: {type}",
    },
  },
  BODY_TOO_LARGE: {
    kind: "too_large",
    message: {
      kk: "Сұраныс тым үлкен (ең көбі {limit} байт).",
      ru: "Запрос слишком большой (не более {limit} байт).",
      en: "The request is too large (at most {limit} bytes).",
    },
  },
  NOT_FOUND: {
    kind: "not_found",
    message: {
      kk: "Сұралған нысан табылмады.",
      ru: "Запрошенный объект не найден.",
      en: "The requested object was not found.",
    },
  },
  ROUTE_NOT_FOUND: {
    kind: "not_found",
    message: {
      kk: "Мұндай мекенжай жоқ: {method} {url}",
      ru: "Такого адреса нет: {method} {url}",
      en: "No such address: {method} {url}",
    },
  },
  UNAUTHENTICATED: {
    kind: "unauthenticated",
    message: {
      kk: "Жүйеге кіру қажет.",
      ru: "Необходимо войти в систему.",
      en: "You need to sign in.",
    },
  },
  INVALID_CREDENTIALS: {
    kind: "unauthenticated",
    message: {
      kk: "Логин немесе құпиясөз қате.",
      ru: "Неверный логин или пароль.",
      en: "Wrong login or password.",
    },
  },
  FORBIDDEN: {
    kind: "forbidden",
    message: {
      kk: "Бұл әрекетке рұқсатыңыз жоқ.",
      ru: "У вас нет права на это действие.",
      en: "You are not allowed to do this.",
    },
  },
  TOO_MANY_ATTEMPTS: {
    kind: "rate_limited",
    message: {
      kk: "Әрекет тым көп. {seconds} секундтан кейін қайталаңыз.",
      ru: "Слишком много попыток. Повторите через {seconds} с.",
      en: "Too many attempts. Try again in {seconds} s.",
    },
  },
  ALREADY_EXISTS: {
    kind: "conflict",
    message: {
      kk: "Мұндай жазба бар: {what}",
      ru: "Такая запись уже существует: {what}",
      en: "Such a record already exists: {what}",
    },
  },
  DATABASE_UNAVAILABLE: {
    kind: "unavailable",
    message: {
      kk: "Дерекқор қолжетімсіз. Кейінірек қайталаңыз.",
      ru: "База данных недоступна. Повторите позже.",
      en: "The database is unavailable. Try again later.",
    },
  },
  MIGRATIONS_PENDING: {
    kind: "unavailable",
    message: {
      kk: "Дерекқор жаңартылмаған: {applied}/{expected} көшіру орындалды.",
      ru: "База данных не обновлена: применено миграций {applied} из {expected}.",
      en: "The database is not up to date: {applied} of {expected} migrations applied.",
    },
  },
  IMPORT_REJECTED: {
    kind: "invalid",
    message: {
      kk: "Импорт қабылданбады: {count} жолда қате, ештеңе жазылған жоқ. Біріншісі: {first}",
      ru: "Импорт отклонён: ошибки в строках ({count}), ничего не записано. Первая: {first}",
      en: "Import rejected: {count} problem(s), nothing was written. First: {first}",
    },
  },
  RULE_VERSION_NOT_NEXT: {
    kind: "conflict",
    message: {
      kk: "Ережелердің жаңа нұсқасы {expected} болуы керек.",
      ru: "Новая версия правил должна иметь номер {expected}.",
      en: "The new rule-set version must be {expected}.",
    },
  },
  TOTP_CODE_INVALID: {
    kind: "invalid",
    message: {
      kk: "Растау коды қате немесе мерзімі өткен.",
      ru: "Неверный или устаревший код подтверждения.",
      en: "The authenticator code is wrong or has expired.",
    },
  },
  TOTP_CODE_REUSED: {
    kind: "invalid",
    message: {
      kk: "Бұл код пайдаланылған. Қолданбада келесі кодты күтіңіз.",
      ru: "Этот код уже использован. Дождитесь следующего кода в приложении.",
      en: "This code has already been used. Wait for the next code in the app.",
    },
  },
  TOTP_NOT_STARTED: {
    kind: "conflict",
    message: {
      kk: "Алдымен растау қолданбасын қосуды бастаңыз.",
      ru: "Сначала начните подключение приложения-аутентификатора.",
      en: "Start the authenticator set-up first.",
    },
  },
  TOTP_ALREADY_ENROLLED: {
    kind: "conflict",
    message: {
      kk: "Растау қолданбасы бұрыннан қосылған.",
      ru: "Приложение-аутентификатор уже подключено.",
      en: "An authenticator app is already set up.",
    },
  },
  LOGIN_STEP_EXPIRED: {
    kind: "unauthenticated",
    message: {
      kk: "Кіру уақыты өтті. Логин мен құпиясөзді қайта енгізіңіз.",
      ru: "Время входа истекло. Введите логин и пароль ещё раз.",
      en: "The sign-in has expired. Enter your login and password again.",
    },
  },
  TOKEN_INVALID: {
    kind: "unauthenticated",
    message: {
      kk: "API токені жарамсыз, мерзімі өткен немесе кері қайтарылған.",
      ru: "API-токен недействителен, истёк или отозван.",
      en: "The API token is invalid, expired or revoked.",
    },
  },
  SESSION_REQUIRED: {
    kind: "forbidden",
    message: {
      kk: "Бұл әрекет тек браузердегі сеанс арқылы орындалады, API токенімен емес.",
      ru: "Это действие выполняется только в сеансе браузера, не по API-токену.",
      en: "This can only be done in a signed-in browser session, not with an API token.",
    },
  },
  ACCOUNT_NOT_CONFIRMED: {
    kind: "forbidden",
    message: {
      kk: "Тіркелгі әлі расталмаған. Жіберілген кодты енгізіңіз.",
      ru: "Учётная запись ещё не подтверждена. Введите присланный код.",
      en: "The account is not confirmed yet. Enter the code we sent you.",
    },
  },
  CONFIRMATION_CODE_INVALID: {
    kind: "invalid",
    message: {
      kk: "Растау коды қате немесе мерзімі өткен.",
      ru: "Код подтверждения неверен или истёк.",
      en: "The confirmation code is wrong or has expired.",
    },
  },
  IIN_INVALID: {
    kind: "invalid",
    message: {
      kk: "ЖСН 12 цифрдан тұрып, бақылау санына сәйкес келуі керек.",
      ru: "ИИН должен состоять из 12 цифр с верной контрольной цифрой.",
      en: "The IIN must be 12 digits with a correct check digit.",
    },
  },
  CONTACT_REQUIRED: {
    kind: "invalid",
    message: {
      kk: "Электрондық поштаны немесе телефон нөмірін көрсетіңіз (біреуін ғана).",
      ru: "Укажите электронную почту или номер телефона (что-то одно).",
      en: "Give an e-mail address or a phone number (exactly one).",
    },
  },
  CONCURRENT_CHANGE: {
    kind: "conflict",
    message: {
      kk: "Іс қатар өзгертілді. Бетті жаңартып, қайталаңыз.",
      ru: "Дело было изменено одновременно. Обновите страницу и повторите.",
      en: "The case was changed at the same time. Reload and try again.",
    },
  },
  IDEMPOTENCY_KEY_REUSED: {
    kind: "conflict",
    message: {
      kk: "Бұл Idempotency-Key басқа қадамға берілген. Жаңа қадамға жаңа кілт жіберіңіз.",
      ru: "Этот Idempotency-Key уже использован для другого шага. Для нового шага нужен новый ключ.",
      en: "This Idempotency-Key was used for another step. Send a new key for a new step.",
    },
  },
  INTERNAL: {
    kind: "internal",
    message: {
      kk: "Ішкі қате. Сұраныс нөмірі: {requestId}",
      ru: "Внутренняя ошибка. Номер запроса: {requestId}",
      en: "Internal error. Request id: {requestId}",
    },
  },
  ILLEGAL_TRANSITION: {
    kind: "conflict",
    message: {
      kk: "«{action}» әрекеті «{state}» күйінде рұқсат етілмейді ({clause}). {because}",
      ru: "Действие «{action}» недопустимо в состоянии «{state}» ({clause}). {because}",
      en: "The action “{action}” is not allowed in the state “{state}” ({clause}). {because}",
    },
    // The case machine says why (the reason's sentence); other machines name the clause only.
    defaults: { because: "" },
  },
  SCREENING_NAME_UNREADABLE: {
    kind: "invalid",
    message: {
      kk: "Аты-жөнінде әріп жоқ: тексеруге болмайды.",
      ru: "В имени нет букв: проверить невозможно.",
      en: "The name has no letters: it cannot be screened.",
    },
  },
  RECORDS_FILE_UNREADABLE: {
    kind: "invalid",
    message: {
      kk: "Тізім файлын оқу мүмкін емес: {reason}",
      ru: "Не удалось прочитать файл списка: {reason}",
      en: "The records file cannot be read: {reason}",
    },
  },
  PLAN_NOT_A_PARTY_HEAD: {
    kind: "forbidden",
    message: {
      kk: "Жоспарды тек үштік бөлімшелерінің бастықтары әзірлейді ({clause}).",
      ru: "План разрабатывают только начальники подразделений тройки ({clause}).",
      en: "Only the heads of the triad's units draft the plan ({clause}).",
    },
  },
  PLAN_NOT_HIGHER_INSTANCE: {
    kind: "forbidden",
    message: {
      kk: "Жоспарды тараптың жоғары тұрған инстанциясы ғана бекітеді ({clause}).",
      ru: "План утверждает только вышестоящая инстанция стороны ({clause}).",
      en: "Only a party's higher instance approves the plan ({clause}).",
    },
  },
  PLAN_AGREEMENTS_MISSING: {
    kind: "conflict",
    message: {
      kk: "{version}-нұсқаны барлық тарап келіспеген, жоқ: {missing} ({clause}).",
      ru: "Версию {version} согласовали не все стороны, нет: {missing} ({clause}).",
      en: "Not every party agreed version {version}; missing: {missing} ({clause}).",
    },
  },
  PLAN_NO_HIGHER_INSTANCE: {
    kind: "conflict",
    message: {
      kk: "{party} тарапының жоғары тұрған инстанциясы жоқ; жоспарды бекітуге ұсыну мүмкін емес ({clause}).",
      ru: "У стороны {party} нет вышестоящей инстанции; план нельзя представить на утверждение ({clause}).",
      en: "Party {party} has no higher instance; the plan cannot be submitted for approval ({clause}).",
    },
  },
  HANDOVER_ITEM_UNAVAILABLE: {
    kind: "conflict",
    message: {
      kk: "«{item}» тапсырушы бөлімшенің қарауында емес немесе басқа ашық актіде тұр.",
      ru: "«{item}» не находится на хранении передающего подразделения или уже в другом открытом акте.",
      en: "{item} is not in the giving unit's custody or is already in another open act.",
    },
  },
  HANDOVER_NOT_SIGNATORY: {
    kind: "forbidden",
    message: {
      kk: "Актіге тек {side} бөлімшенің қызметкері қол қояды ({clause}).",
      ru: "Акт подписывает только сотрудник {side} подразделения ({clause}).",
      en: "Only an officer of the {side} unit signs this act ({clause}).",
    },
  },
  PETITION_LATE: {
    kind: "invalid",
    message: {
      kk: "Өтініш хат мерзімінен кеш: {applyBy} күнінен кешіктірмей беру керек еді ({clause}). Ерекше себепті көрсетіңіз.",
      ru: "Ходатайство подано с опозданием: его нужно было подать не позднее {applyBy} ({clause}). Укажите исключительную причину.",
      en: "The petition is late: it was due by {applyBy} ({clause}). Give the exceptional reason.",
    },
  },
  PETITION_STEP_NOT_ALLOWED: {
    kind: "conflict",
    message: {
      kk: "Бұл қадам қазір мүмкін емес: {reason}",
      ru: "Этот шаг сейчас невозможен: {reason}",
      en: "This step is not possible now: {reason}",
    },
  },
  PETITION_FILE_UNREADABLE: {
    kind: "invalid",
    message: {
      kk: "Тізім файлын оқу мүмкін емес: {reason}",
      ru: "Не удалось прочитать файл списка: {reason}",
      en: "The list file cannot be read: {reason}",
    },
  },
  TEXT_NUL_CHARACTER: {
    kind: "invalid",
    message: {
      kk: "Мәтінде рұқсат етілмеген нөлдік таңба (U+0000) бар.",
      ru: "Текст содержит недопустимый нулевой символ (U+0000).",
      en: "The text contains the NUL character (U+0000), which is not allowed.",
    },
  },
  VALUE_REJECTED_BY_DATABASE: {
    kind: "invalid",
    message: {
      kk: "Мән дұрыс емес (күн, сан немесе мәтін пішімі). Енгізілген деректерді тексеріңіз.",
      ru: "Недопустимое значение (дата, число или формат текста). Проверьте введённые данные.",
      en: "A value is not acceptable (date, number or text format). Check the data entered.",
    },
  },
  EXCHANGE_SIGNATURE_INVALID: {
    kind: "unauthenticated",
    message: {
      kk: "Жеткізілім қолтаңбасы тексеруден өтпеді немесе жіберуші жүйе белгісіз.",
      ru: "Подпись доставки не прошла проверку или система-отправитель неизвестна.",
      en: "The delivery's signature did not verify, or the sending system is unknown.",
    },
  },
} satisfies Record<string, ErrorDef>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

/** A failure the system expects and explains; thrown by services, mapped to HTTP at the edge. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, ErrorParam>;
  readonly field: string | undefined;
  readonly clause: string | undefined;
  /** Machine-readable detail, e.g. the rejected rows of an import. */
  readonly details: unknown[] | undefined;

  constructor(
    code: ErrorCode,
    opts: { params?: Record<string, ErrorParam>; field?: string; clause?: string; details?: unknown[] } = {},
  ) {
    super(messageOf(code, opts.params ?? {}, "en"));
    this.name = "AppError";
    this.code = code;
    this.params = opts.params ?? {};
    this.field = opts.field;
    this.clause = opts.clause;
    this.details = opts.details;
  }

  /** The error's kind, which decides its HTTP status. */
  get kind(): ErrorKind {
    return ERROR_CATALOG[this.code].kind;
  }

  /** The message in the given language. */
  messageIn(lang: Lang): string {
    return messageOf(this.code, this.params, lang);
  }

  /**
   * What is wrong with the one field a refusal names, without the field's code or the message's
   * head ("Invalid data: "), for a form to show at the field; undefined when there is no such text.
   */
  reasonIn(lang: Lang): string | undefined {
    const detail = this.params.detail;
    if (this.field === undefined || detail === undefined) return undefined;
    return reasonAtField(String(typeof detail === "object" ? detail[lang] : detail), this.field);
  }

  /** The details, with each kk/ru/en text in them (a rejected row's reason) in the given language. */
  detailsIn(lang: Lang): unknown[] | undefined {
    return this.details?.map((detail) =>
      detail && typeof detail === "object" && !Array.isArray(detail)
        ? Object.fromEntries(
            Object.entries(detail).map(([key, value]) => [key, isTranslated(value) ? value[lang] : value]),
          )
        : detail,
    );
  }
}

/** True for a text given in every language ({ kk, ru, en }). */
function isTranslated(value: unknown): value is Translated {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return typeof v.kk === "string" && typeof v.ru === "string" && typeof v.en === "string";
}

/** A code's message in a language, its parameters (or their defaults) filled in. */
function messageOf(code: ErrorCode, params: Record<string, ErrorParam>, lang: Lang): string {
  const def: ErrorDef = ERROR_CATALOG[code];
  const filled = paramsIn({ ...def.defaults, ...params }, lang);
  return interpolate(def.message[lang], filled).trimEnd();
}

function paramsIn(params: Record<string, ErrorParam>, lang: Lang): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, typeof value === "object" ? value[lang] : value]),
  );
}

/** Builds the "invalid input" error for one field; the detail may be given in every language. */
export const invalid = (field: string, detail: string | Translated): AppError =>
  new AppError("VALIDATION_FAILED", { field, params: { detail } });

/** Builds the "not found" error; other units' objects answer this too, never "forbidden". */
export const notFound = (): AppError => new AppError("NOT_FOUND");
