/** Passes: the case state machine, pass numbering and the signed offline-verifiable code (C-6). */
export * from "./names.js";
export * from "./numbering.js";
export * from "./qr.js";
export * from "./refusal-reasons.js";
export * from "./register-wording.js";
export * from "./reminders.js";
export * from "./state-machine.js";
