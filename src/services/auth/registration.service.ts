import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { and, desc, eq, isNull, ne, sql } from "drizzle-orm";
import { AppError, invalid } from "../../core/errors.js";
import { interpolate, isLang, type Lang, type Translated } from "../../core/i18n.js";
import { isValidIin } from "../../core/iin.js";
import { notifications, userContacts, users, verificationCodes } from "../../db/schema.js";
import { appendAudit } from "../audit/audit.service.js";
import type { Deps, RequestMeta } from "../context.js";
import { MIN_PASSWORD_LENGTH } from "../users.service.js";
import { hashPassword } from "./password.js";
import { accountAddressLimit, countAttempt } from "./throttle.js";

const SYSTEM = { unitPaths: [], all: true } as const;

/** Purpose of the code that confirms a self-registration. */
export const REGISTER_PURPOSE = "register";
/** How long a confirmation code is valid. */
export const CODE_MINUTES = 15;
/** Wrong guesses a code survives; after that it is dead and the citizen registers again for a new one. */
export const CODE_MAX_ATTEMPTS = 5;

/** What a citizen gives to register: exactly one of e-mail and phone, which becomes the login. */
export interface Registration {
  fullName: string;
  iin: string;
  email?: string | undefined;
  phone?: string | undefined;
  password: string;
  locale: string;
}

/** A normalised contact: e-mail lower-cased, phone as +digits (Kazakh 8XXXXXXXXXX becomes +7XXXXXXXXXX). */
export interface Destination {
  channel: "email" | "sms";
  value: string;
}

/** Normalises an e-mail address or phone number; null when it is neither. */
export function normalizeDestination(raw: string): Destination | null {
  const text = raw.trim();
  if (text.includes("@")) {
    const email = text.toLowerCase();
    return /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/.test(email) && email.length <= 254
      ? { channel: "email", value: email }
      : null;
  }
  let digits = text.replace(/[\s()-]/g, "");
  if (/^8\d{10}$/.test(digits)) digits = `+7${digits.slice(1)}`;
  return /^\+\d{10,15}$/.test(digits) ? { channel: "sms", value: digits } : null;
}

function codeHash(destination: string, code: string): string {
  return createHash("sha256").update(`${REGISTER_PURPOSE}:${destination}:${code}`).digest("hex");
}

const MESSAGE: { subject: Translated; body: Translated } = {
  subject: {
    kk: "Shekara: растау коды",
    ru: "Shekara: код подтверждения",
    en: "Shekara: confirmation code",
  },
  body: {
    kk: "Сіздің растау кодыңыз: {code}. Ол {minutes} минут жарамды. Егер сіз Shekara жүйесінде тіркелмеген болсаңыз, бұл хабарды елемеңіз.",
    ru: "Ваш код подтверждения: {code}. Он действует {minutes} минут. Если вы не регистрировались в Shekara, не обращайте внимания на это сообщение.",
    en: "Your confirmation code is {code}. It is valid for {minutes} minutes. If you did not register with Shekara, ignore this message.",
  },
};

const PASSWORD_RULE: Translated = {
  kk: `кемінде ${MIN_PASSWORD_LENGTH} таңба`,
  ru: `не менее ${MIN_PASSWORD_LENGTH} символов`,
  en: `at least ${MIN_PASSWORD_LENGTH} characters`,
};
const NAME_RULE: Translated = { kk: "2–200 таңба", ru: "2–200 символов", en: "2–200 characters" };
const CONTACT_RULE: Translated = {
  kk: "дұрыс электрондық пошта немесе +7… телефон нөмірі",
  ru: "корректный адрес почты или номер телефона +7…",
  en: "a valid e-mail address or a +7… phone number",
};

/**
 * Registers a citizen and sends a 6-digit code to the e-mail or phone given. The account cannot
 * sign in until the code is confirmed. Registering again with the same contact before confirmation
 * replaces the details and sends a new code (that is also how a citizen asks for a new code).
 */
export async function registerCitizen(
  deps: Pick<Deps, "database" | "clock" | "notifier">,
  meta: RequestMeta,
  input: Registration,
): Promise<Destination> {
  const now = deps.clock.now();
  const refused = await deps.database.tx(SYSTEM, (tx) =>
    countAttempt(tx, accountAddressLimit("register", meta.address), now),
  );
  if (refused) throw refused;

  const given = [input.email, input.phone].filter((v) => v !== undefined && v.trim() !== "");
  if (given.length !== 1) throw new AppError("CONTACT_REQUIRED", { field: "body.email" });
  const field = input.email?.trim() ? "body.email" : "body.phone";
  const destination = normalizeDestination(given[0] ?? "");
  if (!destination || (field === "body.email") !== (destination.channel === "email")) {
    throw invalid(field, CONTACT_RULE);
  }
  const fullName = input.fullName.trim().replace(/\s+/g, " ");
  if (fullName.length < 2 || fullName.length > 200) throw invalid("body.fullName", NAME_RULE);
  if (!isValidIin(input.iin)) throw new AppError("IIN_INVALID", { field: "body.iin" });
  if (input.password.length < MIN_PASSWORD_LENGTH) throw invalid("body.password", PASSWORD_RULE);
  const lang: Lang = isLang(input.locale) ? input.locale : "kk";
  const passwordHash = await hashPassword(input.password);

  await deps.database.tx(SYSTEM, async (tx) => {
    const existing = await tx
      .select({ id: users.id, contactId: userContacts.userId, confirmedAt: userContacts.confirmedAt })
      .from(users)
      .leftJoin(userContacts, eq(userContacts.userId, users.id))
      .where(eq(sql`lower(${users.login})`, destination.value))
      .limit(1);
    const previous = existing[0];
    // Only an unconfirmed self-registration may be overwritten; staff and confirmed accounts are taken.
    if (previous && (previous.contactId === null || previous.confirmedAt !== null)) {
      throw new AppError("ALREADY_EXISTS", { field, params: { what: destination.value } });
    }
    const iinTaken = await tx
      .select({ userId: userContacts.userId })
      .from(userContacts)
      .where(
        previous
          ? and(eq(userContacts.iin, input.iin), ne(userContacts.userId, previous.id))
          : eq(userContacts.iin, input.iin),
      )
      .limit(1);
    if (iinTaken.length > 0) {
      throw new AppError("ALREADY_EXISTS", { field: "body.iin", params: { what: input.iin } });
    }
    let userId: string;
    if (previous) {
      userId = previous.id;
      await tx.update(users).set({ passwordHash, fullName, locale: lang }).where(eq(users.id, userId));
    } else {
      const [created] = await tx
        .insert(users)
        .values({
          login: destination.value,
          passwordHash,
          fullName,
          roles: ["citizen"],
          locale: lang,
          createdAt: now,
        })
        .returning({ id: users.id });
      if (!created) throw new Error("insert returned no row");
      userId = created.id;
    }
    const contact = {
      email: destination.channel === "email" ? destination.value : null,
      phone: destination.channel === "sms" ? destination.value : null,
      iin: input.iin,
      confirmedAt: null,
    };
    await tx
      .insert(userContacts)
      .values({ userId, ...contact })
      .onConflictDoUpdate({ target: userContacts.userId, set: contact });

    // A new code retires every earlier one for this contact.
    await tx
      .update(verificationCodes)
      .set({ consumedAt: now })
      .where(
        and(
          eq(verificationCodes.destination, destination.value),
          eq(verificationCodes.purpose, REGISTER_PURPOSE),
          isNull(verificationCodes.consumedAt),
        ),
      );
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    await tx.insert(verificationCodes).values({
      purpose: REGISTER_PURPOSE,
      destination: destination.value,
      codeHash: codeHash(destination.value, code),
      userId,
      expiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000),
      createdAt: now,
    });
    await deps.notifier.send(tx, {
      channel: destination.channel,
      recipient: destination.value,
      userId,
      lang,
      subject: MESSAGE.subject[lang],
      body: interpolate(MESSAGE.body[lang], { code, minutes: CODE_MINUTES }),
      at: now,
    });
    await appendAudit(tx, now, null, meta, {
      action: previous ? "account.register_again" : "account.register",
      objectType: "user",
      objectId: userId,
      details: { channel: destination.channel },
    });
  });
  return destination;
}

/** Confirms a registration with the code sent to the contact; the account can then sign in. */
export async function confirmRegistration(
  deps: Pick<Deps, "database" | "clock">,
  meta: RequestMeta,
  input: { destination: string; code: string },
): Promise<void> {
  const now = deps.clock.now();
  const refused = await deps.database.tx(SYSTEM, (tx) =>
    countAttempt(tx, accountAddressLimit("confirm", meta.address), now),
  );
  if (refused) throw refused;
  const destination = normalizeDestination(input.destination);
  const wrong = new AppError("CONFIRMATION_CODE_INVALID", { field: "body.code" });
  if (!destination || !/^\d{6}$/.test(input.code)) throw wrong;

  const failure = await deps.database.tx(SYSTEM, async (tx) => {
    const rows = await tx
      .select()
      .from(verificationCodes)
      .where(
        and(
          eq(verificationCodes.destination, destination.value),
          eq(verificationCodes.purpose, REGISTER_PURPOSE),
          isNull(verificationCodes.consumedAt),
        ),
      )
      .orderBy(desc(verificationCodes.createdAt))
      .limit(1);
    const row = rows[0];
    if (!row?.userId || row.expiresAt <= now || row.attempts >= CODE_MAX_ATTEMPTS) return wrong;
    const matches = timingSafeEqual(
      Buffer.from(row.codeHash, "hex"),
      Buffer.from(codeHash(destination.value, input.code), "hex"),
    );
    if (!matches) {
      await tx
        .update(verificationCodes)
        .set({ attempts: sql`${verificationCodes.attempts} + 1` })
        .where(eq(verificationCodes.id, row.id));
      await appendAudit(tx, now, null, meta, {
        action: "account.confirm_failed",
        objectType: "user",
        objectId: row.userId,
      });
      return wrong;
    }
    // Guarded on consumed_at so two simultaneous confirmations cannot both succeed.
    const consumed = await tx
      .update(verificationCodes)
      .set({ consumedAt: now })
      .where(and(eq(verificationCodes.id, row.id), isNull(verificationCodes.consumedAt)))
      .returning({ id: verificationCodes.id });
    if (consumed.length === 0) return wrong;
    await tx.update(userContacts).set({ confirmedAt: now }).where(eq(userContacts.userId, row.userId));
    await appendAudit(tx, now, null, meta, {
      action: "account.confirm",
      objectType: "user",
      objectId: row.userId,
      details: { channel: destination.channel },
    });
    return null;
  });
  if (failure) throw failure;
}

/** A message of the dev outbox. */
export interface OutboxMessage {
  id: string;
  channel: string;
  recipient: string;
  subject: string;
  body: string;
  lang: string;
  createdAt: Date;
}

/** The most recent notifications, newest first: the dev outbox of demo mode (no real delivery). */
export async function recentOutbox(deps: Pick<Deps, "database">, limit = 50): Promise<OutboxMessage[]> {
  return deps.database.tx(SYSTEM, (tx) =>
    tx
      .select({
        id: notifications.id,
        channel: notifications.channel,
        recipient: notifications.recipient,
        subject: notifications.subject,
        body: notifications.body,
        lang: notifications.lang,
        createdAt: notifications.createdAt,
      })
      .from(notifications)
      .orderBy(desc(notifications.createdAt))
      .limit(limit),
  );
}
