import { defineConfig } from "drizzle-kit";

/** drizzle-kit generates the forward-only SQL migrations in ./migrations from the schema. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema.ts",
  out: "./migrations",
  migrations: { prefix: "timestamp" },
});
