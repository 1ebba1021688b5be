import { z } from "zod";
import { AGENCIES } from "../core/access/agencies.js";
import { PERMISSIONS, ROLES } from "../core/access/roles.js";
import { LANGS } from "../core/i18n.js";
import { matching } from "../core/validation-messages.js";

/** A UUID path parameter; anything else is a 400, never a database error. */
export const idParams = z.object({ id: z.uuid() });

/** The signed-in user as the API shows it. */
export const meSchema = z
  .object({
    id: z.uuid(),
    login: z.string(),
    fullName: z.string(),
    roles: z.array(z.enum(ROLES)),
    permissions: z.array(z.enum(PERMISSIONS)),
    unitId: z.uuid().nullable(),
    /** The unit's IANA time zone: the web forms read and show local times in it. */
    timeZone: z.string().nullable(),
    locale: z.enum(LANGS).or(z.string()),
  })
  .meta({ id: "Me" });

/** A unit of an agency. */
export const unitSchema = z
  .object({
    id: z.uuid(),
    agency: z.enum(AGENCIES),
    parentId: z.uuid().nullable(),
    path: z.string(),
    code: z.string(),
    nameKk: z.string(),
    nameRu: z.string(),
    nameEn: z.string().nullable(),
    timeZone: z.string(),
    level: z.number().int().nullable(),
    isDemo: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Unit" });

const text = (max: number) => z.string().trim().min(1).max(max);

/** The body of "create a unit": owner and path fields are the system's, extra fields are refused. */
export const newUnitSchema = z
  .strictObject({
    agency: z.enum(AGENCIES),
    parentId: z.uuid().nullable().optional(),
    code: matching(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, {
      kk: "2–40 бас латын әрпі, цифр, '-' немесе '_'",
      ru: "2–40 заглавных латинских букв, цифр, '-' или '_'",
      en: "2–40 capital Latin letters, digits, '-' or '_'",
    }),
    nameKk: text(200),
    nameRu: text(200),
    nameEn: text(200).nullable().optional(),
    timeZone: text(64),
    level: z.number().int().min(1).max(5).nullable().optional(),
  })
  .meta({ id: "NewUnit" });

/** A verifier's answer on a pass code: the verdict and, for a genuine code, holder, places and current state (C-6). */
export const verificationSchema = z
  .object({
    status: z.string(),
    pass: z
      .object({
        v: z.number(),
        n: z.string(),
        h: z.string(),
        y: z.number(),
        p: z.array(z.string()),
        f: z.string(),
        u: z.string(),
        k: z.string(),
      })
      .optional(),
    places: z.array(z.object({ kato: z.string(), nameKk: z.string(), nameRu: z.string() })).optional(),
    current: z.object({ status: z.string(), validUntil: z.string() }).optional(),
    document: z.enum(["pass", "permit"]).optional(),
  })
  .meta({ id: "Verification" });
