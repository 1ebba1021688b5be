import path from "node:path";
import { z } from "zod";

const bool = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");

/**
 * Every environment variable Shekara reads, each documented; README.md lists them too.
 * Validated once at start; the parsed object is passed to whoever needs it, never read globally.
 */
const envSchema = z.object({
  /** PostgreSQL server URL; when unset, the embedded PGlite database in SHEKARA_DATA_DIR is used. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Folder of the embedded database, uploaded files and keys (embedded mode). */
  SHEKARA_DATA_DIR: z.string().min(1).default("./data"),
  /** HTTP port. */
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Interface to listen on. */
  HOST: z.string().min(1).default("127.0.0.1"),
  /** Load demo data and demo logins; on by default in embedded mode, off on a server database. */
  SHEKARA_DEMO: bool.optional(),
  /** With the demo data, demo pass cases in every work queue (tests that count cases turn them off). */
  SHEKARA_DEMO_CASES: bool.default(true),
  /** Largest accepted request body, in bytes. */
  SHEKARA_BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  /** Log level of the pino logger. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Idle session timeout in minutes. */
  SHEKARA_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** Absolute session lifetime in hours. */
  SHEKARA_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  /** Mark session cookies Secure (set when TLS terminates in front of Shekara). */
  SHEKARA_SECURE_COOKIES: bool.default(false),
  /** Folder of uploaded files (default: <SHEKARA_DATA_DIR>/files). */
  SHEKARA_FILES_DIR: z.string().min(1).optional(),
  /** Ed25519 signing key of the deployment: base64 of a 32-byte seed (default: a key file in the data folder). */
  SHEKARA_SIGNING_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, "base64 of 32 bytes")
    .optional(),
  /** Size of the PostgreSQL connection pool (server mode). */
  SHEKARA_DB_POOL: z.coerce.number().int().min(1).max(200).default(20),
  /**
   * Other agencies' systems that exchange messages (X p.5) with this one, as JSON:
   * [{"id":"nsc","url":"https://…","publicKey":"<base64url Ed25519>","agencies":["NSC"]}]. Empty: none.
   */
  SHEKARA_EXCHANGE_PEERS: z.string().optional(),
  /** Milliseconds between runs of the exchange jobs (obligations, escalation, outbox relay); 0 = off. */
  SHEKARA_EXCHANGE_INTERVAL_MS: z.coerce.number().int().min(0).default(15_000),
  /** This system's id as its peers know it (sent with every delivery). */
  SHEKARA_EXCHANGE_SELF_ID: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
    .default("shekara"),
});

/** A peer system of the exchange: where to deliver, whose signatures to accept, which agencies it serves. */
export interface ExchangePeer {
  id: string;
  url: string;
  publicKey: string;
  agencies: string[];
}

const peersSchema = z.array(
  z.strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
    url: z.url({ protocol: /^https?$/ }),
    publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "base64url of 32 bytes"),
    agencies: z.array(z.string().min(1)).min(1),
  }),
);

function parsePeers(text: string | undefined): ExchangePeer[] | string {
  if (!text) return [];
  try {
    const parsed = peersSchema.safeParse(JSON.parse(text));
    return parsed.success
      ? parsed.data
      : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  } catch {
    return "not valid JSON";
  }
}

/** The validated configuration of one Shekara process. */
export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  filesDir: string;
  signingKey: string | undefined;
  port: number;
  host: string;
  demo: boolean;
  demoCases: boolean;
  bodyLimit: number;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  secureCookies: boolean;
  dbPoolSize: number;
  exchangePeers: ExchangePeer[];
  exchangeSelfId: string;
  exchangeIntervalMs: number;
}

/** A configuration error naming each offending variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reads and validates the configuration from an environment (process.env by default). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? "?");
        return `${name}=${JSON.stringify(env[name] ?? "")}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  const peers = parsePeers(e.SHEKARA_EXCHANGE_PEERS);
  if (typeof peers === "string") throw new ConfigError([`SHEKARA_EXCHANGE_PEERS: ${peers}`]);
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.SHEKARA_DATA_DIR),
    signingKey: e.SHEKARA_SIGNING_KEY,
    filesDir: path.resolve(e.SHEKARA_FILES_DIR ?? path.join(e.SHEKARA_DATA_DIR, "files")),
    port: e.PORT,
    host: e.HOST,
    demo: e.SHEKARA_DEMO ?? e.DATABASE_URL === undefined,
    demoCases: e.SHEKARA_DEMO_CASES,
    bodyLimit: e.SHEKARA_BODY_LIMIT,
    logLevel: e.LOG_LEVEL,
    sessionIdleMinutes: e.SHEKARA_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SHEKARA_SESSION_MAX_HOURS,
    secureCookies: e.SHEKARA_SECURE_COOKIES,
    dbPoolSize: e.SHEKARA_DB_POOL,
    exchangePeers: peers,
    exchangeSelfId: e.SHEKARA_EXCHANGE_SELF_ID,
    exchangeIntervalMs: e.SHEKARA_EXCHANGE_INTERVAL_MS,
  };
}
