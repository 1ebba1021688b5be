/** Organizations' petitions (Z-13, Z-14, Z-15): kinds, rules from the rule set, people and copies. */
export * from "./kinds.js";
export * from "./lifecycle.js";
export * from "./members.js";
export * from "./rules.js";
