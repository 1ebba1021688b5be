import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const TSX = path.resolve("node_modules/.bin/tsx");

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}; got:\n${seen}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve(seen);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${pattern}:\n${seen}`));
    });
  });
}

describe("the server process and the CLI", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shekara-proc-"));
  const env = { ...process.env, SHEKARA_DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "warn" };
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("refuses a bad configuration with a message naming the variable, without a stack trace", () => {
    const result = spawnSync(TSX, ["src/server/main.ts"], {
      env: { ...env, PORT: "http" },
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT="http"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("starts with demo data, keeps the CLI off its data folder, and stops cleanly on SIGTERM", async () => {
    const server = spawn(TSX, ["src/server/main.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
    const banner = await waitForOutput(server, /Demo logins[\s\S]*citizen/);
    const url = /running at (http:\/\/\S+)/.exec(banner)?.[1];
    expect(url).toBeDefined();
    expect(banner).toContain("demo-shekara-2026");
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);

    const cli = spawnSync(TSX, ["src/cli/main.ts", "migrate"], { env, encoding: "utf8" });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain("in use by another Shekara process");

    const exited = new Promise<number | null>((resolve) => server.on("exit", (code) => resolve(code)));
    server.kill("SIGTERM");
    expect(await exited).toBe(0);

    // The lock went with the server: the CLI now works on the same folder.
    const verify = spawnSync(TSX, ["src/cli/main.ts", "audit", "verify"], { env, encoding: "utf8" });
    expect(verify.stderr).toBe("");
    expect(verify.stdout).toMatch(/Audit chain valid: \d+ entries/);
  }, 120_000);

  it("creates a user from the command line, reading the password from the environment", () => {
    const result = spawnSync(
      TSX,
      [
        "src/cli/main.ts",
        "user",
        "create",
        "--login",
        "aigerim",
        "--name",
        "Айгерім Сәтбаева",
        "--unit",
        "DEMO-IAB-PANFILOV",
        "--role",
        "officer",
      ],
      { env: { ...env, SHEKARA_NEW_PASSWORD: "long-enough-password" }, encoding: "utf8" },
    );
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/User aigerim created/);
    const again = spawnSync(
      TSX,
      ["src/cli/main.ts", "user", "create", "--login", "aigerim", "--name", "X", "--role", "officer"],
      { env: { ...env, SHEKARA_NEW_PASSWORD: "long-enough-password" }, encoding: "utf8" },
    );
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("ALREADY_EXISTS");
  }, 60_000);
});
