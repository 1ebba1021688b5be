import {
  ACT_ACTION_NAMES,
  ACT_STATUS_NAMES,
  JOINT_STATUS_NAMES,
  PLAN_ACTION_NAMES,
  PLAN_STATUS_NAMES,
} from "../../src/core/coordination/names.js";
import { isLang, LANGS, type Lang, type Translated } from "../../src/core/i18n.js";
import { CASE_STATUS_NAMES, PASS_ACTION_NAMES } from "../../src/core/passes/names.js";
import {
  FOREIGNER_STAGE_NAMES,
  FOREIGNER_STEP_NAMES,
  WORK_DECISION_NAMES,
  WORKS_OUTCOME_NAMES,
} from "../../src/core/special/names.js";
import { BODY_NAMES } from "../../src/core/special/rules.js";

// Every web/src/locales/<area>.<lang>.json (and <lang>.json) is merged into that language's
// translations, so each area of the app keeps its texts in its own files.
const files = import.meta.glob<Record<string, unknown>>("./locales/*.json", {
  eager: true,
  import: "default",
});
/** Every language's translation tree: the locale files, with the core's name tables merged in. */
export const translations: Record<Lang, Record<string, unknown>> = { kk: {}, ru: {}, en: {} };
for (const [file, content] of Object.entries(files)) {
  const lang = /(?:^|[./])(kk|ru|en)\.json$/.exec(file)?.[1];
  if (isLang(lang)) merge(translations[lang], content);
}
// The names of the machines' states and actions are the core's, which the server's messages use too.
for (const lang of LANGS) {
  merge(translations[lang], {
    passes: { status: namesIn(CASE_STATUS_NAMES, lang), action: namesIn(PASS_ACTION_NAMES, lang) },
    special: {
      stage: { ...namesIn(FOREIGNER_STAGE_NAMES, lang), ...namesIn(WORKS_OUTCOME_NAMES, lang) },
      steps: namesIn(FOREIGNER_STEP_NAMES, lang),
      body: namesIn(BODY_NAMES, lang),
      decision: namesIn(WORK_DECISION_NAMES, lang),
    },
    coord: {
      status: {
        ...namesIn(ACT_STATUS_NAMES, lang),
        ...namesIn(PLAN_STATUS_NAMES, lang),
        ...namesIn(JOINT_STATUS_NAMES, lang),
      },
      acts: { action: namesIn(ACT_ACTION_NAMES, lang) },
      plans: { action: namesIn(PLAN_ACTION_NAMES, lang) },
    },
  });
}

/** A table of names in every language, in one language. */
function namesIn(names: Record<string, Translated>, lang: Lang): Record<string, string> {
  return Object.fromEntries(Object.entries(names).map(([key, name]) => [key, name[lang]]));
}

/** Merges translation trees, so two files may both add keys under "nav". */
function merge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isTree(existing) && isTree(value)) merge(existing, value);
    else target[key] = value;
  }
}

function isTree(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
