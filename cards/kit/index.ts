export * from "./components.js";
export * from "./text.js";
export * from "./form-errors.js";
