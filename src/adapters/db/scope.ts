import { sql } from "drizzle-orm";
import { APP_ROLE, type DbScope, type Tx } from "./database.js";

/** Switches a fresh transaction to the application role and publishes the actor's scope to RLS policies. */
export async function enterAppRole(tx: Tx, scope: DbScope): Promise<void> {
  await tx.execute(sql.raw(`SET LOCAL ROLE ${APP_ROLE}`));
  await tx.execute(
    sql`SELECT set_config('shekara.unit_paths', ${scope.unitPaths.join(",")}, true),
               set_config('shekara.user_id', ${scope.userId ?? ""}, true),
               set_config('shekara.all_units', ${scope.all ? "on" : "off"}, true)`,
  );
}
