import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DataFolderLockedError } from "../src/adapters/db/index.js";
import { openPglite } from "../src/adapters/db/pglite.js";

describe("embedded database data folder", () => {
  it("admits one process at a time and is released on close", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shekara-lock-"));
    const first = await openPglite(dir);
    await expect(openPglite(dir)).rejects.toBeInstanceOf(DataFolderLockedError);
    await expect(openPglite(dir)).rejects.toThrow(/in use by another Shekara process/);
    await first.close();
    const second = await openPglite(dir);
    await second.migrate();
    await second.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
