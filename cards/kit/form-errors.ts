import type { Element } from "./components.js";
import { escapeMarkdown } from "./text.js";

export interface FieldError {
  field: string;
  message: string;
}

/** A red line under a field; the form keeps what was typed because builders take `value`. */
export function fieldError(errors: readonly FieldError[] | undefined, field: string): Element[] {
  const e = errors?.find((x) => x.field === field);
  return e ? [{ tag: "markdown", content: `<font color='red'>⚠ ${escapeMarkdown(e.message, 200)}</font>`, text_size: "notation" }] : [];
}

/** Summary at the top of a form that came back with errors. */
export function errorSummary(errors: readonly FieldError[] | undefined): Element[] {
  if (!errors || errors.length === 0) return [];
  return [{ tag: "markdown", content: `<font color='red'>**提交未成功，请修改 ${errors.length} 处标红的内容后重新提交。**</font>` }];
}
