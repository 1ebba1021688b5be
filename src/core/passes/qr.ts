/**
 * The signed, offline-verifiable code on every pass (C-6, Z-22, Z-30). Isomorphic: no node:crypto and
 * no Buffer, so the same file verifies in the browser, at a checkpoint without network, and on the
 * server. Signatures are Ed25519 (@noble/ed25519, SHA-512 from WebCrypto).
 *
 * Code string: `SHK1.<base64url(payload bytes)>.<base64url(64-byte signature)>`, no padding.
 *
 * Payload bytes (exactly what is signed): the UTF-8 encoding of eight fields joined by "|", no
 * trailing separator, in this order:
 *   1. "1"                        format version (v)
 *   2. pass number                e.g. "ПАН-2026-000017" (n)
 *   3. holder's full name, NFC    as printed on the pass (h)
 *   4. birth year                 decimal, e.g. "1990" (y)
 *   5. allowed places             KATO codes (9 digits) joined by "," in the pass's order (p)
 *   6. valid from                 "YYYYMMDD" (f)
 *   7. valid until                "YYYYMMDD", inclusive (u)
 *   8. key id                     [A-Za-z0-9_-]{1,16} (k)
 * e.g. `1|ПАН-2026-000017|Сейтқали Айгүл Бекқызы|1990|631010000|20260105|20260704|k2026a`.
 * A delimited line rather than JSON keeps the QR small (no key names or quotes). The server signs the
 * same bytes with node:crypto (`crypto.sign(null, bytes, ed25519PrivateKey)`); decoding rejects any
 * byte string that `encodePassPayload` would not produce, so one pass has exactly one signed form.
 */
import { signAsync, verifyAsync } from "@noble/ed25519";
import { isIsoDate } from "../eligibility/dates.js";
import { isPassNumber, isPermitNumber } from "./numbering.js";

/** The prefix naming this code format; a new format gets a new prefix, old codes keep verifying. */
export const CODE_PREFIX = "SHK1";

/** The fields carried by a pass code (C-6). Dates are "YYYY-MM-DD" in the object, compact in the bytes. */
export interface PassPayloadFields {
  v: 1;
  /** Pass number (numbering.ts). */
  n: string;
  /** Holder's full name as printed. */
  h: string;
  /** Holder's year of birth (Z App.1). */
  y: number;
  /** KATO codes of the places where entry and stay are allowed (Z p.20, p.38). */
  p: string[];
  /** First day of validity. */
  f: string;
  /** Last day of validity, inclusive. */
  u: string;
  /** Id of the signing key, so keys can rotate without invalidating issued passes. */
  k: string;
}

/** A public key the verifier trusts. */
export interface PassVerificationKey {
  keyId: string;
  /** The 32-byte Ed25519 public key, base64url without padding. */
  publicKey: string;
}

/** What the verifier knows offline: trusted keys, the revocation list, and today's date. */
export interface VerifyOptions {
  keys: readonly PassVerificationKey[];
  /** Pass numbers revoked: lost, replaced, returned or withdrawn (C-6). */
  revoked: ReadonlySet<string>;
  /** "YYYY-MM-DD" in the verifier's legal time zone. */
  today: string;
}

/** The verdicts a checkpoint, a registrar or an employer can get (C-6, Z p.40). */
export const VERIFY_STATUSES = [
  "VALID",
  "EXPIRED",
  "NOT_YET_VALID",
  "REVOKED",
  "FORGED",
  "MALFORMED",
] as const;
/** One verdict of verifyPassCode. */
export type VerifyStatus = (typeof VERIFY_STATUSES)[number];

/** The verdict; `pass` is present only when the signature is good, so forged data is never shown. */
export interface VerifyResult {
  status: VerifyStatus;
  pass?: PassPayloadFields;
}

const SEPARATOR = "|";
const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;
const KATO = /^\d{9}$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
// Control characters would make the printed name and the signed name differ invisibly.
const CONTROL = /\p{Cc}/u;

const encoder = new TextEncoder();

/** Why the fields cannot be encoded, or undefined when they can. */
function fieldProblem(fields: PassPayloadFields): string | undefined {
  if (fields.v !== 1) return "v must be 1";
  // Permits (Z p.17) carry the same signed fields under their own number series.
  if (!isPassNumber(fields.n) && !isPermitNumber(fields.n)) return "n is not a pass or permit number";
  const name = fields.h;
  if (name.trim() !== name || name.length === 0 || name.length > 120)
    return "h must be 1–120 trimmed characters";
  if (name.includes(SEPARATOR) || CONTROL.test(name) || name.normalize("NFC") !== name) {
    return "h must be NFC text without '|' or control characters";
  }
  if (!Number.isInteger(fields.y) || fields.y < 1000 || fields.y > 9999) return "y must be a 4-digit year";
  if (fields.p.length === 0 || fields.p.length > 12 || !fields.p.every((code) => KATO.test(code))) {
    return "p must be 1–12 nine-digit KATO codes";
  }
  if (!isIsoDate(fields.f) || !isIsoDate(fields.u) || fields.u < fields.f) return "f ≤ u must be real dates";
  if (!KEY_ID.test(fields.k)) return "k must be 1–16 characters of [A-Za-z0-9_-]";
  return undefined;
}

/** Encodes the fields as the canonical payload bytes described at the top of this file. */
export function encodePassPayload(fields: PassPayloadFields): Uint8Array {
  const problem = fieldProblem(fields);
  // A programming error on the issuing side, not user input: the pass data was validated earlier.
  if (problem) throw new RangeError(`Cannot encode pass payload: ${problem}`);
  const line = [
    "1",
    fields.n,
    fields.h,
    String(fields.y),
    fields.p.join(","),
    fields.f.replaceAll("-", ""),
    fields.u.replaceAll("-", ""),
    fields.k,
  ].join(SEPARATOR);
  return encoder.encode(line);
}

/** "YYYYMMDD" → "YYYY-MM-DD", or undefined. */
function isoFromCompact(text: string): string | undefined {
  const match = COMPACT_DATE.exec(text);
  if (!match) return undefined;
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  return isIsoDate(iso) ? iso : undefined;
}

/** Decodes payload bytes, or undefined unless they are exactly what encodePassPayload produces. */
export function decodePassPayload(bytes: Uint8Array): PassPayloadFields | undefined {
  let line: string;
  try {
    line = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
  const parts = line.split(SEPARATOR);
  if (parts.length !== 8) return undefined;
  const [v, n = "", h = "", y = "", p = "", f = "", u = "", k = ""] = parts;
  if (v !== "1" || !/^\d{4}$/.test(y)) return undefined;
  const from = isoFromCompact(f);
  const until = isoFromCompact(u);
  if (from === undefined || until === undefined) return undefined;
  const fields: PassPayloadFields = { v: 1, n, h, y: Number(y), p: p.split(","), f: from, u: until, k };
  if (fieldProblem(fields)) return undefined;
  // Canonical form only: the same pass must not have two signed spellings.
  const again = encodePassPayload(fields);
  if (again.length !== bytes.length || again.some((byte, i) => byte !== bytes[i])) return undefined;
  return fields;
}

/** Signs the payload bytes with a 32-byte Ed25519 private key seed; returns the 64-byte signature. */
export async function signPassPayload(bytes: Uint8Array, privateKeySeed: Uint8Array): Promise<Uint8Array> {
  return signAsync(bytes, privateKeySeed);
}

/** Joins payload and signature into the code string printed as the QR. */
export function formatPassCode(payload: Uint8Array, signature: Uint8Array): string {
  return `${CODE_PREFIX}.${toBase64Url(payload)}.${toBase64Url(signature)}`;
}

/** Encodes, signs and formats in one step (tests, demo data and the browser preview). */
export async function createPassCode(fields: PassPayloadFields, privateKeySeed: Uint8Array): Promise<string> {
  const payload = encodePassPayload(fields);
  return formatPassCode(payload, await signPassPayload(payload, privateKeySeed));
}

/** Checks a scanned code offline: format, signature, revocation list, then the validity dates. */
export async function verifyPassCode(code: string, options: VerifyOptions): Promise<VerifyResult> {
  const parts = code.trim().split(".");
  if (parts.length !== 3 || parts[0] !== CODE_PREFIX) return { status: "MALFORMED" };
  const payload = fromBase64Url(parts[1] ?? "");
  const signature = fromBase64Url(parts[2] ?? "");
  if (!payload || !signature || signature.length !== 64) return { status: "MALFORMED" };
  const pass = decodePassPayload(payload);
  if (!pass) return { status: "MALFORMED" };

  const key = options.keys.find((candidate) => candidate.keyId === pass.k);
  const publicKey = key ? fromBase64Url(key.publicKey) : undefined;
  // An unknown key id is indistinguishable from a forgery for the officer: nobody we trust signed it.
  if (publicKey?.length !== 32) return { status: "FORGED" };
  let genuine: boolean;
  try {
    genuine = await verifyAsync(signature, payload, publicKey, { zip215: false });
  } catch {
    genuine = false;
  }
  if (!genuine) return { status: "FORGED" };

  // Revocation first: a lost or withdrawn pass is REVOKED even when its dates have also passed.
  if (options.revoked.has(pass.n)) return { status: "REVOKED", pass };
  if (options.today < pass.f) return { status: "NOT_YET_VALID", pass };
  if (options.today > pass.u) return { status: "EXPIRED", pass };
  return { status: "VALID", pass };
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const LOOKUP = new Map([...ALPHABET].map((char, index) => [char, index]));

/** Base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const triple = (a << 16) | (b << 8) | c;
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let j = 0; j < chars; j++) out += ALPHABET[(triple >> (18 - 6 * j)) & 63];
  }
  return out;
}

/** Decodes strict base64url without padding; undefined on any other character or a non-canonical tail. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of text) {
    const value = LOOKUP.get(char);
    if (value === undefined) return undefined;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, or two strings would decode to the same bytes (malleable codes).
  if ((buffer & ((1 << bits) - 1)) !== 0) return undefined;
  return out;
}
