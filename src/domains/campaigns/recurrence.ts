/**
 * Deadline occurrences: pure expansion of a plan's deadlines into dated occurrences
 * within a range. The reminders engine (issue 6) builds its ladders on these.
 *
 * - once:      one occurrence on `due` (periodKey = due's month)
 * - window:    one occurrence, window {start,end}, due = end
 * - recurring: {every: month, day: N}  → the Nth (clamped to month end) of every month
 *              {every: "N months", anchor} → anchor, anchor+N months, … (no anchor → none, warning)
 *              {every: quarter, day: last} → 03-31, 06-30, 09-30, 12-31
 *              {every: semester, min, max} → one occurrence per semester (window = the semester),
 *                 due = semester end; semesters from plan.semesters or the default
 *                 spring 03-01..07-15 / autumn 09-01..01-20 (documented assumption, override in the plan)
 *              {every: week, weekday}     → every such weekday
 * - relative:  no dated occurrence (it needs an event); use `relativeDue()` per case
 * - immediate: no dated occurrence
 */
import { WorkCalendar, addDays, daysInMonth, ymd } from "../../core/calendar.js";
import type { Deadline, Phase, Plan } from "./schema.js";

export interface Occurrence {
  deadlineKey: string;
  /** "2021-10" (month), "2021-12-25" (day), "2018-秋" (semester) */
  periodKey: string;
  title: string;
  kind: Deadline["kind"];
  /** the inclusive last day, YYYY-MM-DD (local date in the plan's time zone) */
  due: string;
  window?: { start: string; end: string };
  /** per-semester count rule */
  count?: { min: number; max?: number };
  raw: string | null;
}

export interface TimelineEntry {
  date: string;
  type: "phaseStart" | "phaseEnd" | "occurrence" | "spanStart" | "spanEnd";
  label: string;
  occurrence?: Occurrence;
  phase?: Phase;
}

export interface Range {
  start: string;
  end: string;
}

export interface Semester {
  key: string;
  start: string;
  end: string;
}

/** Default semesters touching [from, to]: 春 03-01..07-15, 秋 09-01..next 01-20. */
export function defaultSemesters(from: string, to: string): Semester[] {
  const out: Semester[] = [];
  const y0 = Number(from.slice(0, 4)) - 1;
  const y1 = Number(to.slice(0, 4));
  for (let y = y0; y <= y1; y++) {
    out.push({ key: `${y}-春`, start: ymd(y, 3, 1), end: ymd(y, 7, 15) });
    out.push({ key: `${y}-秋`, start: ymd(y, 9, 1), end: ymd(y + 1, 1, 20) });
  }
  return out.filter((s) => s.end >= from && s.start <= to);
}

function addMonths(date: string, n: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + n;
  const d = Number(date.slice(8, 10));
  const yy = y + Math.floor(m / 12);
  const mm = (((m % 12) + 12) % 12) + 1;
  return ymd(yy, mm, Math.min(d, daysInMonth(yy, mm)));
}

/** The range a plan's timeline covers: its span, else the first..last dated item (with a warning). */
export function planRange(plan: Plan, warnings: string[] = []): Range | null {
  const dates: string[] = [];
  for (const p of plan.phases) for (const d of [p.start, p.end]) if (d) dates.push(d);
  for (const d of plan.deadlines) for (const x of [d.due, d.start, d.end]) if (x) dates.push(x);
  if (plan.issuedOn) dates.push(plan.issuedOn);
  dates.sort();
  const start = plan.span.start ?? dates[0];
  let end = plan.span.end ?? dates[dates.length - 1];
  if (!plan.span.end) {
    const openPhase = plan.phases.some((p) => p.openEnded);
    if (openPhase && end) end = addDays(end, 0);
  }
  if (!start || !end) return null;
  if (!plan.span.start || !plan.span.end) warnings.push(`计划未写明起止日期，时间轴按已知最早/最晚日期 ${start} 至 ${end} 展开。`);
  return { start, end };
}

/** Dated occurrences of one deadline within [range.start, range.end]. */
export function expandDeadline(d: Deadline, range: Range, opts: { semesters?: Semester[]; warnings?: string[] } = {}): Occurrence[] {
  const warnings = opts.warnings ?? [];
  const base = { deadlineKey: d.key, title: d.title, kind: d.kind, raw: d.raw ?? null };
  const inRange = (x: string) => x >= range.start && x <= range.end;
  const out: Occurrence[] = [];
  switch (d.kind) {
    case "once":
      if (d.due && inRange(d.due)) out.push({ ...base, periodKey: d.due.slice(0, 7), due: d.due });
      break;
    case "window":
      if (d.start && d.end && d.end >= range.start && d.start <= range.end)
        out.push({ ...base, periodKey: d.start.slice(0, 7), due: d.end, window: { start: d.start, end: d.end } });
      else if (!d.start || !d.end) warnings.push(`${d.key}：时间窗口缺少起止日期，未展开。`);
      break;
    case "recurring": {
      const rule = d.rule!;
      type R = { every: string; day?: number | "last"; min?: number; max?: number; weekday?: number; anchor?: string | null };
      const r = rule as R;
      if (r.every === "month" && typeof r.day === "number") {
        let y = Number(range.start.slice(0, 4));
        let m = Number(range.start.slice(5, 7));
        for (;;) {
          const due = ymd(y, m, Math.min(r.day, daysInMonth(y, m)));
          if (due > range.end) break;
          if (due >= range.start) out.push({ ...base, periodKey: due.slice(0, 7), due });
          m++;
          if (m > 12) {
            m = 1;
            y++;
          }
        }
      } else if (r.every === "quarter") {
        for (let y = Number(range.start.slice(0, 4)); y <= Number(range.end.slice(0, 4)); y++)
          for (const m of [3, 6, 9, 12]) {
            const due = ymd(y, m, daysInMonth(y, m));
            if (due >= range.start && due <= range.end) out.push({ ...base, periodKey: due.slice(0, 7), due });
          }
      } else if (r.every === "semester") {
        for (const s of opts.semesters ?? defaultSemesters(range.start, range.end)) {
          if (s.end < range.start || s.start > range.end) continue;
          const ws = s.start < range.start ? range.start : s.start;
          const we = s.end > range.end ? range.end : s.end;
          out.push({ ...base, periodKey: s.key, due: we, window: { start: ws, end: we }, count: { min: r.min ?? 0, max: r.max } });
        }
      } else if (r.every === "week") {
        let d0 = range.start;
        while (((new Date(`${d0}T00:00:00Z`).getUTCDay() + 6) % 7) + 1 !== r.weekday!) d0 = addDays(d0, 1);
        for (let x = d0; x <= range.end; x = addDays(x, 7)) out.push({ ...base, periodKey: x, due: x });
      } else {
        const n = Number(/^(\d+)/.exec(r.every)![1]);
        if (!r.anchor) {
          warnings.push(`${d.key}（${d.title}）：“每 ${n} 个月”没有起始日期（anchor），未展开；请在计划中补充 anchor。`);
          break;
        }
        for (let k = 0; ; k++) {
          const due = addMonths(r.anchor, k * n);
          if (due > range.end) break;
          if (due >= range.start) out.push({ ...base, periodKey: due.slice(0, 7), due });
        }
      }
      break;
    }
    default:
      break;
  }
  return out;
}

/** All dated occurrences of all deadlines within `range` (default: the plan's range), by due date. */
export function expandDeadlines(plan: Plan, range?: Range, warnings: string[] = []): Occurrence[] {
  const r = range ?? planRange(plan, warnings);
  if (!r) return [];
  const out = plan.deadlines.flatMap((d) => expandDeadline(d, r, { semesters: plan.semesters, warnings }));
  return out.sort((a, b) => a.due.localeCompare(b.due) || a.deadlineKey.localeCompare(b.deadlineKey));
}

/** Due date of a relative deadline once its event happened on `eventDate`. */
export function relativeDue(d: Deadline, eventDate: string, calendar: WorkCalendar = new WorkCalendar()): string {
  const n = d.days ?? 0;
  return d.dayType === "working" ? calendar.addWorkdays(eventDate, n) : addDays(eventDate, n);
}

export function calendarOf(plan: Plan): WorkCalendar {
  return new WorkCalendar({ holidays: plan.calendar?.holidays, workdays: plan.calendar?.workdays });
}

/** Phases and every dated occurrence, in date order (phase starts before occurrences on the same day). */
export function buildTimeline(plan: Plan, range?: Range): { range: Range | null; entries: TimelineEntry[]; undated: Deadline[]; warnings: string[] } {
  const warnings: string[] = [];
  const r = range ?? planRange(plan, warnings);
  const entries: TimelineEntry[] = [];
  if (plan.span.start) entries.push({ date: plan.span.start, type: "spanStart", label: `行动开始：${plan.title}` });
  for (const p of plan.phases) {
    if (p.start) entries.push({ date: p.start, type: "phaseStart", label: `阶段开始：${p.name}`, phase: p });
    if (p.end) entries.push({ date: p.end, type: "phaseEnd", label: `阶段结束：${p.name}`, phase: p });
    else if (p.openEnded) warnings.push(`阶段“${p.name}”没有结束日期（${p.raw ?? "开放式"}）。`);
  }
  const occ = r ? expandDeadlines(plan, r, warnings) : [];
  for (const o of occ) entries.push({ date: o.due, type: "occurrence", label: `${o.window ? `${o.window.start}～${o.window.end} ` : ""}${o.title}`, occurrence: o });
  if (plan.span.end) entries.push({ date: plan.span.end, type: "spanEnd", label: `行动结束：${plan.title}` });
  const order = { spanStart: 0, phaseStart: 1, occurrence: 2, phaseEnd: 3, spanEnd: 4 };
  entries.sort((a, b) => a.date.localeCompare(b.date) || order[a.type] - order[b.type]);
  const undated = plan.deadlines.filter((d) => d.kind === "relative" || d.kind === "immediate");
  const cal = calendarOf(plan);
  if (r) {
    cal.isWorkday(r.start);
    cal.isWorkday(r.end);
  }
  warnings.push(...cal.warnings());
  return { range: r, entries, undated, warnings };
}
