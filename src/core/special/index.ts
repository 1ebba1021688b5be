/** Special procedures: foreigners' permits with NSC agreement (Z p.17) and special works (Z p.28). */
export * from "./foreigners.js";
export * from "./names.js";
export * from "./rules.js";
export * from "./works.js";
