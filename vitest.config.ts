import { defineConfig } from "vitest/config";

/**
 * One run covers the three tiers: pure core, services on real databases (PGlite always,
 * PostgreSQL when TEST_DATABASE_URL is set) and end-to-end (HTTP and the browser).
 */
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/support/pglite-snapshots.ts"],
    env: { TZ: "UTC" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll gives up after 1 s by default; the first page of a browser test (cold assets, a
    // busy CI machine beside PostgreSQL) took longer. A poll ends as soon as it holds.
    expect: { poll: { timeout: 10_000 } },
    pool: "forks",
    // Two workers on the 2-core CI machine: much of the suite waits on PostgreSQL or Chromium.
    maxWorkers: 2,
    reporters: process.env.CI ? ["verbose"] : ["default"],
  },
});
