/**
 * What each unit owes the bureau in a window: one item per occurrence of a plan deadline that
 * collects something (`action: submit`, or a `form`) and whose due day falls in the window and
 * in the plan's range (its span). Pure: the plan and the units are parameters. Weekly deadlines
 * are left out (a bulletin that counted four check-ins a month per school would drown the
 * 月报表), and so are relative and immediate ones (they belong to a case, not to a month).
 */
import type { Deadline, Plan } from "../campaigns/schema.js";
import { expandDeadline, planRange } from "../campaigns/recurrence.js";

export interface UnitRef {
  key: string;
  name: string;
  kind: string;
}

export interface OwedItem {
  deadlineKey: string;
  title: string;
  /** the occurrence's periodKey (what reminders' ItemCompletion uses) */
  periodKey: string;
  /** the form key it collects, when any */
  form: string | null;
  /**
   * For the reports domain's periodic forms: the period the submission row carries (a rule
   * with offsetMonths makes the report of October due in November).
   */
  submissionPeriod: string;
  due: string;
  unitKeys: string[];
}

function asArray(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** The units a deadline is owed by. Without any unit selector the notice means “各学校”. */
export function assignedUnits(d: Deadline, units: readonly UnitRef[]): UnitRef[] {
  const a = d.assignees;
  const byKey = asArray(a?.units);
  const byKind = asArray(a?.unitKind);
  if (byKey.length || byKind.length) return units.filter((u) => byKey.includes(u.key) || byKind.includes(u.kind));
  // Only bureau departments named (通报 by 安全科): nothing a school owes.
  if (a?.departments?.length) return [];
  return units.filter((u) => u.kind === "school");
}

function collects(d: Deadline): boolean {
  if (d.kind === "relative" || d.kind === "immediate") return false;
  if (d.rule && "every" in d.rule && d.rule.every === "week") return false;
  return d.action === "submit" || (d.action === undefined && !!d.form);
}

function shiftMonth(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = (((m % 12) + 12) % 12) + 1;
  return `${yy}-${String(mm).padStart(2, "0")}`;
}

export { shiftMonth };

export function owedItems(plan: Plan, units: readonly UnitRef[], window: { firstDay: string; lastDay: string }): OwedItem[] {
  const out: OwedItem[] = [];
  // Nothing is owed outside the campaign: a quarterly 通报 of a campaign that starts on 09-14
  // covers July to September, and must not name every school for July's and August's 月报表.
  const span = planRange(plan);
  const first = span && span.start > window.firstDay ? span.start : window.firstDay;
  const last = span && span.end < window.lastDay ? span.end : window.lastDay;
  if (first > last) return out;
  for (const d of plan.deadlines) {
    if (!collects(d)) continue;
    const who = assignedUnits(d, units);
    if (!who.length) continue;
    const offset = d.rule && "day" in d.rule && d.rule.every === "month" ? (d.rule.offsetMonths ?? 0) : 0;
    for (const o of expandDeadline(d, { start: first, end: last }, { semesters: plan.semesters })) {
      if (o.due < first || o.due > last) continue;
      out.push({
        deadlineKey: d.key,
        title: d.title,
        periodKey: o.periodKey,
        form: d.form ?? null,
        submissionPeriod: shiftMonth(o.due.slice(0, 7), -offset),
        due: o.due,
        unitKeys: who.map((u) => u.key),
      });
    }
  }
  return out.sort((a, b) => a.due.localeCompare(b.due) || a.deadlineKey.localeCompare(b.deadlineKey));
}
