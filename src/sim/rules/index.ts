/** The platform's rules, pure and independent of the simulator's transport. */
export * from "./errors.js";
export * from "./card.js";
export * from "./message.js";
export * from "./patch.js";
export * from "./rate.js";
export * from "./callback.js";
export * from "./plug.js";
