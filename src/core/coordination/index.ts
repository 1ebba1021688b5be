export * from "./custody.js";
export * from "./dates.js";
export * from "./joint.js";
export * from "./plan-content.js";
export * from "./plan-diff.js";
export * from "./plan-machine.js";
export * from "./rules.js";
export * from "./sector-map.js";
