import pino, { type DestinationStream, type Logger } from "pino";

/**
 * Paths whose segments carry personal data or bearer secrets: pass codes (/verify/SHK1…) and pass
 * numbers. Query strings (name searches) are dropped whole.
 */
const SECRET_SEGMENTS = /\/(verify|by-number)\/[^/?]+/g;

/** A request as logged: method, route and path without personal data, request id. */
export function logSafeUrl(url: string): string {
  return (url.split("?")[0] ?? "").replace(SECRET_SEGMENTS, "/$1/[redacted]");
}

/**
 * Creates the process logger; personal data is never logged, so only ids and codes go in. Lines
 * are JSON (pino), so a value holding a line break cannot forge a log line.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: ["req.headers.cookie", "req.headers.authorization", "*.password"], remove: true },
      serializers: {
        req: (req: { method?: string; url?: string; id?: string; routeOptions?: { url?: string } }) => ({
          method: req.method,
          url: logSafeUrl(req.url ?? ""),
          route: req.routeOptions?.url,
          id: req.id,
        }),
      },
    },
    destination,
  );
}
export type { Logger };
