import type { Translated } from "./i18n.js";

/** The parts of a schema-validation issue that the messages need. */
export interface IssueFacts {
  code: string;
  field: string;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
  keys?: string[];
}

/** Explains a validation issue in kk/ru/en, naming the field (schema messages are English-only). */
export function describeIssue(issue: IssueFacts): Translated {
  const f = issue.field;
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "undefined" || issue.expected === "never"
        ? {
            kk: `${f}: бұл өріс рұқсат етілмеген`,
            ru: `${f}: это поле не допускается`,
            en: `${f}: this field is not allowed`,
          }
        : {
            kk: `${f}: міндетті өріс немесе түрі қате (күтілгені: ${issue.expected})`,
            ru: `${f}: обязательное поле отсутствует или неверного типа (ожидается: ${issue.expected})`,
            en: `${f}: missing or of the wrong type (expected ${issue.expected})`,
          };
    case "too_small":
      return issue.origin === "string" || issue.origin === "array"
        ? {
            kk: `${f}: тым қысқа (кемінде ${issue.minimum})`,
            ru: `${f}: слишком короткое (не менее ${issue.minimum})`,
            en: `${f}: too short (at least ${issue.minimum})`,
          }
        : {
            kk: `${f}: тым кіші (кемінде ${issue.minimum})`,
            ru: `${f}: слишком мало (не менее ${issue.minimum})`,
            en: `${f}: too small (at least ${issue.minimum})`,
          };
    case "too_big":
      return issue.origin === "string" || issue.origin === "array"
        ? {
            kk: `${f}: тым ұзын (ең көбі ${issue.maximum})`,
            ru: `${f}: слишком длинное (не более ${issue.maximum})`,
            en: `${f}: too long (at most ${issue.maximum})`,
          }
        : {
            kk: `${f}: тым үлкен (ең көбі ${issue.maximum})`,
            ru: `${f}: слишком велико (не более ${issue.maximum})`,
            en: `${f}: too large (at most ${issue.maximum})`,
          };
    case "invalid_format":
    case "invalid_string":
      return {
        kk: `${f}: пішімі қате${issue.format ? ` (${issue.format})` : ""}`,
        ru: `${f}: неверный формат${issue.format ? ` (${issue.format})` : ""}`,
        en: `${f}: wrong format${issue.format ? ` (${issue.format})` : ""}`,
      };
    case "invalid_value":
    case "invalid_enum_value":
    case "invalid_union":
      return {
        kk: `${f}: рұқсат етілмеген мән`,
        ru: `${f}: недопустимое значение`,
        en: `${f}: value not allowed`,
      };
    case "unrecognized_keys": {
      const keys = (issue.keys ?? []).join(", ");
      return {
        kk: `белгісіз өрістер: ${keys}`,
        ru: `неизвестные поля: ${keys}`,
        en: `unknown fields: ${keys}`,
      };
    }
    default:
      return { kk: `${f}: мән қате`, ru: `${f}: неверное значение`, en: `${f}: invalid value` };
  }
}
