import {
  type CaseState,
  type PassAction,
  type PassActionType,
  TRANSITIONS,
} from "../../core/passes/index.js";
import type { applications } from "../../db/schema.js";
import type { Actor } from "../context.js";

/** A case as the API shows it: the application, its derived state, history and what may happen next. */
export interface CaseView {
  row: typeof applications.$inferSelect;
  state: CaseState;
  actions: PassAction[];
  allowed: PassActionType[];
  files: { id: string; name: string; type: string; size: number }[];
}

/** What the actor may do next on a case: nothing for its applicant, the permitted steps for officers. */
export function allowedActions(
  actor: Actor,
  row: { applicantUserId: string | null },
  state: CaseState,
): PassActionType[] {
  if (row.applicantUserId === actor.userId) return [];
  return Object.values(TRANSITIONS)
    .filter((rule) => rule.from.includes(state.status) && actor.permissions.has(rule.permission))
    .map((rule) => rule.type) as PassActionType[];
}
