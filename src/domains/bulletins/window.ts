/** Windows (month, N months, a calendar quarter, a phase) and their Chinese labels. Pure. */
import { daysInMonth, quarterLabel, quarterMonths, ymd } from "../../core/calendar.js";
import { shiftMonth } from "./owed.js";
import type { Window } from "./types.js";

export const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const monthLabel = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;

export function monthWindow(month: string): Window {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return { key: month, label: monthLabel(month), firstDay: ymd(y, m, 1), lastDay: ymd(y, m, daysInMonth(y, m)) };
}

/** `n` whole months ending with `lastMonth`. */
export function monthsWindow(lastMonth: string, n: number): Window {
  if (n <= 1) return monthWindow(lastMonth);
  const first = shiftMonth(lastMonth, -(n - 1));
  const a = monthWindow(first);
  const b = monthWindow(lastMonth);
  const label = first.slice(0, 4) === lastMonth.slice(0, 4) ? `${monthLabel(first)}至${Number(lastMonth.slice(5, 7))}月` : `${monthLabel(first)}至${monthLabel(lastMonth)}`;
  return { key: `${first}~${lastMonth}`, label, firstDay: a.firstDay, lastDay: b.lastDay };
}

export const QUARTER_RE = /^(\d{4})-Q([1-4])$/;

/**
 * The calendar quarter `month` falls in: key “2021-Q1” (not “2021-01~2021-03”, so a quarterly
 * 通报 and an every-3-months one keep their own keys and labels), label “2021年第一季度”.
 */
export function quarterWindow(month: string): Window {
  const [first, , last] = quarterMonths(month);
  return { key: `${month.slice(0, 4)}-Q${Number(last.slice(5, 7)) / 3}`, label: quarterLabel(month), firstDay: monthWindow(first).firstDay, lastDay: monthWindow(last).lastDay };
}

/** The window of the same kind right before `w` (monthly: the previous month; quarterly: the previous quarter). */
export function previousWindow(w: Window): Window | null {
  if (MONTH_RE.test(w.key)) return monthWindow(shiftMonth(w.key, -1));
  const q = QUARTER_RE.exec(w.key);
  if (q) return quarterWindow(shiftMonth(`${q[1]}-${String(3 * Number(q[2]) - 2).padStart(2, "0")}`, -1));
  const m = /^(\d{4}-\d{2})~(\d{4}-\d{2})$/.exec(w.key);
  if (!m) return null;
  const n = (Number(m[2].slice(0, 4)) - Number(m[1].slice(0, 4))) * 12 + Number(m[2].slice(5, 7)) - Number(m[1].slice(5, 7)) + 1;
  return monthsWindow(shiftMonth(m[1], -1), n);
}

export function dateLabel(d: string): string {
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
}
