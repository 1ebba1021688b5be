#!/usr/bin/env node
// The `shekara` command runs the compiled CLI; `npm run build` (or `npm start`) compiles it.
import { existsSync } from "node:fs";

const compiled = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(compiled)) {
  process.stderr.write(
    "shekara: not built yet. Run `npm run build` first, or use `npm run shekara -- <command>`.\n",
  );
  process.exit(1);
}
await import(compiled.href);
