// Frozen reference (issue 10 §3): the row-based summary as it was before the counting moved into SQL
// (src/domains/bulletins at bcf7b6f), kept verbatim so the grouped path is compared against it.
// Do not "fix" this file: it is the oracle of test/bulletins/counts.test.ts.
/**
 * The bulletin's arithmetic, pure: rows in, figures out. `now` is a parameter and every state
 * is taken *as of the cutoff* (the earlier of now and the window's end), so the October
 * bulletin shows the same numbers whether it is computed on 26 October or at Christmas — a
 * case closed in November is still open in October's figures.
 */
import { addDays, localDateToInstant } from "../../../src/core/calendar.js";
import type { Plan } from "../../../src/domains/campaigns/schema.js";
import { owedItems, shiftMonth, type OwedItem, type UnitRef } from "../../../src/domains/bulletins/owed.js";
import type { Change, Figures, ItemState, OwedItemState, SubmittedState, Summary, UnitSummary, Window } from "../../../src/domains/bulletins/types.js";

// One formatter per time zone: building an Intl.DateTimeFormat per row made a 300-school
// summary spend seconds in the constructor.
const formatters = new Map<string, Intl.DateTimeFormat>();
/** The local date YYYY-MM-DD of an instant in `tz` (same result as calendar's instantToLocalDate). */
export function localDate(instant: Date, tz: string): string {
  // Memoised per minute of the instant: offsets and midnights fall on whole minutes, and a
  // province's summary asks for the date of 100,000 cases (issue 10's benchmark).
  const key = `${tz}|${Math.floor(instant.getTime() / 60_000)}`;
  const hit = dates.get(key);
  if (hit) return hit;
  let f = formatters.get(tz);
  if (!f) formatters.set(tz, (f = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" })));
  const d = f.format(instant);
  if (dates.size >= 100_000) dates.clear();
  dates.set(key, d);
  return d;
}
const dates = new Map<string, string>();

export interface CaseFact {
  unitKey: string;
  severity: string;
  major: boolean;
  kindPhysical: boolean;
  kindVerbal: boolean;
  kindCyber: boolean;
  kindProperty: boolean;
  kindExclusion: boolean;
  location: string;
  openedAt: Date;
  closedAt: Date | null;
  investigatedAt: Date | null;
  investigationDueAt: Date;
  reportDueAt: Date | null;
  reportSubmittedAt: Date | null;
}

export interface PatrolFact {
  unitKey: string;
  date: string;
  status: string;
  dueAt: Date;
}

export interface FindingFact {
  unitKey: string;
  createdAt: Date;
  closedAt: Date | null;
}

export interface SubmissionFact {
  unitKey: string;
  form: string;
  period: string;
  submittedAt: Date;
  late: boolean;
}

export interface CompletionFact {
  itemKey: string;
  periodKey: string;
  /** unit:<key> | member:<key> | * */
  subject: string;
  at: Date;
  late: boolean;
}

export interface Facts {
  units: UnitRef[];
  cases: CaseFact[];
  patrols: PatrolFact[];
  findings: FindingFact[];
  submissions: SubmissionFact[];
  completions: CompletionFact[];
  /** member key → unit key, so a person's 已完成 counts for their unit */
  memberUnits: Record<string, string>;
}

export interface SummarizeInput {
  campaignId: string;
  campaignTitle: string;
  plan: Plan;
  facts: Facts;
  window: Window;
  previous?: Window | null;
  now: Date;
}

/** Forms the reports domain keeps as ReportSubmission rows (everything else is an ItemCompletion). */
const SUBMISSION_FORMS = new Set(["monthlyReport", "selfCheck"]);

const inRange = (t: Date | null, from: Date, to: Date): t is Date => !!t && t >= from && t < to;
const before = (t: Date | null, cutoff: Date): t is Date => !!t && t <= cutoff;

function emptyFigures(): Figures {
  return {
    cases: {
      opened: 0,
      closed: 0,
      overdue: 0,
      open: 0,
      bySeverity: { minor: 0, serious: 0, criminal: 0 },
      major: 0,
      byKind: { physical: 0, verbal: 0, cyber: 0, property: 0, exclusion: 0 },
      byPlace: { inSchool: 0, offCampus: 0 },
    },
    patrols: { planned: 0, done: 0, missed: 0, rate: null },
    findings: { raised: 0, closed: 0, open: 0 },
    reports: { owed: 0, onTime: 0, late: 0, missing: 0, pending: 0 },
  };
}

export const rate = (done: number, planned: number): number | null => (planned ? Math.round((done * 1000) / planned) / 10 : null);

/** Instants of a window in the plan's time zone, and the cutoff the states are taken at. */
export function windowBounds(w: Window, tz: string, now: Date): { from: Date; to: Date; cutoff: Date } {
  const from = localDateToInstant(w.firstDay, "00:00", tz);
  const to = localDateToInstant(addDays(w.lastDay, 1), "00:00", tz);
  return { from, to, cutoff: now < to ? now : to };
}

/** The case rule of incidents' `isOverdue`, applied to the case as it stood at `cutoff`. */
export function overdueAt(c: CaseFact, cutoff: Date): boolean {
  if (c.openedAt > cutoff) return false;
  const closed = before(c.closedAt, cutoff);
  if (!closed) return !before(c.investigatedAt, cutoff) && cutoff >= c.investigationDueAt;
  return !!c.reportDueAt && cutoff >= c.reportDueAt && !before(c.reportSubmittedAt, cutoff);
}

function addCase(f: Figures, c: CaseFact, from: Date, to: Date, cutoff: Date): void {
  const k = f.cases;
  if (inRange(c.openedAt, from, to) && c.openedAt <= cutoff) {
    k.opened++;
    if (c.severity === "minor" || c.severity === "serious" || c.severity === "criminal") k.bySeverity[c.severity]++;
    if (c.major) k.major++;
    if (c.kindPhysical) k.byKind.physical++;
    if (c.kindVerbal) k.byKind.verbal++;
    if (c.kindCyber) k.byKind.cyber++;
    if (c.kindProperty) k.byKind.property++;
    if (c.kindExclusion) k.byKind.exclusion++;
    if (c.location === "inSchool" || c.location === "offCampus") k.byPlace[c.location]++;
  }
  if (inRange(c.closedAt, from, to) && c.closedAt <= cutoff) k.closed++;
  if (c.openedAt <= cutoff && !before(c.closedAt, cutoff)) k.open++;
  if (overdueAt(c, cutoff)) k.overdue++;
}

function addPatrol(f: Figures, p: PatrolFact, w: Window, cutoff: Date): void {
  if (p.date < w.firstDay || p.date > w.lastDay) return;
  // A prompt whose slot has not come yet is not owed yet; one done early counts.
  if (p.status === "planned" && p.dueAt > cutoff) return;
  f.patrols.planned++;
  if (p.status === "done") f.patrols.done++;
  if (p.status === "missed") f.patrols.missed++;
}

function addFinding(f: Figures, x: FindingFact, from: Date, to: Date, cutoff: Date): void {
  if (inRange(x.createdAt, from, to) && x.createdAt <= cutoff) f.findings.raised++;
  if (inRange(x.closedAt, from, to) && x.closedAt <= cutoff) f.findings.closed++;
  if (x.createdAt <= cutoff && !before(x.closedAt, cutoff)) f.findings.open++;
}

/** When (and whether late) a unit delivered an owed item, as known at the cutoff. */
/**
 * The submissions and completions of a Facts, grouped by what deliveredAt looks them up by (in
 * their original order): scanning every row for every unit and item was quadratic — 3,000 units
 * × 20,000 submissions per window at province scale.
 */
interface FactIndex {
  submissions: Map<string, SubmissionFact[]>;
  completions: Map<string, CompletionFact[]>;
}
function indexOf(facts: Facts): FactIndex {
  const ix: FactIndex = { submissions: new Map(), completions: new Map() };
  for (const x of facts.submissions) {
    const k = `${x.unitKey}\u0000${x.form}\u0000${x.period}`;
    const list = ix.submissions.get(k);
    if (list) list.push(x);
    else ix.submissions.set(k, [x]);
  }
  for (const x of facts.completions) {
    const k = `${x.itemKey}\u0000${x.periodKey}`;
    const list = ix.completions.get(k);
    if (list) list.push(x);
    else ix.completions.set(k, [x]);
  }
  return ix;
}

function deliveredAt(item: OwedItem, unitKey: string, facts: Facts, ix: FactIndex, cutoff: Date): { at: Date; late: boolean } | null {
  if (item.form && SUBMISSION_FORMS.has(item.form)) {
    const s = ix.submissions.get(`${unitKey}\u0000${item.form}\u0000${item.submissionPeriod}`)?.find((x) => x.submittedAt <= cutoff);
    if (s) return { at: s.submittedAt, late: s.late };
  }
  const c = (ix.completions.get(`${item.deadlineKey}\u0000${item.periodKey}`) ?? []).find(
    (x) =>
      x.itemKey === item.deadlineKey &&
      x.periodKey === item.periodKey &&
      x.at <= cutoff &&
      (x.subject === `unit:${unitKey}` || x.subject === "*" || (x.subject.startsWith("member:") && facts.memberUnits[x.subject.slice(7)] === unitKey)),
  );
  return c ? { at: c.at, late: c.late } : null;
}

function itemState(item: OwedItem, unitKey: string, facts: Facts, ix: FactIndex, cutoff: Date, tz: string): ItemState {
  const d = deliveredAt(item, unitKey, facts, ix, cutoff);
  if (d) return d.late || localDate(d.at, tz) > item.due ? "late" : "on-time";
  // The whole due day counts: missing only once that day is over.
  return localDate(cutoff, tz) > item.due ? "missing" : "pending";
}

function addReport(f: Figures, s: ItemState): void {
  f.reports.owed++;
  if (s === "on-time") f.reports.onTime++;
  else if (s === "late") f.reports.late++;
  else if (s === "missing") f.reports.missing++;
  else f.reports.pending++;
}

export function submittedOf(items: readonly { state: ItemState }[]): SubmittedState | null {
  if (items.some((i) => i.state === "missing")) return "missing";
  if (items.some((i) => i.state === "late")) return "late";
  if (items.some((i) => i.state === "on-time")) return "on-time";
  return null;
}

function sumInto(t: Figures, f: Figures): void {
  const add = <T extends Record<string, number | null | object>>(a: T, b: T) => {
    for (const k of Object.keys(a) as (keyof T)[]) {
      const x = a[k];
      if (typeof x === "number") (a[k] as number) = x + (b[k] as number);
      else if (x && typeof x === "object") add(x as Record<string, number>, b[k] as Record<string, number>);
    }
  };
  add(t.cases as unknown as Record<string, number>, f.cases as unknown as Record<string, number>);
  t.patrols.planned += f.patrols.planned;
  t.patrols.done += f.patrols.done;
  t.patrols.missed += f.patrols.missed;
  add(t.findings as unknown as Record<string, number>, f.findings as unknown as Record<string, number>);
  add(t.reports as unknown as Record<string, number>, f.reports as unknown as Record<string, number>);
}

interface WindowResult {
  totals: Figures;
  units: UnitSummary[];
}

function figuresFor(input: SummarizeInput, w: Window): WindowResult {
  const tz = input.plan.timezone;
  const { from, to, cutoff } = windowBounds(w, tz, input.now);
  const { facts } = input;
  const per = new Map<string, Figures>(facts.units.map((u) => [u.key, emptyFigures()]));
  const fig = (unitKey: string) => per.get(unitKey);
  for (const c of facts.cases) {
    const f = fig(c.unitKey);
    if (f) addCase(f, c, from, to, cutoff);
  }
  for (const p of facts.patrols) {
    const f = fig(p.unitKey);
    if (f) addPatrol(f, p, w, cutoff);
  }
  for (const x of facts.findings) {
    const f = fig(x.unitKey);
    if (f) addFinding(f, x, from, to, cutoff);
  }
  const items = new Map<string, OwedItemState[]>(facts.units.map((u) => [u.key, []]));
  const ix = indexOf(facts);
  for (const item of owedItems(input.plan, facts.units, w)) {
    for (const unitKey of item.unitKeys) {
      const state = itemState(item, unitKey, facts, ix, cutoff, tz);
      addReport(per.get(unitKey)!, state);
      items.get(unitKey)!.push({ deadlineKey: item.deadlineKey, title: item.title, due: item.due, state });
    }
  }
  const totals = emptyFigures();
  const units: UnitSummary[] = facts.units.map((u) => {
    const f = per.get(u.key)!;
    f.patrols.rate = rate(f.patrols.done, f.patrols.planned);
    sumInto(totals, f);
    const its = items.get(u.key)!;
    return { unitKey: u.key, unit: u.name, kind: u.kind, ...f, submitted: submittedOf(its), items: its };
  });
  totals.patrols.rate = rate(totals.patrols.done, totals.patrols.planned);
  return { totals, units };
}

function changeOf(cur: Figures, prev: Figures): Change {
  return {
    opened: cur.cases.opened - prev.cases.opened,
    closed: cur.cases.closed - prev.cases.closed,
    overdue: cur.cases.overdue - prev.cases.overdue,
    patrolRate: cur.patrols.rate === null || prev.patrols.rate === null ? null : Math.round((cur.patrols.rate - prev.patrols.rate) * 10) / 10,
    findingsRaised: cur.findings.raised - prev.findings.raised,
    reportsMissing: cur.reports.missing - prev.reports.missing,
  };
}

/** Cases opened and closed per month, from the campaign's first month to the window's last. */
export function monthlySeries(plan: Plan, cases: readonly CaseFact[], lastMonth: string, now: Date): { month: string; opened: number; closed: number }[] {
  const tz = plan.timezone;
  const months = new Set<string>();
  let first = plan.span.start?.slice(0, 7) ?? lastMonth;
  for (const c of cases) {
    const m = localDate(c.openedAt, tz).slice(0, 7);
    if (m < first) first = m;
  }
  // A campaign longer than two years still gets a readable chart: the last 24 months.
  if (first < shiftMonth(lastMonth, -23)) first = shiftMonth(lastMonth, -23);
  for (let m = first; m <= lastMonth; m = shiftMonth(m, 1)) months.add(m);
  const series = [...months].map((month) => ({ month, opened: 0, closed: 0 }));
  const byMonth = new Map(series.map((s) => [s.month, s]));
  for (const c of cases) {
    if (c.openedAt <= now) {
      const s = byMonth.get(localDate(c.openedAt, tz).slice(0, 7));
      if (s) s.opened++;
    }
    if (c.closedAt && c.closedAt <= now) {
      const s = byMonth.get(localDate(c.closedAt, tz).slice(0, 7));
      if (s) s.closed++;
    }
  }
  return series;
}

export function summarize(input: SummarizeInput): Summary {
  const cur = figuresFor(input, input.window);
  const prev = input.previous ? figuresFor(input, input.previous) : null;
  const { cutoff } = windowBounds(input.window, input.plan.timezone, input.now);
  return {
    campaignId: input.campaignId,
    campaignTitle: input.campaignTitle,
    window: input.window,
    asOf: cutoff.toISOString(),
    totals: cur.totals,
    previous: prev && input.previous ? { window: input.previous, totals: prev.totals } : null,
    change: prev ? changeOf(cur.totals, prev.totals) : null,
    units: cur.units,
    missing: cur.units
      .filter((u) => u.items.some((i) => i.state === "missing"))
      .map((u) => ({ unitKey: u.unitKey, unit: u.unit, items: u.items.filter((i) => i.state === "missing").map((i) => i.title) })),
    series: monthlySeries(input.plan, input.facts.cases, input.window.lastDay.slice(0, 7), cutoff),
  };
}
