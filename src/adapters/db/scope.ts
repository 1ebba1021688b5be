import { sql } from "drizzle-orm";
import { APP_ROLE, type DbScope, type Tx } from "./database.js";

/**
 * Switches a fresh transaction to the application role and publishes the actor's scope to RLS
 * policies, in one round trip (set_config('role', …, true) is SET LOCAL ROLE).
 */
export async function enterAppRole(tx: Tx, scope: DbScope): Promise<void> {
  await tx.execute(
    sql`SELECT set_config('role', ${APP_ROLE}, true),
               set_config('shekara.unit_paths', ${scope.unitPaths.join(",")}, true),
               set_config('shekara.user_id', ${scope.userId ?? ""}, true),
               set_config('shekara.all_units', ${scope.all ? "on" : "off"}, true)`,
  );
}
