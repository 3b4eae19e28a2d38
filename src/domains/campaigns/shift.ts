/**
 * shiftPlan: move every date of a (demo) plan by whole weeks so that `now` falls inside
 * the campaign, a few days after it starts (weekdays are preserved, so working-day rules
 * behave the same). The sandbox calls it at start. Pure: returns a new plan.
 */
import { addDays, diffDays, instantToLocalDate } from "../../core/calendar.js";
import type { Plan } from "./schema.js";

function earliest(plan: Plan): string | null {
  const ds: string[] = [];
  if (plan.span.start) ds.push(plan.span.start);
  for (const p of plan.phases) if (p.start) ds.push(p.start);
  for (const d of plan.deadlines) for (const x of [d.due, d.start]) if (x) ds.push(x);
  return ds.sort()[0] ?? null;
}

/** Number of days `shiftPlan` would move the plan by (a multiple of 7). */
export function shiftDaysFor(plan: Plan, now: Date, daysIntoCampaign = 3): number {
  const start = earliest(plan);
  if (!start) return 0;
  const today = instantToLocalDate(now, plan.timezone);
  const delta = diffDays(start, today) - daysIntoCampaign;
  return Math.floor(delta / 7) * 7;
}

export function shiftPlan(plan: Plan, now: Date, daysIntoCampaign = 3): Plan {
  const n = shiftDaysFor(plan, now, daysIntoCampaign);
  const s = (d: string | null | undefined) => (d ? addDays(d, n) : d);
  const p: Plan = structuredClone(plan);
  if (n === 0) return p;
  p.issuedOn = s(p.issuedOn) ?? null;
  p.span = { ...p.span, start: s(p.span.start) ?? null, end: s(p.span.end) ?? null };
  p.phases = p.phases.map((x) => ({ ...x, start: s(x.start) ?? null, end: s(x.end) ?? null }));
  p.deadlines = p.deadlines.map((d) => {
    const out = { ...d };
    if (d.due !== undefined) out.due = s(d.due);
    if (d.start !== undefined) out.start = s(d.start);
    if (d.end !== undefined) out.end = s(d.end);
    if (d.rule && "anchor" in d.rule && d.rule.anchor) out.rule = { ...d.rule, anchor: s(d.rule.anchor) };
    return out;
  });
  if (p.semesters) p.semesters = p.semesters.map((x) => ({ ...x, start: s(x.start)!, end: s(x.end)! }));
  // holidays/make-up days are tied to real dates; after a shift they no longer apply
  delete p.calendar;
  return p;
}
