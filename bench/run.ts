import { parseArgs } from "node:util";
import { applicationSubmit } from "./application-submit.js";
import { compliance } from "./compliance.js";
import { type Benchmark, report } from "./harness.js";
import { httpWrite } from "./http-write.js";
import { screening } from "./screening.js";
import { search } from "./search.js";

/** Every named benchmark; `npm run bench -- <name>`. */
const BENCHMARKS: Benchmark[] = [httpWrite, applicationSubmit, screening, compliance, search];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: "boolean", default: false },
    seconds: { type: "string", default: "10" },
    concurrency: { type: "string", default: "20" },
  },
});

const name = positionals[0];
const bench = BENCHMARKS.find((b) => b.name === name);
if (!bench) {
  process.stderr.write(
    `usage: npm run bench -- <name> [--json] [--seconds N] [--concurrency N]\nbenchmarks:\n${BENCHMARKS.map((b) => `  ${b.name.padEnd(14)} ${b.description}`).join("\n")}\n`,
  );
  process.exit(name ? 2 : 0);
}
const log = (line: string) => {
  if (!values.json) process.stdout.write(`${line}\n`);
};
const figures = await bench.run({
  durationMs: Number(values.seconds) * 1000,
  concurrency: Number(values.concurrency),
  log,
});
process.stdout.write(`${report(figures, values.json)}\n`);
process.exit(0);
