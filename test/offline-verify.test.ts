import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ephemeralSigner } from "../src/adapters/signer.js";
import { passCode } from "../src/services/passes/actions.service.js";

const TSX = path.resolve("node_modules/.bin/tsx");

describe("offline verification with the CLI (C-6)", () => {
  it("checks a code against a saved key set and revocation list, without a database", () => {
    const signer = ephemeralSigner();
    const holder = { surname: "Әбішұлы", givenName: "Нұрсұлтан", patronymic: "Ғаниұлы", birthYear: 1984 };
    const code = passCode({ signer }, holder, "ПАН-2026-000001", ["334853100"], "2026-12-20", "2027-01-08");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shekara-verify-"));
    const keys = path.join(dir, "keys.json");
    const revocations = path.join(dir, "revocations.json");
    fs.writeFileSync(
      keys,
      JSON.stringify({ keys: [{ keyId: signer.keyId, alg: "Ed25519", publicKey: signer.publicKey }] }),
    );
    fs.writeFileSync(revocations, JSON.stringify({ generatedAt: "2026-12-25T00:00:00Z", revoked: [] }));
    const run = (args: string[]) =>
      spawnSync(TSX, ["src/cli/main.ts", "verify", ...args], {
        encoding: "utf8",
        env: { ...process.env, SHEKARA_DATA_DIR: dir },
      });

    const valid = run([code, "--keys", keys, "--revocations", revocations, "--today", "2026-12-25"]);
    expect(valid.status).toBe(0);
    expect(JSON.parse(valid.stdout)).toMatchObject({
      status: "VALID",
      pass: { h: "Әбішұлы Нұрсұлтан Ғаниұлы", n: "ПАН-2026-000001" },
    });

    const expired = run([code, "--keys", keys, "--today", "2027-02-01"]);
    expect(JSON.parse(expired.stdout).status).toBe("EXPIRED");

    fs.writeFileSync(
      revocations,
      JSON.stringify({ revoked: [{ number: "ПАН-2026-000001", status: "LOST" }] }),
    );
    const revoked = run([code, "--keys", keys, "--revocations", revocations, "--today", "2026-12-25"]);
    expect(revoked.status).toBe(3);
    expect(JSON.parse(revoked.stdout).status).toBe("REVOKED");

    const [prefix, payload, signature] = code.split(".");
    const forgedPayload = Buffer.from(payload ?? "", "base64url")
      .toString("utf8")
      .replace("2027", "2029");
    const forged = run([
      `${prefix}.${Buffer.from(forgedPayload).toString("base64url")}.${signature}`,
      "--keys",
      keys,
      "--today",
      "2026-12-25",
    ]);
    expect(JSON.parse(forged.stdout).status).toBe("FORGED");
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
