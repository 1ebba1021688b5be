export * from "./catalog.js";
export * from "./fold.js";
