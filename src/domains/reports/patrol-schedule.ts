/**
 * When patrols happen, prompts go out, and a missing report is nudged and escalated. Pure: the
 * roster, a date and the calendar in, instants out. School days come from the working-day
 * calendar, so no prompt goes out on 国庆 and one does on a 调休 Saturday.
 */
import { dayOfWeek, localDateToInstant, type WorkCalendar } from "../../core/calendar.js";
import { patrolSlots, type SlotKey } from "./schema.js";

/** The prompt reaches the patroller this long before the slot starts. */
export const PROMPT_LEAD_MS = 15 * 60_000;
/** After the slot ends, this long to file before the patroller is nudged. */
export const NUDGE_AFTER_MS = 30 * 60_000;
/** After the nudge, this long before the school admin is told (the patrol then counts as missed). */
export const ESCALATE_AFTER_MS = 2 * 3600_000;

export interface RosterSlot {
  slot: string;
  startTime: string;
  endTime: string;
  weekdays: number[];
}

/** Is there a patrol of this roster slot on `date` (YYYY-MM-DD, local)? */
export function patrolsOn(entry: RosterSlot, date: string, calendar: WorkCalendar): boolean {
  // calendar.dayOfWeek is JavaScript's 0 = Sunday; rosters use ISO 1 (Mon) … 7 (Sun).
  const dow = dayOfWeek(date) || 7;
  if (entry.weekdays.includes(dow)) return dow >= 6 ? true : calendar.isWorkday(date);
  // 调休: a weekend day that is a school day follows the weekday roster.
  return dow >= 6 && calendar.isWorkday(date) && entry.weekdays.some((d) => d <= 5);
}

export interface SlotTimes {
  promptAt: Date;
  start: Date;
  end: Date;
  /** the report is due: nudged after it */
  dueAt: Date;
  escalateAt: Date;
}

export function slotTimes(entry: RosterSlot, date: string, tz: string): SlotTimes {
  const start = localDateToInstant(date, entry.startTime, tz);
  let end = localDateToInstant(date, entry.endTime, tz);
  if (end <= start) end = new Date(start.getTime() + 60 * 60_000);
  const dueAt = new Date(end.getTime() + NUDGE_AFTER_MS);
  return { promptAt: new Date(start.getTime() - PROMPT_LEAD_MS), start, end, dueAt, escalateAt: new Date(dueAt.getTime() + ESCALATE_AFTER_MS) };
}

export function slotName(slot: string): string {
  return (patrolSlots as Record<string, { name: string }>)[slot]?.name ?? slot;
}

export function defaultTimes(slot: SlotKey): { start: string; end: string } {
  return { start: patrolSlots[slot].start, end: patrolSlots[slot].end };
}

/** Phases of a plan that are screening phases (排查/整治/摸底 in the name). */
export function isScreeningPhase(name: string): boolean {
  return /排查|整治|摸底/.test(name);
}

/** Without a plan setting, nobody is nudged about a patrol between 22:00 and 07:00. */
export const DEFAULT_QUIET_HOURS = { start: "22:00", end: "07:00" };

/** Is `now` inside the quiet hours (local to `tz`)? Handles a window across midnight. */
export function isQuiet(now: Date, tz: string, quiet: { start: string; end: string } = DEFAULT_QUIET_HOURS): boolean {
  const hm = new Intl.DateTimeFormat("en-GB", { timeZone: tz, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(now);
  return quiet.start <= quiet.end ? hm >= quiet.start && hm < quiet.end : hm >= quiet.start || hm < quiet.end;
}
