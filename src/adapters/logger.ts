import pino, { type Logger } from "pino";

/** Creates the process logger; personal data is never logged, so only ids and codes go in. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: ["req.headers.cookie", "req.headers.authorization", "*.password"], remove: true },
  });
}
export type { Logger };
