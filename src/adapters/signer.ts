import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** The deployment's Ed25519 key: signs audit-chain heads, pass codes and deliveries. */
export interface Signer {
  /** Short id of the public key (first 16 hex of its SHA-256), published with the key. */
  keyId: string;
  /** The public key, raw 32 bytes, base64url. */
  publicKey: string;
  /** Signs bytes; returns the signature as base64url. */
  sign(data: Buffer | string): string;
  /** Verifies a signature made by this key. */
  verify(data: Buffer | string, signature: string): boolean;
}

// PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows it.
const PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

function fromSeed(seed: Buffer): KeyObject {
  if (seed.length !== 32) throw new Error("SHEKARA_SIGNING_KEY must be a base64 32-byte Ed25519 seed");
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" });
}

/** A signer over a private key. */
export function signerFor(privateKey: KeyObject): Signer {
  const publicKey = createPublicKey(privateKey);
  const raw = publicKey.export({ format: "der", type: "spki" }).subarray(-32);
  return {
    keyId: createHash("sha256").update(raw).digest("hex").slice(0, 16),
    publicKey: raw.toString("base64url"),
    sign: (data) => sign(null, Buffer.from(data), privateKey).toString("base64url"),
    verify: (data, signature) =>
      verify(null, Buffer.from(data), publicKey, Buffer.from(signature, "base64url")),
  };
}

/**
 * Loads the deployment key: SHEKARA_SIGNING_KEY (base64 seed) when set, else the key file in the
 * data folder, created on first start (mode 0600). Several instances must share one key: set the
 * variable, or share the data folder.
 */
export function loadSigner(seedBase64: string | undefined, dataDir: string): Signer {
  if (seedBase64) return signerFor(fromSeed(Buffer.from(seedBase64, "base64")));
  const file = path.join(dataDir, "keys", "ed25519.seed");
  if (!fs.existsSync(file)) {
    const { privateKey } = generateKeyPairSync("ed25519");
    const seed = privateKey.export({ format: "der", type: "pkcs8" }).subarray(-32);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, seed.toString("base64"), { mode: 0o600, flag: "wx" });
  }
  return signerFor(fromSeed(Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64")));
}

/** A fresh random signer (tests). */
export function ephemeralSigner(): Signer {
  return signerFor(generateKeyPairSync("ed25519").privateKey);
}
