/** What an interaction plan holds: its text, directions, variants and tasks. Pure. */
import { z } from "zod";
import { CALENDAR_DATE, customMessage, matching } from "../validation-messages.js";
import { isCalendarDate } from "./dates.js";
import { DIRECTION_CODES, PARTIES } from "./rules.js";

const isoDate = z.string().refine(isCalendarDate, customMessage(CALENDAR_DATE));
const key = matching(/^[A-Za-z0-9_-]{1,40}$/, {
  kk: "әріптер, цифрлар, - және _ (нұсқалар бойы тұрақты кілт)",
  ru: "буквы, цифры, - и _ (ключ, постоянный между версиями)",
  en: "letters, digits, - and _ (a stable key across versions)",
});

/** A variant of joint action agreed for one situation (X p.3.1): what each party does. */
export const variantSchema = z.strictObject({
  key,
  situation: z.string().trim().min(1).max(500),
  actions: z.strictObject({
    IAB: z.string().trim().min(1).max(2000),
    NSC: z.string().trim().min(1).max(2000),
    CUSTOMS: z.string().trim().min(1).max(2000),
  }),
});

/** A task of the plan: owned by one party, due on a date; progress is tracked by its key. */
export const planTaskSchema = z.strictObject({
  key,
  text: z.string().trim().min(1).max(1000),
  direction: z.enum(DIRECTION_CODES as [string, ...string[]]),
  owner: z.enum(PARTIES),
  dueDate: isoDate,
});

/** The content of one plan version. */
export const planContentSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(300),
    summary: z.string().trim().max(8000).default(""),
    directions: z
      .array(z.enum(DIRECTION_CODES as [string, ...string[]]))
      .min(1)
      .max(10),
    variants: z.array(variantSchema).max(50).default([]),
    tasks: z.array(planTaskSchema).max(200).default([]),
  })
  .superRefine((content, ctx) => {
    for (const [list, name] of [
      [content.variants, "variants"],
      [content.tasks, "tasks"],
    ] as const) {
      const seen = new Set<string>();
      list.forEach((entry, index) => {
        if (seen.has(entry.key)) {
          ctx.addIssue({ code: "custom", path: [name, index, "key"], message: `duplicate key ${entry.key}` });
        }
        seen.add(entry.key);
      });
    }
    if (new Set(content.directions).size !== content.directions.length) {
      ctx.addIssue({
        code: "custom",
        path: ["directions"],
        ...customMessage({
          kk: "бағыт екі рет көрсетілген",
          ru: "направление указано дважды",
          en: "a direction is listed twice",
        }),
      });
    }
  });

export type PlanContent = z.infer<typeof planContentSchema>;
export type PlanTask = z.infer<typeof planTaskSchema>;
export type PlanVariant = z.infer<typeof variantSchema>;
