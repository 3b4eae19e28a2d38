/**
 * Periods (YYYY-MM) and the due date of a periodic form. Pure: `now` and the time zone are
 * parameters. The plan's recurring deadline “每月25日前” makes the report of month M due on
 * M-25 (the recurrence's periodKey is the due date's month), so the period is that month.
 * A quarterly rule (每季度末, `{every: quarter, day: last}`) makes one report per quarter, due
 * on the quarter's last day; its period is the quarter's last month (2021-03 for 2021年第一季度),
 * which is also the periodKey reminders and bulletins use for that occurrence.
 */
import { daysInMonth, instantToLocalDate, localDateToInstant, addDays, quarterLabel, quarterMonths, ymd } from "../../core/calendar.js";
import type { Deadline, Plan } from "../campaigns/schema.js";

export const PERIOD_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(s: string): boolean {
  return PERIOD_RE.test(s);
}

export function periodOf(now: Date, tz: string): string {
  return instantToLocalDate(now, tz).slice(0, 7);
}

export function periodLabel(period: string): string {
  return `${Number(period.slice(0, 4))}年${Number(period.slice(5, 7))}月`;
}

/** The quarter's last month (2021-02 → 2021-03): the period a quarterly report is kept under. */
export function quarterEndPeriod(period: string): string {
  return quarterMonths(period)[2];
}

export { quarterLabel };

/** [start, end) of the period's calendar month as instants in `tz`. */
export function periodRange(period: string, tz: string): { from: Date; to: Date; firstDay: string; lastDay: string } {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  const firstDay = ymd(y, m, 1);
  const lastDay = ymd(y, m, daysInMonth(y, m));
  return { from: localDateToInstant(firstDay, "00:00", tz), to: localDateToInstant(addDays(lastDay, 1), "00:00", tz), firstDay, lastDay };
}

/** Plan files name the forms in kebab case (monthly-report, self-check); the code uses camel case. */
export const FORM_ALIASES: Record<string, string[]> = {
  monthlyReport: ["monthlyReport", "monthly-report"],
  selfCheck: ["selfCheck", "self-check"],
};

const aliasesOf = (form: string) => FORM_ALIASES[form] ?? [form];

/** The plan's `forms[]` entry of one of our forms, if the plan defines it. */
export function planFormOf(plan: Plan, form: string): Plan["forms"][number] | undefined {
  return plan.forms.find((f) => aliasesOf(form).includes(f.key));
}

/** The plan's deadlines that collect this form (usually one: `monthly-report`). */
export function deadlinesOfForm(plan: Plan, form: string): Deadline[] {
  return plan.deadlines.filter((d) => d.form !== undefined && aliasesOf(form).includes(d.form));
}

/**
 * The deadline a form is due under. Seed 001 has one deadline for both tables (“此表请于每月25日前
 * 与附件3“月报表”一同交”): a 自查表 without a deadline of its own is due with the 月报表 when the
 * plan defines it, and that deadline is complete for a school only when both are in.
 */
export function deadlineOfForm(plan: Plan, form: string): { deadline: Deadline; forms: string[] } | null {
  const own = deadlinesOfForm(plan, form)[0];
  const selfCheckOwn = deadlinesOfForm(plan, "selfCheck")[0];
  const bundled = (d: Deadline) => {
    const forms = Object.keys(FORM_ALIASES).filter((f) => d.form !== undefined && aliasesOf(f).includes(d.form));
    if (!selfCheckOwn && forms.includes("monthlyReport") && planFormOf(plan, "selfCheck")) forms.push("selfCheck");
    return forms;
  };
  if (own) return { deadline: own, forms: bundled(own) };
  if (form === "selfCheck" && planFormOf(plan, "selfCheck")) {
    const m = deadlinesOfForm(plan, "monthlyReport")[0];
    if (m) return { deadline: m, forms: bundled(m) };
  }
  return null;
}

/** True when the deadline `form` is due under recurs every quarter (每季度末). */
export function isQuarterlyForm(plan: Plan, form: string): boolean {
  const d = deadlineOfForm(plan, form)?.deadline;
  return !!d && d.kind === "recurring" && d.rule?.every === "quarter";
}

/**
 * The period a report of `form` is kept under when someone asks for `period`: a quarterly form's
 * quarter-end month (a 季度报表 opened in February is the first quarter's, kept as 2021-03),
 * else `period` itself.
 */
export function formPeriodOf(plan: Plan, form: string, period: string): string {
  return isQuarterlyForm(plan, form) ? quarterEndPeriod(period) : period;
}

/** The Chinese label of the report's period: “2021年第一季度” for a quarterly form, else “2021年3月”. */
export function formPeriodLabel(plan: Plan, form: string, period: string): string {
  return isQuarterlyForm(plan, form) ? quarterLabel(period) : periodLabel(period);
}

/** The months (YYYY-MM) a report of `form` for `period` covers: the quarter's three, else the one. */
export function formPeriodMonths(plan: Plan, form: string, period: string): string[] {
  return isQuarterlyForm(plan, form) ? quarterMonths(period) : [period];
}

/**
 * The inclusive last day for `form` in `period`, or null when the plan sets none (then nothing
 * is late and the form stays editable). A monthly rule with day N gives the Nth of the period's
 * month (clamped); a quarterly rule gives the quarter's last day when `period` is the quarter's
 * last month (03, 06, 09, 12) and null for the other months, which owe nothing; a once/window
 * deadline in that month gives its date.
 */
export function dueDateOf(plan: Plan, form: string, period: string): { deadlineKey: string; due: string; forms: string[] } | null {
  const found = deadlineOfForm(plan, form);
  if (!found) return null;
  const d = found.deadline;
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  const rule = d.kind === "recurring" && d.rule && d.rule.every === "month" && "day" in d.rule ? d.rule : null;
  if (rule) {
    const shift = rule.offsetMonths ?? 0;
    const mm = m - 1 + shift;
    const yy = y + Math.floor(mm / 12);
    const mon = (((mm % 12) + 12) % 12) + 1;
    return { deadlineKey: d.key, due: ymd(yy, mon, Math.min(rule.day, daysInMonth(yy, mon))), forms: found.forms };
  }
  if (d.kind === "recurring" && d.rule?.every === "quarter") {
    return m % 3 === 0 ? { deadlineKey: d.key, due: ymd(y, m, daysInMonth(y, m)), forms: found.forms } : null;
  }
  const due = d.kind === "window" ? d.end : d.due;
  if (due && due.slice(0, 7) === period) return { deadlineKey: d.key, due, forms: found.forms };
  return null;
}

/** Late = submitted after the whole due day (local) has passed. */
export function isLate(due: string | null, at: Date, tz: string): boolean {
  if (!due) return false;
  return instantToLocalDate(at, tz) > due;
}
