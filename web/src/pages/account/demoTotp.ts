const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32Bytes(secret: string): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of secret.replace(/[\s=]/g, "").toUpperCase()) {
    value = ((value << 5) | Math.max(0, ALPHABET.indexOf(char))) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return new Uint8Array(out);
}

/**
 * The current code of the published demo secret, computed in the browser (RFC 6238 with WebCrypto),
 * so the demo can be tried without an authenticator app. Null where WebCrypto is unavailable.
 */
export async function demoTotpCode(secret: string, at: number): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const key = await subtle.importKey("raw", base32Bytes(secret), { name: "HMAC", hash: "SHA-1" }, false, [
    "sign",
  ]);
  const counter = new DataView(new ArrayBuffer(8));
  counter.setBigUint64(0, BigInt(Math.floor(at / 30_000)));
  const mac = new DataView(await subtle.sign("HMAC", key, counter.buffer));
  const offset = mac.getUint8(19) & 0x0f;
  const binary = mac.getUint32(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, "0");
}
