/** "Do I need a pass?": the traveller facts, the engine and its labels. */
export {
  type EligibilityContext,
  type EligibilityResult,
  evaluateEligibility,
  OUTCOMES,
  type Outcome,
  type Place,
  validityLimitDays,
} from "./engine.js";
export { CITIZENSHIP_LABELS, PURPOSE_LABELS, STATUS_LABELS, ZONE_PART_LABELS } from "./fact-labels.js";
export * from "./facts.js";
export { DOCUMENT_LABELS, FLAG_LABELS, ISSUER_LABELS, OUTCOME_LABELS } from "./labels.js";
