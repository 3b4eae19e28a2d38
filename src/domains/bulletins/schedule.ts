/**
 * When bulletins go out, pure (plan and `now` in, specs out):
 * - monthly, for every month of the campaign's span: on the plan's `bulletins.day` at
 *   `bulletins.time`, else the day after the month's last collecting deadline (“每月25日前” →
 *   the 26th), else the 1st of the next month; 09:00 in the plan's time zone by default;
 * - periodic 通报: on each occurrence of a recurring deadline whose title is a 通报 — “every N
 *   months” (kind `bimonthly`, covering the N months up to it) or 每季度末 (kind `quarterly`,
 *   covering the calendar quarter that ends on it: posted 03-31 for January–March);
 * - phase-end summaries: the day after a phase whose name or tasks ask for 通报/总结.
 * A bulletin is due from its instant for GRACE_DAYS: a bot that was down a week does not post
 * stale bulletins on restart (the figures stay available on demand).
 */
import { addDays, daysInMonth, localDateToInstant, ymd } from "../../core/calendar.js";
import type { Deadline, Plan } from "../campaigns/schema.js";
import { expandDeadline, planRange } from "../campaigns/recurrence.js";
import { shiftMonth } from "./owed.js";
import { monthWindow, monthsWindow, quarterWindow } from "./window.js";
import type { Window } from "./types.js";

export const GRACE_DAYS = 7;
export const DEFAULT_BULLETIN_TIME = "09:00";

export type BulletinKind = "monthly" | "bimonthly" | "quarterly" | "phase";

export interface BulletinSpec {
  kind: BulletinKind;
  window: Window;
  /** local date and instant it is posted */
  postDate: string;
  dueAt: Date;
}

const timeOf = (plan: Plan) => plan.bulletins?.time ?? DEFAULT_BULLETIN_TIME;

/** The last due day in `month` of a monthly deadline that collects something, or null. */
export function monthlyDeadlineDue(plan: Plan, month: string): string | null {
  const w = monthWindow(month);
  let last: string | null = null;
  for (const d of plan.deadlines) {
    if (d.kind !== "recurring" || !d.rule || d.rule.every !== "month") continue;
    if (!(d.action === "submit" || (d.action === undefined && d.form))) continue;
    for (const o of expandDeadline(d, { start: w.firstDay, end: w.lastDay })) if (!last || o.due > last) last = o.due;
  }
  return last;
}

function dayIn(month: string, day: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return ymd(y, m, Math.min(day, daysInMonth(y, m)));
}

export function monthlyPostDate(plan: Plan, month: string): string {
  const due = monthlyDeadlineDue(plan, month);
  const anchor = due ?? monthWindow(month).lastDay;
  const day = plan.bulletins?.day;
  if (day) {
    const same = dayIn(month, day);
    return same > anchor ? same : dayIn(shiftMonth(month, 1), day);
  }
  return addDays(anchor, 1);
}

function spanMonths(plan: Plan): string[] {
  const r = planRange(plan);
  if (!r) return [];
  const out: string[] = [];
  for (let m = r.start.slice(0, 7); m <= r.end.slice(0, 7); m = shiftMonth(m, 1)) out.push(m);
  return out;
}

const asksForSummary = (s: string | undefined) => !!s && /通报|总结/.test(s);

/**
 * A recurring 通报 deadline's bulletin kind and the window an occurrence due on `due` covers;
 * null for anything else (a monthly or weekly rule, a deadline that is not a 通报).
 */
export function periodicNotice(d: Deadline): { kind: "bimonthly" | "quarterly"; windowOf: (due: string) => Window } | null {
  if (d.kind !== "recurring" || !d.rule || !d.title.includes("通报")) return null;
  if (d.rule.every === "quarter") return { kind: "quarterly", windowOf: (due) => quarterWindow(due.slice(0, 7)) };
  const n = /^(\d+) months$/.exec(d.rule.every);
  if (!n || Number(n[1]) < 2) return null;
  return { kind: "bimonthly", windowOf: (due) => monthsWindow(due.slice(0, 7), Number(n[1])) };
}

/** Every bulletin the plan asks for, in posting order. */
export function allBulletinSpecs(plan: Plan): BulletinSpec[] {
  const tz = plan.timezone;
  const time = timeOf(plan);
  const at = (date: string) => localDateToInstant(date, time, tz);
  const out: BulletinSpec[] = [];
  for (const month of spanMonths(plan)) {
    const postDate = monthlyPostDate(plan, month);
    out.push({ kind: "monthly", window: monthWindow(month), postDate, dueAt: at(postDate) });
  }
  const range = planRange(plan);
  for (const d of plan.deadlines) {
    const notice = periodicNotice(d);
    if (!notice || !range) continue;
    for (const o of expandDeadline(d, range)) out.push({ kind: notice.kind, window: notice.windowOf(o.due), postDate: o.due, dueAt: at(o.due) });
  }
  for (const p of plan.phases) {
    if (!p.end || !(asksForSummary(p.name) || asksForSummary(p.tasks))) continue;
    const first = p.start ?? plan.span.start ?? p.end;
    const postDate = addDays(p.end, 1);
    out.push({ kind: "phase", window: { key: p.key, label: p.name, firstDay: first, lastDay: p.end }, postDate, dueAt: at(postDate) });
  }
  // Two 通报 deadlines of the same rule (the notice says it twice) are one bulletin: the row's key is (kind, window).
  const seen = new Set<string>();
  const unique = out.filter((s) => {
    const k = `${s.kind}\u0000${s.window.key}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  return unique.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** The bulletins whose time has come and is not older than GRACE_DAYS. */
export function dueBulletinSpecs(plan: Plan, now: Date): BulletinSpec[] {
  const grace = GRACE_DAYS * 86_400_000;
  return allBulletinSpecs(plan).filter((s) => s.dueAt <= now && now.getTime() - s.dueAt.getTime() < grace);
}
