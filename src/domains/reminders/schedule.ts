/**
 * What a plan implies, as pure functions of (plan, state, time):
 *
 *  - {@link computeSteps}: every reminder step in a time window, for the people who still owe;
 *  - {@link dueReminders}: what a sweep at `now` must send (and which missed steps a later one
 *    superseded), given the keys already sent.
 *
 * Rules (issue 6):
 *  - deadline ladder: default T-7, T-3, T-1, T-0 at 09:00 local (plan.reminders / deadline.remind
 *    override); a step on a non-working day moves to the previous working day; a deadline on a
 *    non-working day keeps its date, its T-0 moves to the working day before; two steps landing on
 *    the same day keep only the later one (T-0 wins over T-1);
 *  - overdue: one nudge each working day after the deadline (up to `overdueDays`);
 *  - escalation: `escalate.after` past the deadline a digest to escalate.to[0], one more `after`
 *    later to escalate.to[1], …, listing who is still late; at the reminder time of a working day;
 *  - items the bureau does itself (action: happen, or nobody reachable is named) remind the
 *    office only, before the date, and never go overdue or escalate;
 *  - phase start and end: announced to the leadership group (its chat, else each member) and to
 *    the bulletin chats, on the day (previous working day when it is a day off);
 *  - tracked items (api.ts): the same ladder/overdue/escalation, counted in working days when
 *    they have a due date, otherwise relative to their due instant;
 *  - completions stop a subject's steps; 已知悉 stops a person's pre-deadline steps; 明天再提醒
 *    holds a person's nudges until `until` and puts one nudge there.
 *
 * Nothing here reads a clock or a database.
 */
import { WorkCalendar, addDays, localDateToInstant } from "../../core/calendar.js";
import { calendarOf, expandDeadlines, planRange, type Occurrence } from "../campaigns/recurrence.js";
import type { Deadline, Plan } from "../campaigns/schema.js";
import { ROLE_CN, officeContacts, owingSubjects, peopleWithRole, planPeople, subjectKey, type Subject } from "./people.js";
import { DEFAULT_QUIET, durationDays, durationMs, endOfQuiet, isQuiet, localDate, wallInstant, type QuietHours } from "./time.js";
import { NO_PERIOD } from "./api.js";

export type ReminderKind = "phase-start" | "phase-end" | "deadline" | "overdue" | "escalation";

export const DEFAULT_LADDER = ["P7D", "P3D", "P1D", "P0D"];
export const DEFAULT_ESCALATE = { after: "P1D", to: ["officeDirector", "leader"] };
export const DEFAULT_TIME = "09:00";
export const DEFAULT_OVERDUE_DAYS = 10;
/** The ladder of a tracked item with a due instant (not a date): a day and two hours before. */
export const DEFAULT_INSTANT_LADDER = ["P1D", "PT2H"];

export interface Step {
  /** `${item}|${periodKey}|${recipient}|${step}`: unique within a campaign */
  key: string;
  at: Date;
  kind: ReminderKind;
  /** deadline key, tracked item key or phase key */
  item: string;
  periodKey: string;
  title: string;
  /** T-7 | T-0 | overdue:2021-12-27 | snooze:2021-10-19 | escalate:officeDirector | start | end */
  step: string;
  /** member:<key> | user:<openId> | chat:<plan chat key> */
  recipient: string;
  /** steps of one group supersede each other: a missed earlier one is skipped once a later one is due */
  group: string;
  /** local due date (inclusive last day) */
  due?: string;
  /** the instant after which the item is late */
  dueAt?: Date;
  /** what the recipient is reminded for: unit:<key> | member:<key> | user:<id> | * */
  subject?: string;
  /** escalation: the subjects still late, with display names */
  lateSubjects?: { subject: string; name: string }[];
  critical: boolean;
  form?: string;
  source: "plan" | "tracked";
}

export interface CompletionView {
  itemKey: string;
  periodKey: string;
  subject: string;
}

export interface AckView {
  itemKey: string;
  periodKey: string;
  /** the recipient identity: member:<key> | user:<openId> */
  memberKey: string;
  kind: "ack" | "snooze";
  at: Date;
  until?: Date | null;
}

export interface TrackedView {
  key: string;
  title: string;
  dueAt: Date;
  dueDate: string | null;
  openIds: string[];
  memberKeys: string[];
  unitKey: string | null;
  escalateTo: string[] | null;
  escalateAfter: string | null;
  ladder: string[] | null;
  critical: boolean;
  createdAt: Date;
  closedAt: Date | null;
}

export interface ReminderState {
  completions: CompletionView[];
  acks: AckView[];
  tracked: TrackedView[];
}

export const EMPTY_STATE: ReminderState = { completions: [], acks: [], tracked: [] };

export interface ScheduleOptions {
  overdueDays?: number;
}

interface Ctx {
  plan: Plan;
  tz: string;
  time: string;
  quiet: QuietHours;
  cal: WorkCalendar;
  done: Set<string>;
  start: string | null;
  overdueDays: number;
}

export function quietHoursOf(plan: Plan): QuietHours {
  return plan.quietHours ?? DEFAULT_QUIET;
}

function prevWorkday(cal: WorkCalendar, date: string): string {
  let d = date;
  while (!cal.isWorkday(d)) d = addDays(d, -1);
  return d;
}

function at(ctx: Ctx, date: string, time = ctx.time): Date {
  return endOfQuiet(wallInstant(date, time, ctx.tz), ctx.tz, ctx.quiet);
}

function doneKey(item: string, period: string, subject: string): string {
  return `${item}|${period}|${subject}`;
}

function isDone(ctx: Ctx, item: string, period: string, subject: string): boolean {
  return ctx.done.has(doneKey(item, period, subject)) || ctx.done.has(doneKey(item, period, "*"));
}

/** Ladder dates for an anchor date: moved off days off, one step per day (the later step wins). */
function ladderDates(ctx: Ctx, anchor: string, ladder: string[]): { step: string; date: string }[] {
  const byDate = new Map<string, { step: string; days: number }>();
  for (const iso of ladder) {
    const days = durationDays(iso);
    const date = prevWorkday(ctx.cal, addDays(anchor, -days));
    const cur = byDate.get(date);
    if (!cur || days < cur.days) byDate.set(date, { step: `T-${days}`, days });
  }
  return [...byDate].map(([date, v]) => ({ step: v.step, date })).sort((a, b) => a.date.localeCompare(b.date));
}

function overdueDates(ctx: Ctx, due: string): string[] {
  const out: string[] = [];
  let d = due;
  for (let i = 0; i < ctx.overdueDays; i++) {
    d = ctx.cal.addWorkdays(d, 1);
    out.push(d);
  }
  return out;
}

/** First reminder time on a working day at or after `instant`. */
function workdayAtOrAfter(ctx: Ctx, instant: Date): Date {
  let date = localDate(instant, ctx.tz);
  for (;;) {
    date = ctx.cal.onOrAfter(date);
    const t = at(ctx, date);
    if (t.getTime() >= instant.getTime()) return t;
    date = addDays(date, 1);
  }
}

interface Owed {
  item: string;
  periodKey: string;
  title: string;
  due: string | null;
  dueAt: Date;
  form?: string;
  critical: boolean;
  source: "plan" | "tracked";
  /** ladder steps (instants), already off days off and one per day */
  ladder: { step: string; at: Date }[];
  overdue: { step: string; at: Date }[];
  escalations: { role: string; at: Date }[];
  subjects: { subject: string; name: string; recipients: string[] }[];
  /** the item's steps are not sent before this instant (plan start, item creation) */
  notBefore: Date | null;
}

function mk(o: Owed, kind: ReminderKind, step: string, when: Date, recipient: string, group: string, extra: Partial<Step> = {}): Step {
  return {
    key: `${o.item}|${o.periodKey}|${recipient}|${step}`,
    at: when,
    kind,
    item: o.item,
    periodKey: o.periodKey,
    title: o.title,
    step,
    recipient,
    group,
    due: o.due ?? undefined,
    dueAt: o.dueAt,
    critical: o.critical,
    form: o.form,
    source: o.source,
    ...extra,
  };
}

/** Steps of one owed item (plan occurrence or tracked item) for everybody still owing. */
function owedSteps(ctx: Ctx, o: Owed, acks: AckView[], out: Step[]): void {
  const open = o.subjects.filter((s) => !isDone(ctx, o.item, o.periodKey, s.subject));
  const keep = (t: Date) => !o.notBefore || t.getTime() >= o.notBefore.getTime();
  for (const s of open) {
    for (const r of s.recipients) {
      if (isDone(ctx, o.item, o.periodKey, r)) continue;
      const mine = acks.filter((a) => a.itemKey === o.item && a.periodKey === o.periodKey && a.memberKey === r);
      const acked = mine.find((a) => a.kind === "ack");
      const snooze = mine.find((a) => a.kind === "snooze" && a.until);
      const held = (t: Date) => !!snooze && t.getTime() >= snooze.at.getTime() && t.getTime() < snooze.until!.getTime();
      const steps: Step[] = [];
      for (const l of o.ladder) {
        if (acked && l.at.getTime() >= acked.at.getTime()) continue;
        if (!keep(l.at) || held(l.at)) continue;
        steps.push(mk(o, "deadline", l.step, l.at, r, "nudge", { subject: s.subject }));
      }
      for (const l of o.overdue) if (keep(l.at) && !held(l.at)) steps.push(mk(o, "overdue", l.step, l.at, r, "nudge", { subject: s.subject }));
      if (snooze && keep(snooze.until!) && !steps.some((x) => x.at.getTime() === snooze.until!.getTime())) {
        const kind = snooze.until!.getTime() >= o.dueAt.getTime() ? "overdue" : "deadline";
        steps.push(mk(o, kind, `snooze:${localDate(snooze.until!, ctx.tz)}`, snooze.until!, r, "nudge", { subject: s.subject }));
      }
      out.push(...steps);
    }
  }
  if (!open.length) return;
  const late = open.map((s) => ({ subject: s.subject, name: s.name }));
  for (const e of o.escalations) {
    if (!keep(e.at)) continue;
    const to = peopleWithRole(ctx.plan, e.role).map((p) => `member:${p.key}`);
    // Nobody holds the role yet: the schedule preview says so; the sweep sends to nobody.
    if (!to.length) to.push(`unresolved:${ROLE_CN[e.role] ?? e.role}`);
    for (const r of to) out.push(mk(o, "escalation", `escalate:${e.role}`, e.at, r, `escalate:${e.role}`, { lateSubjects: late }));
  }
}

function planStart(plan: Plan): string | null {
  return plan.span.start ?? plan.issuedOn ?? plan.phases.find((p) => p.start)?.start ?? null;
}

function occurrenceOwed(ctx: Ctx, d: Deadline, o: Occurrence): Owed {
  const plan = ctx.plan;
  const subjects: Subject[] = owingSubjects(plan, d);
  // The bureau's own work (督导, 通报) or a deadline that names nobody: the office is reminded.
  const happen = d.action === "happen" || !d.assignees;
  const ladder = d.remind ?? plan.reminders?.remind ?? DEFAULT_LADDER;
  const anchor = happen && o.window ? o.window.start : o.due;
  const dueAt = wallInstant(addDays(o.due, 1), "00:00", ctx.tz);
  const owed: Owed = {
    item: d.key,
    periodKey: o.periodKey,
    title: d.title,
    due: o.due,
    dueAt,
    form: d.form,
    critical: false,
    source: "plan",
    ladder: ladderDates(ctx, anchor, ladder).map((l) => ({ step: l.step, at: at(ctx, l.date) })),
    overdue: [],
    escalations: [],
    subjects: [],
    notBefore: ctx.start ? wallInstant(ctx.start, "00:00", ctx.tz) : null,
  };
  if (happen) {
    const office = officeContacts(plan).map((p) => `member:${p.key}`);
    owed.subjects = [{ subject: "*", name: plan.issuer ?? "", recipients: office.length ? office : ["unresolved:领导小组办公室"] }];
    return owed;
  }
  if (!subjects.length) {
    // Named (各学校) but nobody listed in the plan yet: shown by the schedule preview, sent to nobody.
    const who = d.assignees?.raw ?? "负责单位";
    owed.subjects = [{ subject: "unresolved", name: who, recipients: [`unresolved:${who}`] }];
  } else owed.subjects = subjects.map((s) => ({
    subject: subjectKey(s),
    name: s.type === "unit" ? s.name : (s.name ?? s.memberKey),
    recipients: s.type === "unit" ? s.members.map((m) => `member:${m}`) : [`member:${s.memberKey}`],
  }));
  owed.overdue = overdueDates(ctx, o.due).map((date) => ({ step: `overdue:${date}`, at: at(ctx, date) }));
  const esc = d.escalate ?? plan.reminders?.escalate ?? DEFAULT_ESCALATE;
  const after = durationMs(esc.after);
  owed.escalations = spaced(ctx, esc.to.map((role, i) => ({ role, at: workdayAtOrAfter(ctx, new Date(dueAt.getTime() + (i + 1) * after)) })));
  return owed;
}

/** "Then the group leader": each escalation goes out at least one working day after the previous one. */
function spaced(ctx: Ctx, list: { role: string; at: Date }[]): { role: string; at: Date }[] {
  for (let i = 1; i < list.length; i++) {
    const prev = localDate(list[i - 1].at, ctx.tz);
    if (localDate(list[i].at, ctx.tz) <= prev) list[i] = { role: list[i].role, at: at(ctx, ctx.cal.addWorkdays(prev, 1)) };
  }
  return list;
}

function trackedOwed(ctx: Ctx, t: TrackedView): Owed {
  const plan = ctx.plan;
  const recipients = [...t.memberKeys.map((k) => `member:${k}`), ...t.openIds.map((id) => `user:${id}`)];
  if (!recipients.length && t.unitKey) {
    const u = plan.units.find((x) => x.key === t.unitKey);
    for (const a of u?.admins ?? []) recipients.push(`member:${a.key}`);
  }
  const unitName = t.unitKey ? (plan.units.find((u) => u.key === t.unitKey)?.name ?? t.unitKey) : "";
  const subject = t.unitKey ? `unit:${t.unitKey}` : "*";
  const owed: Owed = {
    item: t.key,
    periodKey: NO_PERIOD,
    title: t.title,
    due: t.dueDate,
    dueAt: t.dueAt,
    critical: t.critical,
    source: "tracked",
    ladder: [],
    overdue: [],
    escalations: [],
    subjects: [{ subject, name: unitName || t.title, recipients }],
    // A creation time after the due time is the database's wall clock under a moved test/sandbox clock: unknown.
    notBefore: t.createdAt.getTime() <= t.dueAt.getTime() ? t.createdAt : null,
  };
  if (t.dueDate) {
    owed.ladder = ladderDates(ctx, t.dueDate, t.ladder ?? plan.reminders?.remind ?? DEFAULT_LADDER).map((l) => ({ step: l.step, at: at(ctx, l.date) }));
    owed.overdue = overdueDates(ctx, t.dueDate).map((date) => ({ step: `overdue:${date}`, at: at(ctx, date) }));
  } else {
    owed.ladder = (t.ladder ?? DEFAULT_INSTANT_LADDER)
      .map((iso) => ({ step: `T-${iso}`, at: endOfQuiet(new Date(t.dueAt.getTime() - durationMs(iso)), ctx.tz, ctx.quiet) }))
      .filter((l) => l.at.getTime() <= t.dueAt.getTime());
    // The moment it is late, then on working days at the reminder time.
    const first = endOfQuiet(t.dueAt, ctx.tz, ctx.quiet);
    owed.overdue = [{ step: `overdue:${localDate(first, ctx.tz)}`, at: first }];
    for (const date of overdueDates(ctx, localDate(first, ctx.tz)).slice(0, ctx.overdueDays - 1))
      owed.overdue.push({ step: `overdue:${date}`, at: at(ctx, date) });
  }
  if (t.escalateTo?.length) {
    const after = durationMs(t.escalateAfter ?? "P1D");
    owed.escalations = t.escalateTo.map((role, i) => {
      const when = new Date(t.dueAt.getTime() + (i + 1) * after);
      return { role, at: t.dueDate ? workdayAtOrAfter(ctx, when) : endOfQuiet(when, ctx.tz, ctx.quiet) };
    });
    if (t.dueDate) owed.escalations = spaced(ctx, owed.escalations);
  }
  return owed;
}

function phaseSteps(ctx: Ctx, out: Step[]): void {
  const plan = ctx.plan;
  const recipients: string[] = [];
  const groupChat = plan.chats.filter((c) => c.purpose === "group");
  if (groupChat.length) recipients.push(...groupChat.map((c) => `chat:${c.key}`));
  else for (const p of planPeople(plan)) if (p.roles.includes("group")) recipients.push(`member:${p.key}`);
  for (const c of plan.chats) if (c.purpose === "bulletin") recipients.push(`chat:${c.key}`);
  for (const ph of plan.phases) {
    for (const [kind, date] of [["phase-start", ph.start], ["phase-end", ph.end]] as const) {
      if (!date) continue;
      const when = at(ctx, prevWorkday(ctx.cal, date));
      const step = kind === "phase-start" ? "start" : "end";
      for (const r of recipients)
        out.push({
          key: `${ph.key}|${NO_PERIOD}|${r}|${step}`,
          at: when,
          kind,
          item: ph.key,
          periodKey: NO_PERIOD,
          title: ph.name,
          step,
          recipient: r,
          group: kind,
          due: date,
          critical: false,
          source: "plan",
        });
    }
  }
}

/** Every step in [from, to] (instants), sorted by time, then recipient. */
export function computeSteps(plan: Plan, state: ReminderState, window: { from: Date; to: Date }, opts: ScheduleOptions = {}): Step[] {
  const tz = plan.timezone;
  const ctx: Ctx = {
    plan,
    tz,
    time: plan.reminders?.time ?? DEFAULT_TIME,
    quiet: quietHoursOf(plan),
    cal: calendarOf(plan),
    done: new Set(state.completions.map((c) => doneKey(c.itemKey, c.periodKey, c.subject))),
    start: planStart(plan),
    overdueDays: opts.overdueDays ?? DEFAULT_OVERDUE_DAYS,
  };
  const out: Step[] = [];
  phaseSteps(ctx, out);
  // Occurrences whose ladder, overdue nudges or escalations can reach into the window.
  const pr = planRange(plan);
  const lo = addDays(localDate(window.from, tz), -60);
  const hi = addDays(localDate(window.to, tz), 60);
  // A plan without an end date (罗庄's 落实年) keeps its recurring deadlines going.
  const first = plan.span.start ?? pr?.start ?? lo;
  const last = plan.span.end ?? hi;
  const range = { start: first > lo ? first : lo, end: last < hi ? last : hi };
  if (range.start <= range.end) {
    const byKey = new Map(plan.deadlines.map((d) => [d.key, d]));
    for (const o of expandDeadlines(plan, range)) owedSteps(ctx, occurrenceOwed(ctx, byKey.get(o.deadlineKey)!, o), state.acks, out);
  }
  for (const t of state.tracked) {
    if (t.closedAt) continue;
    owedSteps(ctx, trackedOwed(ctx, t), state.acks, out);
  }
  return out
    .filter((s) => s.at.getTime() >= window.from.getTime() && s.at.getTime() <= window.to.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.recipient.localeCompare(b.recipient) || a.key.localeCompare(b.key));
}

export interface DueStep extends Step {
  /** sent later than planned (downtime), beyond the grace period */
  late: boolean;
}

export interface DueOptions {
  /** steps before this instant are never sent (activation time, look-back limit) */
  since: Date;
  /** step keys already recorded (sent or skipped) */
  recorded: ReadonlySet<string>;
  /** how late a step may go out and still count as on time (default 10 min) */
  graceMs?: number;
  overdueDays?: number;
}

/**
 * What a sweep at `now` must send: the latest unsent step of each group per recipient; earlier
 * unsent steps of the same group are returned as `skipped` (superseded). Nothing during quiet hours.
 */
export function dueReminders(plan: Plan, state: ReminderState, now: Date, opts: DueOptions): { due: DueStep[]; skipped: Step[] } {
  const quiet = quietHoursOf(plan);
  if (isQuiet(now, plan.timezone, quiet)) return { due: [], skipped: [] };
  const grace = opts.graceMs ?? 10 * 60_000;
  const steps = computeSteps(plan, state, { from: opts.since, to: now }, { overdueDays: opts.overdueDays });
  const latest = new Map<string, Step>();
  for (const s of steps) {
    const g = `${s.item}|${s.periodKey}|${s.recipient}|${s.group}`;
    const cur = latest.get(g);
    if (!cur || s.at.getTime() >= cur.at.getTime()) latest.set(g, s);
  }
  const due: DueStep[] = [];
  const skipped: Step[] = [];
  for (const s of steps) {
    if (opts.recorded.has(s.key)) continue;
    const g = latest.get(`${s.item}|${s.periodKey}|${s.recipient}|${s.group}`)!;
    if (g !== s) skipped.push(s);
    else due.push({ ...s, late: now.getTime() - endOfQuiet(s.at, plan.timezone, quiet).getTime() > grace });
  }
  return { due, skipped };
}
