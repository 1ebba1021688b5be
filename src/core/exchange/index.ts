/** Inter-agency information exchange (X p.5): rules as data, local time, obligations, compliance. */
export * from "./classes.js";
export * from "./compliance.js";
export * from "./delivery.js";
export * from "./obligations.js";
export * from "./periods.js";
export * from "./time.js";
