/**
 * The bulletin's arithmetic, pure: rows in, figures out. `now` is a parameter and every state
 * is taken *as of the cutoff* (the earlier of now and the window's end), so the October
 * bulletin shows the same numbers whether it is computed on 26 October or at Christmas — a
 * case closed in November is still open in October's figures.
 */
import { addDays, localDateToInstant } from "../../core/calendar.js";
import type { Plan } from "../campaigns/schema.js";
import { owedItems, shiftMonth, type OwedItem, type UnitRef } from "./owed.js";
import type { CaseFigures, Change, Figures, FindingFigures, ItemState, OwedItemState, SubmittedState, Summary, UnitSummary, Window } from "./types.js";

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
/** What the owed reports are looked up in. */
type OwedFacts = Pick<Facts, "submissions" | "completions" | "memberUnits">;
/**
 * A deadline occurrence's completions, in their original order (`i`), split by whom they count
 * for: a unit's own (unit:<key>, and member:<key> of its people) and everybody's (*). Scanning
 * the whole occurrence for each unit was quadratic: a province's 月报表 of one month has a
 * completion per school, looked up for 3,000 schools.
 */
interface CompletionGroup {
  byUnit: Map<string, { i: number; x: CompletionFact }[]>;
  everybody: { i: number; x: CompletionFact }[];
}
interface FactIndex {
  submissions: Map<string, SubmissionFact[]>;
  completions: Map<string, CompletionGroup>;
}
function indexOf(facts: OwedFacts): FactIndex {
  const ix: FactIndex = { submissions: new Map(), completions: new Map() };
  for (const x of facts.submissions) {
    const k = `${x.unitKey}\u0000${x.form}\u0000${x.period}`;
    const list = ix.submissions.get(k);
    if (list) list.push(x);
    else ix.submissions.set(k, [x]);
  }
  facts.completions.forEach((x, i) => {
    const k = `${x.itemKey}\u0000${x.periodKey}`;
    let g = ix.completions.get(k);
    if (!g) ix.completions.set(k, (g = { byUnit: new Map(), everybody: [] }));
    if (x.subject === "*") return void g.everybody.push({ i, x });
    const unitKey = x.subject.startsWith("unit:") ? x.subject.slice(5) : x.subject.startsWith("member:") ? facts.memberUnits[x.subject.slice(7)] : undefined;
    if (typeof unitKey !== "string") return;
    const list = g.byUnit.get(unitKey);
    if (list) list.push({ i, x });
    else g.byUnit.set(unitKey, [{ i, x }]);
  });
  return ix;
}

function deliveredAt(item: OwedItem, unitKey: string, ix: FactIndex, cutoff: Date): { at: Date; late: boolean } | null {
  if (item.form && SUBMISSION_FORMS.has(item.form)) {
    const s = ix.submissions.get(`${unitKey}\u0000${item.form}\u0000${item.submissionPeriod}`)?.find((x) => x.submittedAt <= cutoff);
    if (s) return { at: s.submittedAt, late: s.late };
  }
  // The first completion (in the rows' order) done by the cutoff that counts for this unit.
  const g = ix.completions.get(`${item.deadlineKey}\u0000${item.periodKey}`);
  if (!g) return null;
  const own = g.byUnit.get(unitKey)?.find((e) => e.x.at <= cutoff);
  const all = g.everybody.find((e) => e.x.at <= cutoff);
  const c = own && all ? (own.i < all.i ? own : all) : (own ?? all);
  return c ? { at: c.x.at, late: c.x.late } : null;
}

function itemState(item: OwedItem, unitKey: string, ix: FactIndex, cutoff: Date, tz: string): ItemState {
  const d = deliveredAt(item, unitKey, ix, cutoff);
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

/** Adds b's numbers into a's, field by field, nested objects included (the shapes are the same). */
function addNested(a: object, b: object): void {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const k of Object.keys(x)) {
    const v = x[k];
    if (typeof v === "number") x[k] = v + (y[k] as number);
    else if (v && typeof v === "object") addNested(v, y[k] as object);
  }
}

function sumInto(t: Figures, f: Figures): void {
  addCounts(t, f);
  addNested(t.reports, f.reports);
}

interface WindowResult {
  totals: Figures;
  units: UnitSummary[];
}

/**
 * What one unit adds to a window's figures, counted as of the window's cutoff: everything but
 * the owed reports (which need the plan) and the rate (a ratio of the summed counts). The
 * database layer (counts.ts) returns these grouped per unit; {@link tallyFacts} counts the same
 * from rows.
 */
export interface UnitCounts {
  cases: CaseFigures;
  patrols: { planned: number; done: number; missed: number };
  findings: FindingFigures;
}

/** Cases per local month of the plan's time zone, for the chart, as of the cutoff. */
export interface CaseMonths {
  /**
   * The earliest local month any case (opened before the window's end) was opened in, null
   * without cases. A month before the chart's 24 may stand for all of them (the chart clamps).
   */
  first: string | null;
  /** local month → cases opened in it (at or before the cutoff) */
  opened: Record<string, number>;
  /** local month → cases closed in it (at or before the cutoff) */
  closed: Record<string, number>;
}

/**
 * Everything the summary is computed from, already counted: per-unit counts of the window and
 * of the previous one, the case months of the chart, and the few rows the owed reports need
 * (submissions and completions of the window's owed items, and whose member is in which unit).
 */
export interface Tallies {
  units: UnitRef[];
  /** unit key → counts as of the window's cutoff; a unit without any row may be absent */
  current: Map<string, UnitCounts>;
  previous: Map<string, UnitCounts> | null;
  months: CaseMonths;
  submissions: SubmissionFact[];
  completions: CompletionFact[];
  memberUnits: Record<string, string>;
}

export interface SummarizeTalliesInput {
  campaignId: string;
  campaignTitle: string;
  plan: Plan;
  tallies: Tallies;
  window: Window;
  previous?: Window | null;
  now: Date;
}

export function emptyCounts(): UnitCounts {
  const f = emptyFigures();
  return { cases: f.cases, patrols: { planned: 0, done: 0, missed: 0 }, findings: f.findings };
}

/** The per-unit counts of one window, from rows (the row-based twin of counts.ts's SQL). */
export function countWindow(facts: Pick<Facts, "cases" | "patrols" | "findings">, w: Window, tz: string, now: Date): Map<string, UnitCounts> {
  const { from, to, cutoff } = windowBounds(w, tz, now);
  const per = new Map<string, UnitCounts>();
  const fig = (unitKey: string) => {
    let f = per.get(unitKey);
    if (!f) per.set(unitKey, (f = emptyCounts()));
    return f as Figures;
  };
  for (const c of facts.cases) addCase(fig(c.unitKey), c, from, to, cutoff);
  for (const p of facts.patrols) addPatrol(fig(p.unitKey), p, w, cutoff);
  for (const x of facts.findings) addFinding(fig(x.unitKey), x, from, to, cutoff);
  return per;
}

/** Counts the rows of a Facts (the row-based path: tests, small callers). */
export function tallyFacts(input: Omit<SummarizeInput, "campaignId" | "campaignTitle">): Tallies {
  const tz = input.plan.timezone;
  const { facts } = input;
  const { cutoff } = windowBounds(input.window, tz, input.now);
  return {
    units: facts.units,
    current: countWindow(facts, input.window, tz, input.now),
    previous: input.previous ? countWindow(facts, input.previous, tz, input.now) : null,
    months: caseMonths(facts.cases, tz, cutoff),
    submissions: facts.submissions,
    completions: facts.completions,
    memberUnits: facts.memberUnits,
  };
}

function addCounts(f: Figures, c: UnitCounts): void {
  addNested(f.cases, c.cases);
  f.patrols.planned += c.patrols.planned;
  f.patrols.done += c.patrols.done;
  f.patrols.missed += c.patrols.missed;
  addNested(f.findings, c.findings);
}

function figuresFor(input: SummarizeTalliesInput, w: Window, counts: Map<string, UnitCounts>): WindowResult {
  const tz = input.plan.timezone;
  const { cutoff } = windowBounds(w, tz, input.now);
  const { tallies } = input;
  // Counts of a unit not in the plan's units (or of the bureau) are not reported on.
  const per = new Map<string, Figures>(tallies.units.map((u) => [u.key, emptyFigures()]));
  for (const [unitKey, c] of counts) {
    const f = per.get(unitKey);
    if (f) addCounts(f, c);
  }
  const items = new Map<string, OwedItemState[]>(tallies.units.map((u) => [u.key, []]));
  const ix = indexOf(tallies);
  for (const item of owedItems(input.plan, tallies.units, w)) {
    for (const unitKey of item.unitKeys) {
      const state = itemState(item, unitKey, ix, cutoff, tz);
      addReport(per.get(unitKey)!, state);
      items.get(unitKey)!.push({ deadlineKey: item.deadlineKey, title: item.title, due: item.due, state });
    }
  }
  const totals = emptyFigures();
  const units: UnitSummary[] = tallies.units.map((u) => {
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

/** Opened and closed cases per local month, and the earliest month, from rows. */
export function caseMonths(cases: readonly CaseFact[], tz: string, cutoff: Date): CaseMonths {
  const m: CaseMonths = { first: null, opened: {}, closed: {} };
  for (const c of cases) {
    const om = localDate(c.openedAt, tz).slice(0, 7);
    if (m.first === null || om < m.first) m.first = om;
    if (c.openedAt <= cutoff) m.opened[om] = (m.opened[om] ?? 0) + 1;
    if (c.closedAt && c.closedAt <= cutoff) {
      const cm = localDate(c.closedAt, tz).slice(0, 7);
      m.closed[cm] = (m.closed[cm] ?? 0) + 1;
    }
  }
  return m;
}

/** The first and last month of the chart: from the campaign's (or its first case's) month, at most 24. */
export function seriesMonths(plan: Plan, first: string | null, lastMonth: string): string[] {
  let from = plan.span.start?.slice(0, 7) ?? lastMonth;
  if (first !== null && first < from) from = first;
  // A campaign longer than two years still gets a readable chart: the last 24 months.
  if (from < shiftMonth(lastMonth, -23)) from = shiftMonth(lastMonth, -23);
  const months: string[] = [];
  for (let m = from; m <= lastMonth; m = shiftMonth(m, 1)) months.push(m);
  return months;
}

export function seriesOf(plan: Plan, months: CaseMonths, lastMonth: string): { month: string; opened: number; closed: number }[] {
  return seriesMonths(plan, months.first, lastMonth).map((month) => ({ month, opened: months.opened[month] ?? 0, closed: months.closed[month] ?? 0 }));
}

/** Cases opened and closed per month, from the campaign's first month to the window's last. */
export function monthlySeries(plan: Plan, cases: readonly CaseFact[], lastMonth: string, now: Date): { month: string; opened: number; closed: number }[] {
  return seriesOf(plan, caseMonths(cases, plan.timezone, now), lastMonth);
}

/** The summary from counts (the database path: counts.ts). */
export function summarizeTallies(input: SummarizeTalliesInput): Summary {
  const { tallies } = input;
  const cur = figuresFor(input, input.window, tallies.current);
  const prev = input.previous ? figuresFor(input, input.previous, tallies.previous ?? new Map()) : null;
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
    series: seriesOf(input.plan, tallies.months, input.window.lastDay.slice(0, 7)),
  };
}

/** The summary from rows: counts them ({@link tallyFacts}), then {@link summarizeTallies}. */
export function summarize(input: SummarizeInput): Summary {
  return summarizeTallies({ ...input, tallies: tallyFacts(input) });
}
