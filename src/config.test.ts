import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("configuration", () => {
  it("defaults to the embedded database with demo data on port 8080", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ databaseUrl: undefined, port: 8080, demo: true });
    expect(config.dataDir).toBe(path.resolve("./data"));
  });

  it("turns demo data off on a server database unless asked", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://u@h/db" }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: "postgres://u@h/db", SHEKARA_DEMO: "1" }).demo).toBe(true);
  });

  it("stops with a message naming every wrong variable", () => {
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as ConfigError).message;
      expect(message).toContain('PORT="eighty"');
      expect(message).toContain("DATABASE_URL");
      expect(message).toContain("LOG_LEVEL");
    }
  });
});
