import { createPrivateKey, createPublicKey, sign as nodeSign } from "node:crypto";
import { keygenAsync } from "@noble/ed25519";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createPassCode,
  decodePassPayload,
  encodePassPayload,
  formatPassCode,
  fromBase64Url,
  type PassPayloadFields,
  type PassVerificationKey,
  signPassPayload,
  toBase64Url,
  verifyPassCode,
} from "./qr.js";

const FIELDS: PassPayloadFields = {
  v: 1,
  n: "ПАН-2026-000017",
  h: "Сейтқали Айгүл Бекқызы",
  y: 1990,
  p: ["633420100"],
  f: "2026-03-20",
  u: "2026-09-19",
  k: "k2026a",
};

async function keyPair(keyId = "k2026a"): Promise<{ seed: Uint8Array; key: PassVerificationKey }> {
  const { secretKey, publicKey } = await keygenAsync();
  return { seed: secretKey, key: { keyId, publicKey: toBase64Url(publicKey) } };
}

const options = (keys: PassVerificationKey[], today = "2026-04-01", revoked: string[] = []) => ({
  keys,
  revoked: new Set(revoked),
  today,
});

describe("pass payload encoding", () => {
  it("is the documented pipe-delimited UTF-8 line", () => {
    const text = new TextDecoder().decode(encodePassPayload(FIELDS));
    expect(text).toBe("1|ПАН-2026-000017|Сейтқали Айгүл Бекқызы|1990|633420100|20260320|20260919|k2026a");
  });

  it("decodes exactly what it encodes, and rejects other spellings", () => {
    expect(decodePassPayload(encodePassPayload(FIELDS))).toEqual(FIELDS);
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(
      decodePassPayload(enc("1|ПАН-2026-000017|Name|1990|633420100|20260320|20260919|k1|")),
    ).toBeUndefined();
    expect(
      decodePassPayload(enc("1|ПАН-2026-000017|Name|1990|633420100|20260231|20260919|k1")),
    ).toBeUndefined();
    expect(
      decodePassPayload(enc("1|ПАН-2026-000017|Name|1990|633420100|20261001|20260919|k1")),
    ).toBeUndefined();
    expect(
      decodePassPayload(enc("1|ПАН-2026-000017| Name|1990|633420100|20260320|20260919|k1")),
    ).toBeUndefined();
    expect(decodePassPayload(new Uint8Array([0xff, 0xfe]))).toBeUndefined();
  });

  it("refuses to encode fields that could not be decoded", () => {
    expect(() => encodePassPayload({ ...FIELDS, h: "A|B" })).toThrow(RangeError);
    expect(() => encodePassPayload({ ...FIELDS, p: [] })).toThrow(RangeError);
    expect(() => encodePassPayload({ ...FIELDS, u: "2026-03-19" })).toThrow(RangeError);
    expect(() => encodePassPayload({ ...FIELDS, n: "17" })).toThrow(RangeError);
  });

  it("keeps a typical code under 300 characters", async () => {
    const { seed } = await keyPair();
    // 30 Cyrillic letters of name (2 bytes each in UTF-8) and one settlement.
    const typical = { ...FIELDS, h: "Бекмұхамбетов Нұрсұлтан Ерлан", p: ["633420100"] };
    expect((await createPassCode(typical, seed)).length).toBeLessThan(300);
  });

  it("keeps the payload under 300 characters for a long name and three places", async () => {
    const { seed } = await keyPair();
    const long = {
      ...FIELDS,
      h: "Нұрмұхамбетова-Жақсылықова Әйгерім Серікбайқызы",
      p: ["633420100", "633420200", "633400000"],
    };
    const code = await createPassCode(long, seed);
    const [, payload = ""] = code.split(".");
    expect(payload.length).toBeLessThan(300);
    // The signature adds a fixed 86 characters, the prefix and dots 6.
    expect(code.length).toBe(payload.length + 92);
  });
});

describe("base64url", () => {
  it("round-trips any bytes and rejects non-canonical text (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
    );
    expect(fromBase64Url("AB")).toBeUndefined(); // leftover bits not zero
    expect(fromBase64Url("A")).toBeUndefined();
    expect(fromBase64Url("AA==")).toBeUndefined();
    expect(fromBase64Url("A+")).toBeUndefined();
  });
});

describe("verifyPassCode", () => {
  it("accepts a freshly signed code", async () => {
    const { seed, key } = await keyPair();
    const code = await createPassCode(FIELDS, seed);
    expect(code.startsWith("SHK1.")).toBe(true);
    expect(await verifyPassCode(code, options([key]))).toEqual({ status: "VALID", pass: FIELDS });
  });

  it("verifies on the first and the last day of validity, not outside", async () => {
    const { seed, key } = await keyPair();
    const code = await createPassCode(FIELDS, seed);
    expect((await verifyPassCode(code, options([key], "2026-03-20"))).status).toBe("VALID");
    expect((await verifyPassCode(code, options([key], "2026-09-19"))).status).toBe("VALID");
    expect((await verifyPassCode(code, options([key], "2026-03-19"))).status).toBe("NOT_YET_VALID");
    expect((await verifyPassCode(code, options([key], "2026-09-20"))).status).toBe("EXPIRED");
  });

  it("says REVOKED for a pass on the list, even when it has also expired", async () => {
    const { seed, key } = await keyPair();
    const code = await createPassCode(FIELDS, seed);
    expect((await verifyPassCode(code, options([key], "2026-04-01", [FIELDS.n]))).status).toBe("REVOKED");
    expect((await verifyPassCode(code, options([key], "2027-01-01", [FIELDS.n]))).status).toBe("REVOKED");
  });

  it("says FORGED for a changed payload with the old signature", async () => {
    const { seed, key } = await keyPair();
    const code = await createPassCode(FIELDS, seed);
    const [, , signature = ""] = code.split(".");
    // The holder pushes the end of validity a year on and keeps the signature.
    const tampered = formatPassCode(
      encodePassPayload({ ...FIELDS, u: "2027-09-19" }),
      fromBase64Url(signature) ?? new Uint8Array(),
    );
    const result = await verifyPassCode(tampered, options([key]));
    expect(result).toEqual({ status: "FORGED" });
  });

  it("never accepts a code with one character changed (property)", async () => {
    const { seed, key } = await keyPair();
    const code = await createPassCode(FIELDS, seed);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    await fc.assert(
      fc.asyncProperty(fc.nat(code.length - 1), fc.nat(alphabet.length - 1), async (at, pick) => {
        const original = code[at] ?? "";
        const replacement =
          alphabet[pick] === original ? alphabet[(pick + 1) % alphabet.length] : alphabet[pick];
        const changed = code.slice(0, at) + replacement + code.slice(at + 1);
        const { status } = await verifyPassCode(changed, options([key]));
        expect(["FORGED", "MALFORMED"]).toContain(status);
      }),
      { numRuns: 60 },
    );
  });

  it("says FORGED for a signature by a key nobody trusts, or an unknown key id", async () => {
    const trusted = await keyPair();
    const stranger = await keyPair();
    const code = await createPassCode(FIELDS, stranger.seed);
    expect((await verifyPassCode(code, options([trusted.key]))).status).toBe("FORGED");
    const otherId = await createPassCode({ ...FIELDS, k: "k2099z" }, trusted.seed);
    expect(await verifyPassCode(otherId, options([trusted.key]))).toEqual({ status: "FORGED" });
    expect((await verifyPassCode(code, options([]))).status).toBe("FORGED");
  });

  it("picks the key by id, so rotated keys keep old passes valid", async () => {
    const old = await keyPair("k2025");
    const current = await keyPair("k2026a");
    const code = await createPassCode({ ...FIELDS, k: "k2025" }, old.seed);
    expect((await verifyPassCode(code, options([current.key, old.key]))).status).toBe("VALID");
  });

  it.each([
    "",
    "garbage",
    "SHK1",
    "SHK1..",
    "SHK2.AAAA.AAAA",
    "SHK1.!!!!.AAAA",
    "SHK1.AAAA.AAAA",
    "SHK1.AAAA.AAAA.AAAA",
    "https://example.org/?p=SHK1",
  ])("says MALFORMED for %j", async (code) => {
    const { key } = await keyPair();
    expect(await verifyPassCode(code, options([key]))).toEqual({ status: "MALFORMED" });
  });

  it("says MALFORMED for a good signature over bytes that are not a payload", async () => {
    const { seed, key } = await keyPair();
    const bytes = new TextEncoder().encode("hello");
    const code = formatPassCode(bytes, await signPassPayload(bytes, seed));
    expect(await verifyPassCode(code, options([key]))).toEqual({ status: "MALFORMED" });
  });

  it("verifies a code signed by the server with node:crypto over the same bytes", async () => {
    const { seed, key: nobleKey } = await keyPair();
    // PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410): fixed 16-byte prefix + 32-byte seed.
    const prefix = Uint8Array.from([
      0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
    ]);
    const der = new Uint8Array([...prefix, ...seed]);
    const privateKey = createPrivateKey({ key: Buffer.from(der), format: "der", type: "pkcs8" });
    const jwk = createPublicKey(privateKey).export({ format: "jwk" });
    expect(jwk.x).toBe(nobleKey.publicKey);
    const payload = encodePassPayload(FIELDS);
    const signature = new Uint8Array(nodeSign(null, payload, privateKey));
    expect(signature).toEqual(await signPassPayload(payload, seed));
    const code = formatPassCode(payload, signature);
    expect((await verifyPassCode(code, options([nobleKey]))).status).toBe("VALID");
  });
});
