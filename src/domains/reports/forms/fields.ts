/**
 * A small form model shared by the 月报表, the 自查表 and the patrol card: each paper-form box is
 * one field with its exact heading, a kind and its limits. The same definitions drive the card
 * (labels, max lengths, required marks), the server-side validation (the card's own `required`
 * is only a client hint) and the XLSX export, so the three can never disagree on a heading.
 */
import { z } from "zod";

interface Base {
  key: string;
  /** The heading as printed on the paper form. */
  label: string;
  required?: boolean;
  /** Shown under the field (e.g. “仅中心小学填写”). */
  hint?: string;
}

export type FieldDef =
  | (Base & { kind: "text"; maxChars: number; multiline?: boolean; phone?: boolean })
  | (Base & { kind: "int"; max?: number })
  | (Base & { kind: "yesNo" })
  | (Base & { kind: "date" });

export type FieldValue = string | number | boolean | null;
export type FormValues = Record<string, FieldValue>;

export interface FieldError {
  field: string;
  message: string;
}

/** What a card's submit sends: `{name: value}`; selects give strings, multi-selects arrays. */
export const rawFormValueSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]));
export type RawFormValue = z.infer<typeof rawFormValueSchema>;

export const YES = "yes";
export const NO = "no";
export const yesNoOptions = [
  { value: YES, text: "有" },
  { value: NO, text: "无" },
];

const FULLWIDTH_DIGITS = /[０-９]/g;
/** People type full-width digits on Chinese IMEs; 「１２」 means 12. */
export function normalizeDigits(s: string): string {
  return s.replace(FULLWIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const PHONE = /^\+?[0-9][0-9\- ]{4,19}$/;
export const MAX_INT = 1_000_000;

/** What the person typed, as text, so a form that comes back keeps it exactly. */
export function typedText(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (Array.isArray(v)) return v.join(",");
  return String(v);
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && v.length === 0);
}

/** One field: a typed value or a Chinese error naming the field. */
export function parseField(f: FieldDef, raw: unknown): { value: FieldValue } | { error: string } {
  if (isBlank(raw)) return f.required ? { error: `请填写“${f.label}”` } : { value: null };
  switch (f.kind) {
    case "int": {
      const s = normalizeDigits(typedText(raw).trim());
      if (!/^\d+$/.test(s)) return { error: `“${f.label}”应为不小于 0 的整数` };
      const n = Number(s);
      const max = f.max ?? MAX_INT;
      if (n > max) return { error: `“${f.label}”不能超过 ${max}` };
      return { value: n };
    }
    case "yesNo": {
      const s = typedText(raw).trim();
      if (s === YES || s === "有" || s === "true") return { value: true };
      if (s === NO || s === "无" || s === "false") return { value: false };
      return { error: `“${f.label}”请选择“有”或“无”` };
    }
    case "date": {
      // Lark date pickers send "2024-04-01 +0800"; typed dates may use / or 年月日.
      const s = normalizeDigits(typedText(raw).trim());
      const m = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?(?:\s.*)?$/.exec(s);
      if (!m) return { error: `“${f.label}”应为日期，例如 2018-09-01` };
      const iso = `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
      const d = new Date(`${iso}T00:00:00Z`);
      if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) return { error: `“${f.label}”日期不存在` };
      return { value: iso };
    }
    case "text": {
      const s = typedText(raw).trim();
      const chars = Array.from(s).length;
      if (chars > f.maxChars) return { error: `“${f.label}”不能超过 ${f.maxChars} 字（当前 ${chars} 字）` };
      if (f.phone && !PHONE.test(normalizeDigits(s))) return { error: `“${f.label}”应为电话号码，例如 0539-8927055` };
      return { value: f.phone ? normalizeDigits(s) : s };
    }
  }
}

export interface ParsedForm {
  values: FormValues;
  /** Everything the person sent, as text, keyed by field: used to refill a form with errors. */
  typed: Record<string, string>;
  errors: FieldError[];
}

/** All fields at once; cross-field rules are the caller's (they need the typed values). */
export function parseFields(defs: readonly FieldDef[], raw: RawFormValue): ParsedForm {
  const values: FormValues = {};
  const typed: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const f of defs) {
    typed[f.key] = typedText(raw[f.key]);
    const r = parseField(f, raw[f.key]);
    if ("error" in r) errors.push({ field: f.key, message: r.error });
    else values[f.key] = r.value;
  }
  return { values, typed, errors };
}

/** Stored values back to the text a card field shows (yes/no as the select's option value). */
export function valueToText(f: FieldDef, v: FieldValue | undefined): string {
  if (v === undefined || v === null) return "";
  if (f.kind === "yesNo") return v === true ? YES : v === false ? NO : String(v);
  return String(v);
}

/** As printed in a paper-form cell. */
export function valueToCell(f: FieldDef, v: FieldValue | undefined): string | number {
  if (v === undefined || v === null) return "";
  if (f.kind === "yesNo") return v === true ? "有（√）无（  ）" : "有（  ）无（√）";
  if (f.kind === "int") return Number(v);
  return String(v);
}

export function fieldByKey(defs: readonly FieldDef[], key: string): FieldDef | undefined {
  return defs.find((f) => f.key === key);
}
