/**
 * Joint activity of a triad: joint patrols, operational (working) groups, joint
 * meetings and boards, joint orders and guidance documents; each kind has its own fields, member
 * rule and completion rule, with the clause that gives it. Pure.
 */
import { z } from "zod";
import type { Translated } from "../i18n.js";
import { PARTIES, type Party } from "./rules.js";

const t = (kk: string, ru: string, en: string): Translated => ({ kk, ru, en });
const line = z.string().trim().min(1).max(1000);

/** A member of a joint activity: which party, who, in what position. */
export const memberSchema = z.strictObject({
  party: z.enum(PARTIES),
  name: z.string().trim().min(1).max(200),
  position: z.string().trim().max(200).default(""),
});

/** Each kind: its fields, how many parties must take part, and what closing it requires. */
export const JOINT_KINDS = {
  PATROL: {
    clause: "X p.9.5",
    label: t("Бірлескен патрульдеу", "Совместное патрулирование", "Joint patrol"),
    minParties: 2,
    details: z.strictObject({ route: line, schedule: line, report: z.string().trim().max(8000).default("") }),
    closeField: "report",
  },
  WORKING_GROUP: {
    clause: "X p.9.7, p.10.4",
    label: t(
      "Бірлескен жедел (жұмыс) тобы",
      "Совместная оперативная (рабочая) группа",
      "Joint operational (working) group",
    ),
    minParties: 3,
    details: z.strictObject({ purpose: line, report: z.string().trim().max(8000).default("") }),
    closeField: "report",
  },
  MEETING: {
    clause: "X p.9.7, p.10.2",
    label: t(
      "Бірлескен кеңес, алқа отырысы",
      "Совместное совещание, заседание коллегии",
      "Joint meeting or board",
    ),
    minParties: 2,
    details: z.strictObject({
      form: z.enum(["BOARD", "COUNCIL", "OPERATIONAL"]),
      agenda: z.array(line).min(1).max(50),
      minutes: z.string().trim().max(20000).default(""),
      decisions: z.array(line).max(50).default([]),
    }),
    closeField: "minutes",
  },
  ORDER: {
    clause: "X p.10.3",
    label: t("Бірлескен бұйрық, нұсқаулық", "Совместный приказ, инструкция", "Joint order or guidance"),
    minParties: 3,
    details: z.strictObject({
      form: z.enum(["ORDER", "PLAN", "INSTRUCTION", "GUIDANCE"]),
      number: z.string().trim().max(100).default(""),
      text: z.string().trim().min(1).max(50000),
    }),
    closeField: null,
  },
} as const;
export type JointKind = keyof typeof JOINT_KINDS;
export const JOINT_KIND_CODES = Object.keys(JOINT_KINDS) as JointKind[];

/** Statuses: planned (or in force, for documents), then done. */
export const JOINT_STATUSES = ["PLANNED", "DONE"] as const;
export type JointStatus = (typeof JOINT_STATUSES)[number];

/** A problem with an activity's input: the field and the reason, for a 400. */
export interface JointProblem {
  field: string;
  message: string;
}

/** Checks an activity: its details for the kind, dates in order, enough parties among the members. */
export function checkActivity(input: {
  kind: JointKind;
  startsOn: string;
  endsOn?: string | null;
  members: { party: Party }[];
  details: unknown;
}): { details: Record<string, unknown>; problem: JointProblem | null } {
  const rule = JOINT_KINDS[input.kind];
  const parsed = rule.details.safeParse(input.details);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      details: {},
      problem: { field: `details.${issue?.path.join(".") ?? ""}`, message: issue?.message ?? "invalid" },
    };
  }
  if (input.endsOn && input.endsOn < input.startsOn) {
    return { details: parsed.data, problem: { field: "endsOn", message: "ends before it starts" } };
  }
  const parties = new Set(input.members.map((m) => m.party));
  if (parties.size < rule.minParties) {
    return {
      details: parsed.data,
      problem: {
        field: "members",
        message: `members of at least ${rule.minParties} of the three agencies are needed (${rule.clause})`,
      },
    };
  }
  return { details: parsed.data, problem: null };
}

/** What closing an activity requires: the patrol's or group's report, the meeting's minutes. */
export function closeProblem(kind: JointKind, details: Record<string, unknown>): JointProblem | null {
  const field = JOINT_KINDS[kind].closeField;
  if (field === null)
    return { field: "status", message: "a joint document stays in force; it is not closed" };
  const value = details[field];
  return typeof value === "string" && value.trim()
    ? null
    : { field: `details.${field}`, message: `write the ${field} first` };
}
