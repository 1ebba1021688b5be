/**
 * Joint activity of a triad: joint patrols, operational (working) groups, joint
 * meetings and boards, joint orders and guidance documents; each kind has its own fields, member
 * rule and completion rule, with the clause that gives it. Pure.
 */
import { z } from "zod";
import type { Translated } from "../i18n.js";
import { issueDetail } from "../validation-messages.js";
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

/** A problem with an activity's input: the field and the reason in kk/ru/en, for a 400. */
export interface JointProblem {
  field: string;
  message: Translated;
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
    const field = `details.${issue?.path.join(".") ?? ""}`;
    return { details: {}, problem: { field, message: issueDetail(issue, field) } };
  }
  if (input.endsOn && input.endsOn < input.startsOn) {
    return {
      details: parsed.data,
      problem: {
        field: "endsOn",
        message: {
          kk: "аяқталу күні басталу күнінен ерте",
          ru: "дата окончания раньше даты начала",
          en: "ends before it starts",
        },
      },
    };
  }
  const parties = new Set(input.members.map((m) => m.party));
  if (parties.size < rule.minParties) {
    return {
      details: parsed.data,
      problem: {
        field: "members",
        message: {
          kk: `үш ведомстваның кемінде ${rule.minParties} өкілі қажет (${rule.clause})`,
          ru: `нужны представители не менее ${rule.minParties} из трёх ведомств (${rule.clause})`,
          en: `members of at least ${rule.minParties} of the three agencies are needed (${rule.clause})`,
        },
      },
    };
  }
  return { details: parsed.data, problem: null };
}

/** What must be written before an activity is closed, by its closing field. */
const CLOSE_FIRST: Record<"report" | "minutes", Translated> = {
  report: {
    kk: "алдымен есепті жазыңыз",
    ru: "сначала напишите отчёт",
    en: "write the report first",
  },
  minutes: {
    kk: "алдымен хаттаманы жазыңыз",
    ru: "сначала напишите протокол",
    en: "write the minutes first",
  },
};

/** What closing an activity requires: the patrol's or group's report, the meeting's minutes. */
export function closeProblem(kind: JointKind, details: Record<string, unknown>): JointProblem | null {
  const field = JOINT_KINDS[kind].closeField;
  if (field === null)
    return {
      field: "status",
      message: {
        kk: "бірлескен құжат күшінде қалады; ол жабылмайды",
        ru: "совместный документ остаётся в силе; его не закрывают",
        en: "a joint document stays in force; it is not closed",
      },
    };
  const value = details[field];
  return typeof value === "string" && value.trim()
    ? null
    : {
        field: `details.${field}`,
        message: CLOSE_FIRST[field],
      };
}
