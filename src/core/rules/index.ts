/** The border-zone rule sets: schema, shipped versions, selection by date, comparison. */
export {
  CLAUSE_PATTERN,
  type Condition,
  conditionSchema,
  ISSUED_OUTCOMES,
  ISSUERS,
  type Issuer,
  parseRuleSet,
  type Rule,
  type RuleKind,
  type RuleOf,
  type RuleSet,
  ruleSchema,
  ruleSetSchema,
} from "./schema.js";
export { PERMANENT_RESIDENCE_ARRIVAL_DAYS, RULE_SET_V1 } from "./v1.js";
export {
  type ChangedRule,
  DEFAULT_RULE_SETS,
  diffRuleSets,
  type RuleSetDiff,
  ruleSetAt,
} from "./versions.js";
