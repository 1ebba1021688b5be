export * from "./indicators.js";
export * from "./reconcile.js";
