import { parseArgs } from "node:util";
import { applicationSubmit } from "./application-submit.js";
import { compliance } from "./compliance.js";
import { crashBench } from "./crash.js";
import { type Benchmark, report } from "./harness.js";
import { httpWrite } from "./http-write.js";
import { loadBench } from "./load.js";
import { scaleBench } from "./scale.js";
import { screening } from "./screening.js";
import { search } from "./search.js";

/** Every named benchmark; `npm run bench -- <name>`. */
const BENCHMARKS: Benchmark[] = [
  httpWrite,
  applicationSubmit,
  screening,
  compliance,
  search,
  loadBench,
  crashBench,
  scaleBench,
];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: "boolean", default: false },
    seconds: { type: "string" },
    concurrency: { type: "string" },
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
  durationMs: Number(values.seconds ?? bench.defaults?.seconds ?? 10) * 1000,
  concurrency: Number(values.concurrency ?? bench.defaults?.concurrency ?? 20),
  log,
});
process.stdout.write(`${report(figures, values.json)}\n`);
process.exit(process.exitCode ?? 0);
