import { describe, expect, it } from "vitest";
import {
  base32Decode,
  base32Encode,
  checkTotp,
  hotp,
  newTotpSecret,
  otpauthUri,
  totpCode,
  totpStep,
} from "../src/services/auth/totp.js";

// RFC 6238 appendix B, SHA-1: the key is the ASCII string "12345678901234567890".
const RFC_KEY = Buffer.from("12345678901234567890", "ascii");
const RFC_VECTORS: [number, string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("TOTP (RFC 6238)", () => {
  it("matches the RFC test vectors", () => {
    for (const [seconds, expected] of RFC_VECTORS) {
      expect(hotp(RFC_KEY, Math.floor(seconds / 30), 8)).toBe(expected);
      expect(totpCode(base32Encode(RFC_KEY), new Date(seconds * 1000))).toBe(expected.slice(2));
    }
  });

  it("round-trips base32 and tolerates spaces, lower case and padding", () => {
    expect(base32Encode(Buffer.from("foobar"))).toBe("MZXW6YTBOI");
    expect(base32Decode("mzxw 6ytb oi======")?.toString()).toBe("foobar");
    expect(base32Decode("not base32!")).toBeNull();
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Encode(base32Decode(secret) ?? Buffer.alloc(0))).toBe(secret);
  });

  it("accepts ±1 step, refuses older and reused steps and malformed codes", () => {
    const secret = newTotpSecret();
    const now = new Date("2026-11-22T06:00:10Z");
    const step = totpStep(now);
    const at = (s: number) => new Date(s * 30_000 + 1000);
    expect(checkTotp(secret, totpCode(secret, now), now, null)).toEqual({ ok: true, step });
    expect(checkTotp(secret, totpCode(secret, at(step - 1)), now, null)).toEqual({
      ok: true,
      step: step - 1,
    });
    expect(checkTotp(secret, totpCode(secret, at(step + 1)), now, null)).toEqual({
      ok: true,
      step: step + 1,
    });
    expect(checkTotp(secret, totpCode(secret, at(step - 2)), now, null).ok).toBe(false);
    expect(checkTotp(secret, totpCode(secret, at(step + 2)), now, null).ok).toBe(false);
    expect(checkTotp(secret, totpCode(secret, now), now, step)).toEqual({ ok: false, reason: "reused" });
    expect(checkTotp(secret, totpCode(secret, at(step - 1)), now, step)).toEqual({
      ok: false,
      reason: "reused",
    });
    expect(checkTotp(secret, "12345", now, null)).toEqual({ ok: false, reason: "invalid" });
    expect(checkTotp(secret, "abcdef", now, null)).toEqual({ ok: false, reason: "invalid" });
  });

  it("writes an otpauth URI authenticator apps understand", () => {
    const text = otpauthUri("JBSWY3DPEHPK3PXP", "head");
    expect(text.startsWith("otpauth://totp/Shekara%3Ahead?")).toBe(true);
    const uri = new URL(text);
    expect(uri.searchParams.get("secret")).toBe("JBSWY3DPEHPK3PXP");
    expect(uri.searchParams.get("issuer")).toBe("Shekara");
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("period")).toBe("30");
  });
});
