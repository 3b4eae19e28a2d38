/**
 * The bulletin's counting, in the database: one GROUP BY per table instead of reading every case,
 * patrol and finding of two months into JS (issue 10: a province's 100,000 cases and 257,000
 * patrols took ~3.8 s through findMany). Each SUM(CASE …) below is the SQL twin of one test of
 * aggregate.ts (addCase, overdueAt, addPatrol, addFinding, caseMonths); the WHERE clauses are those of
 * the row loader (facts.ts), so both paths see the same rows. Only the owed reports still read
 * rows, narrowed to the window's owed items.
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
import { emptyCounts, summarizeTallies, windowBounds, type CaseMonths, type CompletionFact, type SubmissionFact, type Tallies, type UnitCounts } from "./aggregate.js";
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

type CaseRow = Record<
  "unitKey" | "opened" | "closed" | "overdue" | "open" | "minor" | "serious" | "criminal" | "major" | "physical" | "verbal" | "cyber" | "property" | "exclusion" | "inSchool" | "offCampus",
  unknown
>;

/** Cases of each unit in one window (addCase and overdueAt as of the cutoff). */
async function caseCounts(tx: Tx, r: Range, b: Bounds): Promise<CaseRow[]> {
  const { from, to, cutoff: c } = b;
  return tx.$queryRaw<CaseRow[]>`
    SELECT "unitKey",
      SUM(o) AS "opened",
      SUM(CASE WHEN o = 1 AND "severity" = 'minor' THEN 1 ELSE 0 END) AS "minor",
      SUM(CASE WHEN o = 1 AND "severity" = 'serious' THEN 1 ELSE 0 END) AS "serious",
      SUM(CASE WHEN o = 1 AND "severity" = 'criminal' THEN 1 ELSE 0 END) AS "criminal",
      SUM(CASE WHEN o = 1 AND "major" THEN 1 ELSE 0 END) AS "major",
      SUM(CASE WHEN o = 1 AND "kindPhysical" THEN 1 ELSE 0 END) AS "physical",
      SUM(CASE WHEN o = 1 AND "kindVerbal" THEN 1 ELSE 0 END) AS "verbal",
      SUM(CASE WHEN o = 1 AND "kindCyber" THEN 1 ELSE 0 END) AS "cyber",
      SUM(CASE WHEN o = 1 AND "kindProperty" THEN 1 ELSE 0 END) AS "property",
      SUM(CASE WHEN o = 1 AND "kindExclusion" THEN 1 ELSE 0 END) AS "exclusion",
      SUM(CASE WHEN o = 1 AND "location" = 'inSchool' THEN 1 ELSE 0 END) AS "inSchool",
      SUM(CASE WHEN o = 1 AND "location" = 'offCampus' THEN 1 ELSE 0 END) AS "offCampus",
      SUM(CASE WHEN "closedAt" >= ${from} AND "closedAt" < ${to} AND "closedAt" <= ${c} THEN 1 ELSE 0 END) AS "closed",
      SUM(CASE WHEN "openedAt" <= ${c} AND NOT cl THEN 1 ELSE 0 END) AS "open",
      SUM(CASE WHEN "openedAt" <= ${c} AND (
            (NOT cl AND NOT ("investigatedAt" IS NOT NULL AND "investigatedAt" <= ${c}) AND "investigationDueAt" <= ${c})
         OR (cl AND "reportDueAt" IS NOT NULL AND "reportDueAt" <= ${c} AND NOT ("reportSubmittedAt" IS NOT NULL AND "reportSubmittedAt" <= ${c}))
          ) THEN 1 ELSE 0 END) AS "overdue"
    FROM (
      SELECT "unitKey", "severity", "major", "kindPhysical", "kindVerbal", "kindCyber", "kindProperty", "kindExclusion", "location",
        "openedAt", "closedAt", "investigatedAt", "investigationDueAt", "reportDueAt", "reportSubmittedAt",
        CASE WHEN "openedAt" >= ${from} AND "openedAt" < ${to} AND "openedAt" <= ${c} THEN 1 ELSE 0 END AS o,
        ("closedAt" IS NOT NULL AND "closedAt" <= ${c}) AS cl
      FROM "IncidentCase"
      WHERE "campaignId" = ${r.campaignId} AND "openedAt" < ${r.to}
    ) AS k
    GROUP BY "unitKey"`;
}

type PatrolRow = { unitKey: string } & Record<`${"planned" | "done" | "missed"}${0 | 1}`, unknown>;

/** Patrols of each unit in the window and the previous one (addPatrol): one pass over the range. */
async function patrolCounts(tx: Tx, r: Range, w: [Window, Bounds], p: [Window, Bounds]): Promise<PatrolRow[]> {
  const [w0, b0] = w;
  const [w1, b1] = p;
  return tx.$queryRaw<PatrolRow[]>`
    SELECT "unitKey",
      SUM(CASE WHEN "date" >= ${w0.firstDay} AND "date" <= ${w0.lastDay} AND NOT ("status" = 'planned' AND "dueAt" > ${b0.cutoff}) THEN 1 ELSE 0 END) AS "planned0",
      SUM(CASE WHEN "date" >= ${w0.firstDay} AND "date" <= ${w0.lastDay} AND "status" = 'done' THEN 1 ELSE 0 END) AS "done0",
      SUM(CASE WHEN "date" >= ${w0.firstDay} AND "date" <= ${w0.lastDay} AND "status" = 'missed' THEN 1 ELSE 0 END) AS "missed0",
      SUM(CASE WHEN "date" >= ${w1.firstDay} AND "date" <= ${w1.lastDay} AND NOT ("status" = 'planned' AND "dueAt" > ${b1.cutoff}) THEN 1 ELSE 0 END) AS "planned1",
      SUM(CASE WHEN "date" >= ${w1.firstDay} AND "date" <= ${w1.lastDay} AND "status" = 'done' THEN 1 ELSE 0 END) AS "done1",
      SUM(CASE WHEN "date" >= ${w1.firstDay} AND "date" <= ${w1.lastDay} AND "status" = 'missed' THEN 1 ELSE 0 END) AS "missed1"
    FROM "Patrol"
    WHERE "campaignId" = ${r.campaignId} AND "kind" = 'patrol' AND "date" >= ${r.firstDay} AND "date" <= ${r.lastDay}
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
 * The month of an instant, as an SQL expression: the index of the local month it falls in among
 * `starts` (the local midnights starting each chart month, then the end of the last), -1 before
 * the first, starts.length - 1 after the last. Month starts are computed in JS, so neither
 * database needs the plan's time zone.
 */
function monthIndex(col: Prisma.Sql, starts: Date[]): Prisma.Sql {
  const whens = starts.map((s, i) => Prisma.sql`WHEN ${col} < ${s} THEN ${i - 1}`);
  return Prisma.sql`CASE ${Prisma.join(whens, " ")} ELSE ${starts.length - 1} END`;
}

/** The chart's months (caseMonths): cases opened and closed per local month of the last 24. */
async function monthCounts(tx: Tx, r: Range, tz: string, cutoff: Date, lastMonth: string): Promise<CaseMonths> {
  const months = Array.from({ length: 24 }, (_, i) => shiftMonth(lastMonth, i - 23));
  const starts = [...months, shiftMonth(lastMonth, 1)].map((m) => localDateToInstant(`${m}-01`, "00:00", tz));
  const opened = monthIndex(Prisma.sql`"openedAt"`, starts);
  const closed = monthIndex(Prisma.sql`"closedAt"`, starts);
  const [o, c] = await Promise.all([
    tx.$queryRaw<{ m: unknown; n: unknown; due: unknown }[]>`
      SELECT m, COUNT(*) AS n, SUM(d) AS due FROM (
        SELECT ${opened} AS m, CASE WHEN "openedAt" <= ${cutoff} THEN 1 ELSE 0 END AS d
        FROM "IncidentCase" WHERE "campaignId" = ${r.campaignId} AND "openedAt" < ${r.to}
      ) AS x GROUP BY m`,
    tx.$queryRaw<{ m: unknown; n: unknown }[]>`
      SELECT m, COUNT(*) AS n FROM (
        SELECT ${closed} AS m FROM "IncidentCase"
        WHERE "campaignId" = ${r.campaignId} AND "openedAt" < ${r.to} AND "closedAt" IS NOT NULL AND "closedAt" <= ${cutoff}
      ) AS x GROUP BY m`,
  ]);
  const out: CaseMonths = { first: null, opened: {}, closed: {} };
  const monthOf = (i: number) => (i < 0 ? shiftMonth(lastMonth, -24) : i < months.length ? months[i]! : null);
  for (const x of o) {
    const m = monthOf(num(x.m));
    if (m === null) continue; // after the chart's last month: no earlier than any month it has
    if (num(x.n) > 0 && (out.first === null || m < out.first)) out.first = m;
    if (num(x.m) >= 0 && num(x.due) > 0) out.opened[m] = num(x.due);
  }
  for (const x of c) {
    const i = num(x.m);
    if (i >= 0 && i < months.length) out.closed[months[i]!] = num(x.n);
  }
  return out;
}

function caseCountsOf(rows: CaseRow[], into: Map<string, UnitCounts>): void {
  for (const x of rows) {
    const k = at(into, String(x.unitKey)).cases;
    k.opened = num(x.opened);
    k.closed = num(x.closed);
    k.overdue = num(x.overdue);
    k.open = num(x.open);
    k.bySeverity = { minor: num(x.minor), serious: num(x.serious), criminal: num(x.criminal) };
    k.major = num(x.major);
    k.byKind = { physical: num(x.physical), verbal: num(x.verbal), cyber: num(x.cyber), property: num(x.property), exclusion: num(x.exclusion) };
    k.byPlace = { inSchool: num(x.inSchool), offCampus: num(x.offCampus) };
  }
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
  const itemKeys = [...new Set(owed.map((i) => i.deadlineKey))];
  const periodKeys = [...new Set(owed.map((i) => i.periodKey))];
  const [cur, prev, patrols, findings, months, submissions, completions] = await Promise.all([
    caseCounts(tx, r, b0),
    previous ? caseCounts(tx, r, b1) : Promise.resolve([]),
    patrolCounts(tx, r, [window, b0], [pw, b1]),
    findingCounts(tx, r, b0, b1),
    monthCounts(tx, r, tz, b0.cutoff, window.lastDay.slice(0, 7)),
    forms.length
      ? tx.reportSubmission.findMany({
          where: { campaignId, submittedAt: { lt: r.to }, form: { in: forms }, period: { in: periods } },
          select: { unitKey: true, form: true, period: true, submittedAt: true, late: true },
        })
      : Promise.resolve([] as SubmissionFact[]),
    itemKeys.length
      ? tx.itemCompletion.findMany({
          where: { campaignId, at: { lt: r.to }, itemKey: { in: itemKeys }, periodKey: { in: periodKeys } },
          select: { itemKey: true, periodKey: true, subject: true, at: true, late: true },
        })
      : Promise.resolve([] as CompletionFact[]),
  ]);
  const current = new Map<string, UnitCounts>();
  const before = previous ? new Map<string, UnitCounts>() : null;
  caseCountsOf(cur, current);
  if (before) caseCountsOf(prev, before);
  for (const x of patrols) {
    at(current, x.unitKey).patrols = { planned: num(x.planned0), done: num(x.done0), missed: num(x.missed0) };
    if (before) at(before, x.unitKey).patrols = { planned: num(x.planned1), done: num(x.done1), missed: num(x.missed1) };
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
