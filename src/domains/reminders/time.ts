/**
 * Wall-clock helpers for the reminder engine: local time of day, quiet hours, ISO output with
 * the plan's offset, and ISO-8601 durations. Pure; the time zone is always passed in.
 */
import { addDays, instantToLocalDate, localDateToInstant } from "../../core/calendar.js";

export const DEFAULT_QUIET = { start: "21:00", end: "07:30" } as const;
export type QuietHours = { start: string; end: string };

const timeFmt = new Map<string, Intl.DateTimeFormat>();
function fmtOf(tz: string): Intl.DateTimeFormat {
  let f = timeFmt.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone: tz, hourCycle: "h23", hour: "2-digit", minute: "2-digit" });
    timeFmt.set(tz, f);
  }
  return f;
}

/** "HH:MM" of the wall clock in `tz` at `instant`. */
export function localTime(instant: Date, tz: string): string {
  return fmtOf(tz).format(instant);
}

// The calendar helpers build an Intl formatter per call; a sweep asks for the same few hundred
// dates and instants every minute, so both directions are memoised (bounded).
const dateMemo = new Map<string, string>();
const instantMemo = new Map<string, number>();
const MEMO_MAX = 50_000;

export function localDate(instant: Date, tz: string): string {
  const k = `${tz}|${instant.getTime()}`;
  let v = dateMemo.get(k);
  if (v === undefined) {
    if (dateMemo.size > MEMO_MAX) dateMemo.clear();
    v = instantToLocalDate(instant, tz);
    dateMemo.set(k, v);
  }
  return v;
}

/** The instant the wall clock in `tz` shows `date` `time` (memoised localDateToInstant). */
export function wallInstant(date: string, time: string, tz: string): Date {
  const k = `${tz}|${date}|${time}`;
  let v = instantMemo.get(k);
  if (v === undefined) {
    if (instantMemo.size > MEMO_MAX) instantMemo.clear();
    v = localDateToInstant(date, time, tz).getTime();
    instantMemo.set(k, v);
  }
  return new Date(v);
}

/** Quiet hours may cross midnight (21:00–07:30) or not (12:00–13:30). */
export function isQuiet(instant: Date, tz: string, q: QuietHours): boolean {
  const t = localTime(instant, tz);
  if (q.start === q.end) return false;
  return q.start < q.end ? t >= q.start && t < q.end : t >= q.start || t < q.end;
}

/** The first instant at or after `instant` outside quiet hours. */
export function endOfQuiet(instant: Date, tz: string, q: QuietHours): Date {
  if (!isQuiet(instant, tz, q)) return instant;
  const d = localDate(instant, tz);
  const t = localTime(instant, tz);
  // Before the end on the same local day (e.g. 03:00 → 07:30), else the end tomorrow.
  const day = q.start < q.end || t < q.end ? d : addDays(d, 1);
  return wallInstant(day, q.end, tz);
}

/** ISO 8601 with the plan's offset, e.g. 2021-09-14T09:00:00+08:00. */
export function isoWithOffset(instant: Date, tz: string): string {
  const date = localDate(instant, tz);
  const time = localTime(instant, tz);
  const wall = Date.parse(`${date}T${time}:00Z`);
  const secs = instant.getUTCSeconds();
  const offMin = Math.round((wall - (instant.getTime() - secs * 1000 - instant.getUTCMilliseconds())) / 60000);
  const sign = offMin >= 0 ? "+" : "-";
  const a = Math.abs(offMin);
  return `${date}T${time}:${String(secs).padStart(2, "0")}${sign}${String(Math.floor(a / 60)).padStart(2, "0")}:${String(a % 60).padStart(2, "0")}`;
}

/** P7D / PT2H / P1DT12H → milliseconds (days are 24 h; date ladders use {@link durationDays}). */
export function durationMs(iso: string): number {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(iso);
  if (!m) throw new Error(`bad duration ${iso}`);
  return ((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 60_000;
}

/** Whole days of a duration, rounding hours up: a "PT12H before" step on a date ladder is the day before. */
export function durationDays(iso: string): number {
  return Math.ceil(durationMs(iso) / 86_400_000);
}
