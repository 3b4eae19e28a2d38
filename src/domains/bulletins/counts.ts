/**
 * The bulletin's counting, in the database: one GROUP BY per table instead of reading every case,
 * patrol and finding of two months into JS (issue 10: a province's 100,000 cases and 257,000
 * patrols took ~3.8 s through findMany). Each SUM(CASE …) below is the SQL twin of one test of
 * aggregate.ts (addCase, overdueAt, addPatrol, addFinding, caseMonths); the WHERE clauses are those of
 * the row loader (facts.ts), so both paths see the same rows. Only the owed reports still read
 * rows: the submissions of the owed forms and periods, and the completions exactly as the row
 * loader reads them (their order decides which of several completions counts).
 *
 * Portable between SQLite and PostgreSQL: instants are bound as Dates (the SQLite adapter
 * stores and binds them as the same fixed-width ISO text, so comparing them as text is comparing
 * instants, as Prisma's own where-clauses do; PostgreSQL compares timestamps), booleans only
 * appear as `CASE WHEN col` (0/1 on SQLite, boolean on PostgreSQL), and counts come back as
 * bigint on both, hence `num`.
 */
import { Prisma, type Db } from "../../core/db/client.js";
import { addDays, localDateToInstant } from "../../core/calendar.js";
import type { Plan } from "../campaigns/schema.js";
import { emptyCounts, localDate, summarizeTallies, windowBounds, type CaseMonths, type CompletionFact, type SubmissionFact, type Tallies, type UnitCounts } from "./aggregate.js";
import { owedItems, shiftMonth, type UnitRef } from "./owed.js";
import type { Summary, Window } from "./types.js";

type Tx = Db | Prisma.TransactionClient;

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** Forms the reports domain keeps as ReportSubmission rows (as in aggregate.ts). */
const SUBMISSION_FORMS = new Set(["monthlyReport", "selfCheck"]);

interface Bounds {
  from: Date;
  to: Date;
  cutoff: Date;
}

/** The range the row loader reads: from the first window's first day to the last window's end. */
interface Range {
  campaignId: string;
  firstDay: string;
  lastDay: string;
  from: Date;
  to: Date;
}

type StateRow = { unitKey: string } & Record<`${"open" | "overdue" | "closed"}${0 | 1}`, unknown>;

/**
 * As of each window's cutoff: cases open and overdue (whenever opened: overdueAt), and closed in
 * the window. One pass over the campaign's cases (the covering index of schema.prisma).
 */
async function caseStates(tx: Tx, r: Range, b0: Bounds, b1: Bounds): Promise<StateRow[]> {
  const state = (b: Bounds) => {
    const c = b.cutoff;
    const closed = Prisma.sql`("closedAt" IS NOT NULL AND "closedAt" <= ${c})`;
    return [
      Prisma.sql`SUM(CASE WHEN "openedAt" <= ${c} AND NOT ${closed} THEN 1 ELSE 0 END)`,
      Prisma.sql`SUM(CASE WHEN "openedAt" <= ${c} AND (
          (NOT ${closed} AND NOT ("investigatedAt" IS NOT NULL AND "investigatedAt" <= ${c}) AND "investigationDueAt" <= ${c})
          OR (${closed} AND "reportDueAt" IS NOT NULL AND "reportDueAt" <= ${c} AND NOT ("reportSubmittedAt" IS NOT NULL AND "reportSubmittedAt" <= ${c}))
        ) THEN 1 ELSE 0 END)`,
      Prisma.sql`SUM(CASE WHEN "closedAt" >= ${b.from} AND "closedAt" < ${b.to} AND "closedAt" <= ${c} THEN 1 ELSE 0 END)`,
    ];
  };
  const [open0, overdue0, closed0] = state(b0);
  const [open1, overdue1, closed1] = state(b1);
  return tx.$queryRaw<StateRow[]>`
    SELECT "unitKey", ${open0} AS "open0", ${overdue0} AS "overdue0", ${closed0} AS "closed0", ${open1} AS "open1", ${overdue1} AS "overdue1", ${closed1} AS "closed1"
    FROM "IncidentCase"
    WHERE "campaignId" = ${r.campaignId} AND "openedAt" < ${r.to}
    GROUP BY "unitKey"`;
}

type OpenedRow = Record<
  "unitKey" | "opened" | "minor" | "serious" | "criminal" | "major" | "physical" | "verbal" | "cyber" | "property" | "exclusion" | "inSchool" | "offCampus",
  unknown
>;

/** Cases opened in the window (by its cutoff), with their severities, kinds and places. */
async function casesOpened(tx: Tx, r: Range, b: Bounds): Promise<OpenedRow[]> {
  return tx.$queryRaw<OpenedRow[]>`
    SELECT "unitKey", COUNT(*) AS "opened",
      SUM(CASE WHEN "severity" = 'minor' THEN 1 ELSE 0 END) AS "minor",
      SUM(CASE WHEN "severity" = 'serious' THEN 1 ELSE 0 END) AS "serious",
      SUM(CASE WHEN "severity" = 'criminal' THEN 1 ELSE 0 END) AS "criminal",
      SUM(CASE WHEN "major" THEN 1 ELSE 0 END) AS "major",
      SUM(CASE WHEN "kindPhysical" THEN 1 ELSE 0 END) AS "physical",
      SUM(CASE WHEN "kindVerbal" THEN 1 ELSE 0 END) AS "verbal",
      SUM(CASE WHEN "kindCyber" THEN 1 ELSE 0 END) AS "cyber",
      SUM(CASE WHEN "kindProperty" THEN 1 ELSE 0 END) AS "property",
      SUM(CASE WHEN "kindExclusion" THEN 1 ELSE 0 END) AS "exclusion",
      SUM(CASE WHEN "location" = 'inSchool' THEN 1 ELSE 0 END) AS "inSchool",
      SUM(CASE WHEN "location" = 'offCampus' THEN 1 ELSE 0 END) AS "offCampus"
    FROM "IncidentCase"
    WHERE "campaignId" = ${r.campaignId} AND "openedAt" >= ${b.from} AND "openedAt" < ${b.to} AND "openedAt" < ${r.to} AND "openedAt" <= ${b.cutoff}
    GROUP BY "unitKey"`;
}

type PatrolRow = Record<"unitKey" | "n" | "notYet" | "done" | "missed", unknown>;

/** Patrols of each unit in one window (addPatrol): a prompt whose slot is after the cutoff is not owed yet. */
async function patrolCounts(tx: Tx, r: Range, w: Window, b: Bounds): Promise<PatrolRow[]> {
  // The window lies within the loaded range, so its days alone select the rows the loader would.
  return tx.$queryRaw<PatrolRow[]>`
    SELECT "unitKey", COUNT(*) AS "n",
      SUM(CASE WHEN "status" = 'planned' AND "dueAt" > ${b.cutoff} THEN 1 ELSE 0 END) AS "notYet",
      SUM(CASE WHEN "status" = 'done' THEN 1 ELSE 0 END) AS "done",
      SUM(CASE WHEN "status" = 'missed' THEN 1 ELSE 0 END) AS "missed"
    FROM "Patrol"
    WHERE "campaignId" = ${r.campaignId} AND "kind" = 'patrol' AND "date" >= ${w.firstDay} AND "date" <= ${w.lastDay}
      AND "date" >= ${r.firstDay} AND "date" <= ${r.lastDay}
    GROUP BY "unitKey"`;
}

type FindingRow = { unitKey: string } & Record<`${"raised" | "closed" | "open"}${0 | 1}`, unknown>;

/** Findings of each unit in the window and the previous one (addFinding). */
async function findingCounts(tx: Tx, r: Range, b0: Bounds, b1: Bounds): Promise<FindingRow[]> {
  return tx.$queryRaw<FindingRow[]>`
    SELECT "unitKey",
      SUM(CASE WHEN "createdAt" >= ${b0.from} AND "createdAt" < ${b0.to} AND "createdAt" <= ${b0.cutoff} THEN 1 ELSE 0 END) AS "raised0",
      SUM(CASE WHEN "closedAt" >= ${b0.from} AND "closedAt" < ${b0.to} AND "closedAt" <= ${b0.cutoff} THEN 1 ELSE 0 END) AS "closed0",
      SUM(CASE WHEN "createdAt" <= ${b0.cutoff} AND NOT ("closedAt" IS NOT NULL AND "closedAt" <= ${b0.cutoff}) THEN 1 ELSE 0 END) AS "open0",
      SUM(CASE WHEN "createdAt" >= ${b1.from} AND "createdAt" < ${b1.to} AND "createdAt" <= ${b1.cutoff} THEN 1 ELSE 0 END) AS "raised1",
      SUM(CASE WHEN "closedAt" >= ${b1.from} AND "closedAt" < ${b1.to} AND "closedAt" <= ${b1.cutoff} THEN 1 ELSE 0 END) AS "closed1",
      SUM(CASE WHEN "createdAt" <= ${b1.cutoff} AND NOT ("closedAt" IS NOT NULL AND "closedAt" <= ${b1.cutoff}) THEN 1 ELSE 0 END) AS "open1"
    FROM "Finding"
    WHERE "campaignId" = ${r.campaignId} AND "createdAt" < ${r.to} AND ("closedAt" IS NULL OR "closedAt" >= ${r.from})
    GROUP BY "unitKey"`;
}

/**
 * The index of the local month `col` falls in among `starts` (the local midnights starting each
 * chart month, then the end of the last): -1 before the first, starts.length - 1 after the last.
 * A binary tree of comparisons (5 per row for 25 bounds, not 25). Month starts are computed in
 * JS, so neither database needs the plan's time zone.
 */
function monthIndex(col: Prisma.Sql, starts: Date[], lo = 0, hi = starts.length): Prisma.Sql {
  if (hi - lo === 1) return Prisma.sql`CASE WHEN ${col} < ${starts[lo]} THEN ${lo - 1} ELSE ${lo} END`;
  const mid = (lo + hi) >> 1;
  return Prisma.sql`CASE WHEN ${col} < ${starts[mid]} THEN ${monthIndex(col, starts, lo, mid)} ELSE ${monthIndex(col, starts, mid, hi)} END`;
}

/** The chart's months (caseMonths): cases opened and closed per local month of the last 24, and the first case. */
async function monthCounts(tx: Tx, r: Range, tz: string, cutoff: Date, lastMonth: string): Promise<CaseMonths> {
  const months = Array.from({ length: 24 }, (_, i) => shiftMonth(lastMonth, i - 23));
  const starts = [...months, shiftMonth(lastMonth, 1)].map((m) => localDateToInstant(`${m}-01`, "00:00", tz));
  // Opened: one range count per month (an index range each; SQLite takes the first upper bound
  // written as the range's end, so the month's comes first); closed: one pass, bucketed.
  const openedPerMonth = months.map(
    (_, i) => Prisma.sql`SELECT CAST(${i} AS INTEGER) AS m, COUNT(*) AS n FROM "IncidentCase"
      WHERE "campaignId" = ${r.campaignId} AND "openedAt" >= ${starts[i]} AND "openedAt" < ${starts[i + 1]} AND "openedAt" < ${r.to} AND "openedAt" <= ${cutoff}`,
  );
  const closedMonth = monthIndex(Prisma.sql`"closedAt"`, starts);
  const [first, o, c] = await Promise.all([
    tx.$queryRaw<{ first: unknown }[]>`SELECT MIN("openedAt") AS "first" FROM "IncidentCase" WHERE "campaignId" = ${r.campaignId} AND "openedAt" < ${r.to}`,
    tx.$queryRaw<{ m: unknown; n: unknown }[]>`${Prisma.join(openedPerMonth, " UNION ALL ")}`,
    tx.$queryRaw<{ m: unknown; n: unknown }[]>`
      SELECT m, COUNT(*) AS n FROM (
        SELECT ${closedMonth} AS m FROM "IncidentCase"
        WHERE "campaignId" = ${r.campaignId} AND "openedAt" < ${r.to} AND "closedAt" IS NOT NULL AND "closedAt" <= ${cutoff}
      ) AS x GROUP BY m`,
  ]);
  // SQLite hands the instant back as its stored ISO text, PostgreSQL as a Date.
  const f = first[0]?.first;
  const out: CaseMonths = { first: f === null || f === undefined ? null : localDate(new Date(f as string | Date), tz).slice(0, 7), opened: {}, closed: {} };
  for (const x of o) if (num(x.n) > 0) out.opened[months[num(x.m)]!] = num(x.n);
  for (const x of c) {
    const i = num(x.m);
    if (i >= 0 && i < months.length) out.closed[months[i]!] = num(x.n);
  }
  return out;
}

function casesOpenedInto(rows: OpenedRow[], into: Map<string, UnitCounts>): void {
  for (const x of rows) {
    const k = at(into, String(x.unitKey)).cases;
    k.opened = num(x.opened);
    k.bySeverity = { minor: num(x.minor), serious: num(x.serious), criminal: num(x.criminal) };
    k.major = num(x.major);
    k.byKind = { physical: num(x.physical), verbal: num(x.verbal), cyber: num(x.cyber), property: num(x.property), exclusion: num(x.exclusion) };
    k.byPlace = { inSchool: num(x.inSchool), offCampus: num(x.offCampus) };
  }
}

function patrolsInto(rows: PatrolRow[], into: Map<string, UnitCounts>): void {
  for (const x of rows) at(into, String(x.unitKey)).patrols = { planned: num(x.n) - num(x.notYet), done: num(x.done), missed: num(x.missed) };
}

function at(m: Map<string, UnitCounts>, unitKey: string): UnitCounts {
  let c = m.get(unitKey);
  if (!c) m.set(unitKey, (c = emptyCounts()));
  return c;
}

export interface TallyQuery {
  campaignId: string;
  plan: Plan;
  window: Window;
  previous?: Window | null;
  now: Date;
}

/** Everything {@link summarizeTallies} needs, counted by the database. */
export async function loadTallies(tx: Tx, q: TallyQuery): Promise<Tallies> {
  const { campaignId, plan, window } = q;
  const tz = plan.timezone;
  const previous = q.previous ?? null;
  const firstDay = previous?.firstDay ?? window.firstDay;
  const r: Range = {
    campaignId,
    firstDay,
    lastDay: window.lastDay,
    from: localDateToInstant(firstDay, "00:00", tz),
    to: localDateToInstant(addDays(window.lastDay, 1), "00:00", tz),
  };
  const b0 = windowBounds(window, tz, q.now);
  // Without a previous window the second set of columns is computed for the window again and ignored.
  const pw = previous ?? window;
  const b1 = windowBounds(pw, tz, q.now);
  const unitRows = await tx.unit.findMany({ where: { campaignId }, select: { key: true, name: true, kind: true }, orderBy: { key: "asc" } });
  // The bureau itself is not reported on; departments and schools are.
  const units: UnitRef[] = unitRows.filter((u) => u.kind !== "bureau");
  // The owed reports need rows, but only those of the items owed in the windows.
  const owed = [...owedItems(plan, units, window), ...(previous ? owedItems(plan, units, previous) : [])];
  const forms = [...new Set(owed.filter((i) => i.form && SUBMISSION_FORMS.has(i.form)).map((i) => i.form!))];
  const periods = [...new Set(owed.filter((i) => i.form && SUBMISSION_FORMS.has(i.form)).map((i) => i.submissionPeriod))];
  const [states, opened0, opened1, patrols0, patrols1, findings, months, submissions, completions] = await Promise.all([
    caseStates(tx, r, b0, b1),
    casesOpened(tx, r, b0),
    previous ? casesOpened(tx, r, b1) : Promise.resolve([]),
    patrolCounts(tx, r, window, b0),
    previous ? patrolCounts(tx, r, previous, b1) : Promise.resolve([]),
    findingCounts(tx, r, b0, b1),
    monthCounts(tx, r, tz, b0.cutoff, window.lastDay.slice(0, 7)),
    forms.length
      ? tx.reportSubmission.findMany({
          where: { campaignId, submittedAt: { lt: r.to }, form: { in: forms }, period: { in: periods } },
          select: { unitKey: true, form: true, period: true, submittedAt: true, late: true },
        })
      : Promise.resolve([] as SubmissionFact[]),
    // Exactly the row loader's query, not narrowed to the owed items: when several completions
    // match one unit's item (unit, member, everybody), the first in the database's order wins,
    // and a narrower query may come back in another order (seen on PostgreSQL).
    owed.length
      ? tx.itemCompletion.findMany({ where: { campaignId, at: { lt: r.to } }, select: { itemKey: true, periodKey: true, subject: true, at: true, late: true } })
      : Promise.resolve([] as CompletionFact[]),
  ]);
  const current = new Map<string, UnitCounts>();
  const before = previous ? new Map<string, UnitCounts>() : null;
  for (const x of states) {
    const k = at(current, x.unitKey).cases;
    k.open = num(x.open0);
    k.overdue = num(x.overdue0);
    k.closed = num(x.closed0);
    if (before) {
      const p = at(before, x.unitKey).cases;
      p.open = num(x.open1);
      p.overdue = num(x.overdue1);
      p.closed = num(x.closed1);
    }
  }
  casesOpenedInto(opened0, current);
  patrolsInto(patrols0, current);
  if (before) {
    casesOpenedInto(opened1, before);
    patrolsInto(patrols1, before);
  }
  for (const x of findings) {
    at(current, x.unitKey).findings = { raised: num(x.raised0), closed: num(x.closed0), open: num(x.open0) };
    if (before) at(before, x.unitKey).findings = { raised: num(x.raised1), closed: num(x.closed1), open: num(x.open1) };
  }
  // A person's 已完成 counts for their unit: only needed when someone completed as a member.
  const memberUnits: Record<string, string> = {};
  if (completions.some((c) => c.subject.startsWith("member:"))) {
    const members = await tx.member.findMany({ where: { campaignId, unitId: { not: null } }, select: { key: true, unit: { select: { key: true } } } });
    for (const m of members) if (m.unit) memberUnits[m.key] = m.unit.key;
  }
  return { units, current, previous: before, months, submissions, completions, memberUnits };
}

/**
 * The summary of a window (and the comparison with the previous one) as of `now`, counted in the
 * database: what `summaryFor` computes, without reading the rows.
 */
export async function summaryFromDb(
  tx: Tx,
  campaign: { id: string; title: string; plan: Plan },
  window: Window,
  previous: Window | null,
  now: Date,
): Promise<Summary> {
  const tallies = await loadTallies(tx, { campaignId: campaign.id, plan: campaign.plan, window, previous, now });
  return summarizeTallies({ campaignId: campaign.id, campaignTitle: campaign.title, plan: campaign.plan, tallies, window, previous, now });
}
