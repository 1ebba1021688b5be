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
    // Node itself with tsx's loader, not the tsx command: that command relays a signal to its child
    // and, when the child has not answered within 30 ms (a busy CI machine), kills it outright.
    const server = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
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

  it("imports reference data from CSV all or nothing, naming every bad row, and exports it", () => {
    const bad = path.join(dataDir, "bad.csv");
    fs.writeFileSync(
      bad,
      "code,title_kk,title_ru,basis,valid_from,valid_to\nOK-1,Лауазым,Должность,Приказ,2020-01-01,\nbad code,,Должность,Приказ,2020-13-01,\n",
    );
    const rejected = spawnSync(TSX, ["src/cli/main.ts", "reference", "import", "officials", bad], {
      env,
      encoding: "utf8",
    });
    expect(rejected.status).toBe(2);
    expect(rejected.stderr).toContain("Nothing was imported");
    expect(rejected.stderr).toContain("line 3, code");
    expect(rejected.stderr).toContain("line 3, title_kk");
    expect(rejected.stderr).toContain("line 3, valid_from");

    const good = path.join(dataDir, "good.csv");
    fs.writeFileSync(
      good,
      "code,title_kk,title_ru,basis,valid_from,valid_to\nOK-1,Лауазым,Должность,Приказ,2020-01-01,\n",
    );
    const imported = spawnSync(TSX, ["src/cli/main.ts", "reference", "import", "officials", good], {
      env,
      encoding: "utf8",
    });
    expect(imported.stderr).toBe("");
    expect(imported.stdout).toContain("officials: 1 rows; 1 added, 0 updated.");
    const again = spawnSync(TSX, ["src/cli/main.ts", "reference", "import", "officials", good], {
      env,
      encoding: "utf8",
    });
    expect(again.stdout).toContain("officials: 1 rows; 0 added, 1 updated.");

    const out = path.join(dataDir, "zone.csv");
    const exported = spawnSync(TSX, ["src/cli/main.ts", "reference", "export", "zone", "--out", out], {
      env,
      encoding: "utf8",
    });
    expect(exported.stderr).toBe("");
    expect(fs.readFileSync(out, "utf8")).toContain("334853100,VILLAGE,Қорғас ауылы");
  }, 60_000);
});
