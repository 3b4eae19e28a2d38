/** The periodic forms (one per unit per period) by their plan `form` key. */
import type { FieldDef, FormValues, ParsedForm, RawFormValue } from "./fields.js";
import { MONTHLY_REPORT_FORM, MONTHLY_REPORT_TITLE, monthlyReportFields, monthlyStatsOf, parseMonthlyReport, type MonthlyStats } from "./monthly-report.js";
import { SELF_CHECK_FORM, SELF_CHECK_TITLE, parseSelfCheck, selfCheckFields } from "./self-check.js";

export type PeriodicFormKey = typeof MONTHLY_REPORT_FORM | typeof SELF_CHECK_FORM;

export interface PeriodicFormDef {
  key: PeriodicFormKey;
  /** Short name in chat. */
  name: string;
  defaultTitle: string;
  fields: FieldDef[];
  parse(raw: RawFormValue): ParsedForm;
  /** Columns kept outside the JSON for bulletins. */
  stats(v: FormValues): Partial<MonthlyStats>;
}

export const periodicForms: Record<PeriodicFormKey, PeriodicFormDef> = {
  monthlyReport: { key: MONTHLY_REPORT_FORM, name: "月报表", defaultTitle: MONTHLY_REPORT_TITLE, fields: monthlyReportFields, parse: parseMonthlyReport, stats: monthlyStatsOf },
  selfCheck: { key: SELF_CHECK_FORM, name: "自查表", defaultTitle: SELF_CHECK_TITLE, fields: selfCheckFields, parse: parseSelfCheck, stats: () => ({}) },
};

export function isPeriodicForm(k: string): k is PeriodicFormKey {
  return k === MONTHLY_REPORT_FORM || k === SELF_CHECK_FORM;
}

export * from "./fields.js";
export * from "./monthly-report.js";
export * from "./self-check.js";
