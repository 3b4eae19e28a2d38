/**
 * Working-day calendar and time-zone helpers.
 *
 * Statutory holidays and 调休 make-up workdays come from the `chinese-days` package
 * (its bundled data covers 2004 through {@link CHINESE_DAYS_LAST_YEAR}). Beyond that
 * year the calendar falls back to "Monday–Friday are workdays" plus the plan's own
 * calendar exceptions, and says so in `warnings()`.
 *
 * All dates here are plain local dates "YYYY-MM-DD" (no instant, no time zone); use
 * {@link localDateToInstant} / {@link instantToLocalDate} to cross to real instants.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const data = require("chinese-days/dist/chinese-days.json") as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays: Record<string, string>;
};

function lastYearOf(keys: string[]): number {
  let max = 0;
  for (const k of keys) max = Math.max(max, Number(k.slice(0, 4)));
  return max;
}

/** The last year the bundled `chinese-days` data knows (its data starts in 2004). */
export const CHINESE_DAYS_LAST_YEAR = lastYearOf(Object.keys(data.holidays));
export const CHINESE_DAYS_FIRST_YEAR = 2004;

export interface CalendarExceptions {
  /** Extra days off (e.g. a holiday announced after the package was released). */
  holidays?: readonly string[];
  /** Extra make-up workdays (调休 on a weekend). */
  workdays?: readonly string[];
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Day arithmetic on plain dates. */
export function addDays(date: string, n: number): string {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`bad date ${date}`);
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3] + n));
  return d.toISOString().slice(0, 10);
}

export function dayOfWeek(date: string): number {
  const m = DATE_RE.exec(date)!;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).getUTCDay();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function ymd(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Whole days from a to b (b − a). */
/** The three months (YYYY-MM) of the calendar quarter `month` (YYYY-MM) falls in, in order. */
export function quarterMonths(month: string): [string, string, string] {
  const y = month.slice(0, 4);
  const last = Math.ceil(Number(month.slice(5, 7)) / 3) * 3;
  const mm = (k: number) => `${y}-${String(k).padStart(2, "0")}`;
  return [mm(last - 2), mm(last - 1), mm(last)];
}

/** “2021年第一季度”: the Chinese name of the quarter `month` (YYYY-MM) falls in. */
export function quarterLabel(month: string): string {
  return `${Number(month.slice(0, 4))}年第${"一二三四"[Math.ceil(Number(month.slice(5, 7)) / 3) - 1]}季度`;
}

export function diffDays(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export class WorkCalendar {
  private readonly extraHolidays: Set<string>;
  private readonly extraWorkdays: Set<string>;
  private readonly fellBack = new Set<number>();

  constructor(exceptions: CalendarExceptions = {}) {
    this.extraHolidays = new Set(exceptions.holidays ?? []);
    this.extraWorkdays = new Set(exceptions.workdays ?? []);
  }

  /** True when the package has statutory data for this year. */
  static covers(year: number): boolean {
    return year >= CHINESE_DAYS_FIRST_YEAR && year <= CHINESE_DAYS_LAST_YEAR;
  }

  isWorkday(date: string): boolean {
    if (this.extraHolidays.has(date)) return false;
    if (this.extraWorkdays.has(date)) return true;
    const year = Number(date.slice(0, 4));
    if (WorkCalendar.covers(year)) {
      if (date in data.holidays) return false;
      if (date in data.workdays) return true;
    } else {
      this.fellBack.add(year);
    }
    const dow = dayOfWeek(date);
    return dow !== 0 && dow !== 6;
  }

  /** The date N working days after `date` (N ≥ 1: first working day strictly after). */
  addWorkdays(date: string, n: number): string {
    let d = date;
    let left = n;
    while (left > 0) {
      d = addDays(d, 1);
      if (this.isWorkday(d)) left--;
    }
    return d;
  }

  /** The first working day on or after `date`. */
  onOrAfter(date: string): string {
    let d = date;
    while (!this.isWorkday(d)) d = addDays(d, 1);
    return d;
  }

  /** Chinese warnings for every year asked about that the package does not cover. */
  warnings(): string[] {
    return [...this.fellBack].sort().map(
      (y) =>
        `${y} 年超出 chinese-days 节假日数据范围（${CHINESE_DAYS_FIRST_YEAR}–${CHINESE_DAYS_LAST_YEAR} 年），按周一至周五为工作日并叠加计划中的 calendar 例外计算，请核对当年法定节假日和调休安排。`,
    );
  }
}

export const DEFAULT_TIMEZONE = "Asia/Shanghai";

/** Offset (ms) of `tz` from UTC at the given instant. */
function tzOffsetMs(instant: Date, tz: string): number {
  const f = new Intl.DateTimeFormat("en-US", {
    timeZone: tz,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant at which the wall clock in `tz` shows `date` `time` (default 00:00). */
export function localDateToInstant(date: string, time = "00:00", tz = DEFAULT_TIMEZONE): Date {
  const [h, mi] = time.split(":").map(Number);
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`bad date ${date}`);
  const guess = Date.UTC(+m[1], +m[2] - 1, +m[3], h, mi);
  let t = guess - tzOffsetMs(new Date(guess), tz);
  // second pass handles a DST change between guess and result
  t = guess - tzOffsetMs(new Date(t), tz);
  return new Date(t);
}

/** The local calendar date in `tz` at `instant`. */
export function instantToLocalDate(instant: Date, tz = DEFAULT_TIMEZONE): string {
  const f = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" });
  return f.format(instant);
}
