import type { Database } from "../adapters/db/index.js";
import type { Logger } from "../adapters/logger.js";
import type { Notifier } from "../adapters/notify.js";
import type { Signer } from "../adapters/signer.js";
import type { FileStorage } from "../adapters/storage.js";
import type { Config } from "../config.js";
import type { Permission, Role } from "../core/access/roles.js";
import type { Clock } from "../core/clock.js";

/** Who is acting: resolved once per request from the session or API token. */
export interface Actor {
  userId: string;
  login: string;
  fullName: string;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  unitId: string | null;
  /** ltree path of the actor's unit; null for citizens and users without a unit. */
  unitPath: string | null;
  /** IANA time zone of the actor's unit, in which its "local time" rules and forms work. */
  timeZone?: string | null;
  locale: string;
}

/** Where a request came from, recorded in audit entries. */
export interface RequestMeta {
  address: string | undefined;
  requestId: string | undefined;
}

/** The adapters a service may use; each service takes only what it needs. */
export interface Deps {
  config: Config;
  database: Database;
  clock: Clock;
  logger: Logger;
  files: FileStorage;
  signer: Signer;
  /** Sends e-mail and SMS (the outbox: stored in the caller's transaction). */
  notifier: Notifier;
}
