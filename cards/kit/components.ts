/**
 * Typed builders for the card JSON 2.0 components the bot uses. Only the properties Lark
 * documents are emitted: 2.0 rejects unknown properties (lark-platform.md §3.1).
 */
import { plain } from "./text.js";

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
export type Element = { tag: string; [k: string]: unknown };

export type HeaderTemplate = "blue" | "wathet" | "turquoise" | "green" | "yellow" | "orange" | "red" | "carmine" | "violet" | "purple" | "indigo" | "grey" | "default";

export interface Card {
  schema: "2.0";
  config: { update_multi: true; summary?: { content: string } };
  header?: { title: { tag: "plain_text"; content: string }; subtitle?: { tag: "plain_text"; content: string }; template: HeaderTemplate };
  body: { elements: Element[] };
}

export const plainText = (content: string) => ({ tag: "plain_text" as const, content });

export function card(opts: { title: string; subtitle?: string; template?: HeaderTemplate; summary?: string; elements: Element[] }): Card {
  return {
    schema: "2.0",
    config: { update_multi: true, ...(opts.summary ? { summary: { content: plain(opts.summary, 100) } } : {}) },
    header: {
      title: plainText(plain(opts.title, 100)),
      ...(opts.subtitle ? { subtitle: plainText(plain(opts.subtitle, 100)) } : {}),
      template: opts.template ?? "blue",
    },
    body: { elements: opts.elements },
  };
}

/** Trusted markdown written by us. User text must go through `escapeMarkdown` first. */
export const markdown = (content: string, opts: { size?: "normal" | "notation" | "heading" } = {}): Element => ({
  tag: "markdown",
  content,
  ...(opts.size && opts.size !== "normal" ? { text_size: opts.size } : {}),
});

/** User text shown verbatim: plain_text is never interpreted (no mentions, links or markup). */
export const userText = (content: string, max = 2000): Element => ({ tag: "div", text: plainText(plain(content, max)) });

/** Grey small print (2.0 has no `note` component). */
export const notation = (content: string): Element => ({ tag: "markdown", content, text_size: "notation" });

export const hr = (): Element => ({ tag: "hr" });

export interface ActionValue {
  /** Routes the callback to its handler. */
  action: string;
  [k: string]: Json;
}

export type ButtonType = "default" | "primary" | "danger" | "text" | "primary_text" | "danger_text" | "primary_filled" | "danger_filled" | "laser";

export function button(opts: { text: string; value: ActionValue; type?: ButtonType; name?: string; disabled?: boolean; confirm?: { title: string; text: string } }): Element {
  return {
    tag: "button",
    ...(opts.name ? { name: opts.name } : {}),
    text: plainText(opts.text),
    type: opts.type ?? "default",
    ...(opts.disabled ? { disabled: true } : {}),
    ...(opts.confirm ? { confirm: { title: plainText(opts.confirm.title), text: plainText(opts.confirm.text) } } : {}),
    behaviors: [{ type: "callback", value: opts.value }],
  };
}

export function submitButton(opts: { text?: string; value: ActionValue; name?: string }): Element {
  return {
    tag: "button",
    name: opts.name ?? "submit",
    text: plainText(opts.text ?? "提交"),
    type: "primary_filled",
    form_action_type: "submit",
    behaviors: [{ type: "callback", value: opts.value }],
  };
}

/** Buttons side by side (2.0 has no `action` module). */
export function buttonRow(buttons: Element[]): Element {
  return {
    tag: "column_set",
    flex_mode: "flow",
    columns: buttons.map((b) => ({ tag: "column", width: "auto", elements: [b] })),
  };
}

export function columns(cols: { elements: Element[]; weight?: number }[]): Element {
  return {
    tag: "column_set",
    columns: cols.map((c) => ({ tag: "column", width: "weighted", weight: c.weight ?? 1, elements: c.elements })),
  };
}

export function form(name: string, elements: Element[]): Element {
  return { tag: "form", name, elements };
}

interface FieldBase {
  name: string;
  label?: string;
  required?: boolean;
  placeholder?: string;
}

export function input(f: FieldBase & { value?: string; maxLength?: number; multiline?: boolean; rows?: number }): Element {
  return {
    tag: "input",
    name: f.name,
    ...(f.required ? { required: true } : {}),
    ...(f.label ? { label: plainText(f.label), label_position: "top" } : {}),
    ...(f.placeholder ? { placeholder: plainText(f.placeholder) } : {}),
    ...(f.value !== undefined && f.value !== "" ? { default_value: f.value } : {}),
    ...(f.maxLength ? { max_length: f.maxLength } : {}),
    ...(f.multiline ? { input_type: "multiline_text", rows: f.rows ?? 3 } : {}),
  };
}

export interface Option {
  value: string;
  text: string;
}

const options = (opts: Option[]) => opts.map((o) => ({ text: plainText(o.text), value: o.value }));

export function select(f: FieldBase & { options: Option[]; value?: string }): Element {
  return {
    tag: "select_static",
    name: f.name,
    ...(f.required ? { required: true } : {}),
    placeholder: plainText(f.placeholder ?? f.label ?? "请选择"),
    options: options(f.options),
    ...(f.value ? { initial_option: f.value } : {}),
  };
}

export function multiSelect(f: FieldBase & { options: Option[]; value?: string[] }): Element {
  return {
    tag: "multi_select_static",
    name: f.name,
    ...(f.required ? { required: true } : {}),
    placeholder: plainText(f.placeholder ?? f.label ?? "可多选"),
    options: options(f.options),
    ...(f.value && f.value.length ? { initial_options: f.value } : {}),
  };
}

export function datePicker(f: FieldBase & { value?: string }): Element {
  return {
    tag: "date_picker",
    name: f.name,
    ...(f.required ? { required: true } : {}),
    placeholder: plainText(f.placeholder ?? f.label ?? "选择日期"),
    ...(f.value ? { initial_date: f.value } : {}),
  };
}

export function dateTimePicker(f: FieldBase & { value?: string }): Element {
  return {
    tag: "picker_datetime",
    name: f.name,
    ...(f.required ? { required: true } : {}),
    placeholder: plainText(f.placeholder ?? f.label ?? "选择日期和时间"),
    ...(f.value ? { initial_datetime: f.value } : {}),
  };
}

export function checker(f: { name: string; text: string; checked?: boolean }): Element {
  return { tag: "checker", name: f.name, checked: !!f.checked, text: plainText(f.text) };
}

export interface TableColumn {
  name: string;
  title: string;
  type?: "text" | "number" | "lark_md";
  width?: string;
}

/** Root-level only (Lark refuses tables inside forms or columns). */
export function table(opts: { columns: TableColumn[]; rows: Record<string, string | number>[]; pageSize?: number }): Element {
  return {
    tag: "table",
    page_size: Math.min(10, Math.max(1, opts.pageSize ?? 10)),
    row_height: "low",
    header_style: { bold: true, background_style: "grey" },
    columns: opts.columns.map((c) => ({ name: c.name, display_name: c.title, data_type: c.type ?? "text", ...(c.width ? { width: c.width } : {}) })),
    rows: opts.rows,
  };
}

/** A VChart spec (plain data, no functions); `media: []` opts out of the platform's media queries. */
export function chart(spec: Record<string, Json>, aspectRatio: "16:9" | "4:3" | "1:1" | "2:1" = "16:9"): Element {
  return { tag: "chart", aspect_ratio: aspectRatio, chart_spec: { ...spec, media: [] } };
}
