/**
 * Issue 10 §3: the summary counted in SQL (counts.ts) equals the row-based summary it replaced,
 * figure for figure. The oracle is the frozen copy of the old loader and aggregation
 * (test/bulletins/reference/), run on the same database. The data are drawn from a seeded
 * generator with the awkward cases made on purpose: instants exactly on window bounds and on the
 * cutoff, cases closed after the cutoff or before they were opened, patrols of every status (and
 * screenings, which do not count), findings open and closed across the month boundary, late and
 * missing submissions, completions by unit, member and everybody, a unit key outside the plan,
 * cases more than 24 months back, and three time zones (one with a half-hour offset, one with DST).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbProviders, freshDb, type TestDb } from "../support/db.js";
import { planSchema, type Plan } from "../../src/domains/campaigns/schema.js";
import { addDays, localDateToInstant } from "../../src/core/calendar.js";
import { loadTallies, summaryFromDb } from "../../src/domains/bulletins/counts.js";
import { summarize } from "../../src/domains/bulletins/aggregate.js";
import { monthWindow, monthsWindow, previousWindow } from "../../src/domains/bulletins/window.js";
import type { Window } from "../../src/domains/bulletins/types.js";
import { loadFacts as referenceLoadFacts } from "./reference/facts.js";
import { summarize as referenceSummarize } from "./reference/aggregate.js";
import { rng } from "./world.js";

const pad = (n: number) => String(n).padStart(2, "0");

interface World {
  campaignId: string;
  plan: Plan;
  tz: string;
  rows: { cases: number; patrols: number; findings: number; submissions: number; completions: number };
}

const SCHOOLS = ["s01", "s02", "s03", "s04", "s05", "s06"];

function planOf(campaignId: string, tz: string): Plan {
  return planSchema.parse({
    id: campaignId,
    title: "防范学生欺凌专项治理攻坚行动",
    issuer: "北关区教育局",
    docNumber: null,
    issuedOn: "2021-09-01",
    timezone: tz,
    span: { start: "2021-09-01", end: "2022-06-30" },
    deadlines: [
      { key: "monthly", title: "月报表", kind: "recurring", rule: { every: "month", day: 25 }, form: "monthlyReport", assignees: { unitKind: "school" }, action: "submit" },
      // 自查表 of a month due on the 5th of the next: its submission carries the previous month
      { key: "selfcheck", title: "自查表", kind: "recurring", rule: { every: "month", day: 5, offsetMonths: 1 }, form: "selfCheck", assignees: { units: ["s01", "s02", "s03", "dept"] }, action: "submit" },
      // not a reports-domain form: delivered as an ItemCompletion (unit, member or everybody)
      { key: "check", title: "月度排查情况", kind: "recurring", rule: { every: "month", day: 20 }, form: "monthly-check", assignees: { unitKind: ["school", "department"] }, action: "submit" },
      { key: "summary-once", title: "阶段总结", kind: "once", due: "2022-03-15", assignees: { unitKind: "school" }, action: "submit" },
      { key: "weekly", title: "周报", kind: "recurring", rule: { every: "week", weekday: 5 }, action: "submit" },
    ],
    units: [
      ...SCHOOLS.map((key, i) => ({ key, name: `第${i + 1}中学`, kind: "school" as const, admins: [] })),
      { key: "dept", name: "教育股", kind: "department" as const, admins: [] },
      { key: "bureau", name: "区教育局", kind: "bureau" as const, admins: [] },
    ],
    chats: [],
    forms: [
      { key: "monthlyReport", title: "月报表" },
      { key: "selfCheck", title: "自查表" },
      { key: "monthly-check", title: "月度排查情况" },
    ],
  });
}

/** Seeds one campaign of random-ish rows (through Prisma, so instants are stored as the app stores them). */
async function seed(t: TestDb, campaignId: string, tz: string, seedNo: number, opts: { farBack: boolean }): Promise<World> {
  const r = rng(seedNo);
  const int = (a: number, b: number) => a + Math.floor(r() * (b - a + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const plan = planOf(campaignId, tz);
  const db = t.db.prisma;
  const L = (date: string, time = "00:00") => localDateToInstant(date, time, tz);
  const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);
  const H = 3600_000;
  const D = 24 * H;
  await db.campaign.create({ data: { id: campaignId, title: plan.title, status: "active", planJson: JSON.stringify(plan) } });
  await db.unit.createMany({ data: plan.units.map((u) => ({ campaignId, key: u.key, name: u.name, kind: u.kind })) });
  const unitIds = new Map((await db.unit.findMany({ where: { campaignId } })).map((u) => [u.key, u.id]));
  await db.member.createMany({
    data: [
      ...SCHOOLS.map((k) => ({ campaignId, key: `${k}.principal`, role: "principal", unitId: unitIds.get(k)! })),
      { campaignId, key: "dept.head", role: "member", unitId: unitIds.get("dept")! },
      { campaignId, key: "office.director", role: "officeDirector" },
    ],
  });
  // Instants that sit exactly on bounds: month starts, the bulletin time, a cutoff used below.
  const special = [L("2022-02-01"), L("2022-03-01"), L("2022-04-01"), L("2022-03-26", "09:00"), L("2022-02-26", "09:00"), L("2022-01-01")];
  const someInstant = () => {
    const roll = r();
    if (roll < 0.15) return pick(special);
    // mostly January–April 2022, some far back (before the chart's 24 months, or in the summer
    // before the campaign's span, so the chart starts at the first case) and some in autumn 2021
    if (roll < 0.2) return opts.farBack ? plus(L(`2019-${pad(int(1, 12))}-${pad(int(1, 28))}`), int(0, 23) * H) : plus(L(`2021-0${int(6, 8)}-${pad(int(1, 28))}`), int(0, 23) * H);
    if (roll < 0.35) return plus(L(`2021-${pad(int(9, 12))}-${pad(int(1, 28))}`), int(0, 23) * H);
    return plus(L(`2022-${pad(int(1, 4))}-${pad(int(1, 28))}`), int(0, 86_399_999));
  };
  const unitKeys = [...SCHOOLS, "dept", "bureau", "ghost"]; // ghost: not in the plan
  // Without far-back cases the earliest is the last instant of May 2021 (local): the chart starts in May.
  const firstCases = opts.farBack ? [] : [plus(L("2021-06-01"), -1), L("2021-06-01")];
  const cases = Array.from({ length: 160 }, (_, i) => {
    const unitKey = pick(unitKeys);
    const openedAt = firstCases[i] ?? someInstant();
    const roll = r();
    const closedAt = roll < 0.35 ? plus(openedAt, int(1, 40) * D + int(0, 5) * H) : roll < 0.45 ? pick(special) : roll < 0.5 ? plus(openedAt, -D) : null;
    const investigatedAt = r() < 0.5 ? plus(openedAt, int(0, 20) * D) : r() < 0.2 ? pick(special) : null;
    const reportDueAt = closedAt && r() < 0.8 ? (r() < 0.15 ? pick(special) : plus(closedAt, 5 * D)) : null;
    const reportSubmittedAt = reportDueAt && r() < 0.5 ? (r() < 0.2 ? pick(special) : plus(reportDueAt, int(-3, 4) * D)) : null;
    const severity = pick(["minor", "serious", "criminal", "minor", "unknown"]);
    const location = pick(["inSchool", "offCampus", "inSchool", "elsewhere"]);
    return {
      caseNo: `${campaignId}-${i}`,
      campaignId,
      unitKey,
      year: 2022,
      seq: i + 1,
      submissionKey: `${campaignId}-sub-${i}`,
      reporterOpenId: "ou_x",
      flow: "inSchool",
      status: closedAt ? "closed" : "open",
      occurredAt: openedAt,
      location,
      place: "教学楼",
      kindPhysical: r() < 0.4,
      kindVerbal: r() < 0.5,
      kindCyber: r() < 0.2,
      kindProperty: r() < 0.1,
      kindExclusion: r() < 0.2,
      severity,
      major: r() < 0.15,
      source: "staff",
      victimCount: 1,
      actorCount: 1,
      grades: "七年级",
      summary: "（测试）",
      openedAt,
      investigationDueAt: r() < 0.1 ? pick(special) : plus(openedAt, 10 * D),
      investigatedAt,
      closedAt,
      reportDueAt,
      reportSubmittedAt,
    };
  });
  await db.incidentCase.createMany({ data: cases });
  const patrols: { campaignId: string; unitKey: string; kind: string; slot: string; date: string; period: string; patrollerOpenId: string; dueAt: Date; status: string }[] = [];
  for (const unitKey of [...SCHOOLS, "dept", "ghost"]) {
    for (let d = "2022-01-20"; d <= "2022-04-10"; d = addDays(d, int(1, 3))) {
      for (const slot of ["am", "pm"]) {
        if (r() < 0.3) continue;
        const dueAt = r() < 0.05 ? pick(special) : L(d, slot === "am" ? "12:00" : "18:00");
        patrols.push({ campaignId, unitKey, kind: r() < 0.1 ? "screening" : "patrol", slot, date: d, period: d.slice(0, 7), patrollerOpenId: "ou_p", dueAt, status: pick(["planned", "done", "done", "missed", "planned"]) });
      }
    }
  }
  await db.patrol.createMany({ data: patrols });
  const findings = Array.from({ length: 70 }, () => {
    const createdAt = someInstant();
    const roll = r();
    const closedAt = roll < 0.4 ? plus(createdAt, int(0, 40) * D) : roll < 0.5 ? pick(special) : null;
    return { campaignId, unitKey: pick(unitKeys), kind: "hazard", period: "2022-03", description: "（测试）", ownerOpenId: "ou_p", dueDate: "2022-03-30", createdAt, status: closedAt ? "closed" : "open", closedAt };
  });
  await db.finding.createMany({ data: findings });
  // 月报表 and 自查表: on time, late by date, flagged late, after the bulletin, never; one per key.
  const submissions: { campaignId: string; form: string; unitKey: string; period: string; valuesJson: string; late: boolean; submittedBy: string; submittedAt: Date }[] = [];
  for (const unitKey of [...SCHOOLS, "dept", "ghost"]) {
    for (const period of ["2022-01", "2022-02", "2022-03", "2022-04"]) {
      for (const form of ["monthlyReport", "selfCheck"]) {
        if (r() < 0.25) continue;
        const due = form === "monthlyReport" ? `${period}-25` : `${addDays(`${period}-28`, 8).slice(0, 7)}-05`;
        const submittedAt = pick([L(due, "15:00"), L(addDays(due, -3), "10:00"), L(addDays(due, 1), "00:00"), plus(L(addDays(due, 1)), -1), L(addDays(due, 2), "09:00"), pick(special)]);
        submissions.push({ campaignId, form, unitKey, period, valuesJson: "{}", late: r() < 0.2, submittedBy: "ou_p", submittedAt });
      }
    }
  }
  await db.reportSubmission.createMany({ data: submissions });
  const completions: { campaignId: string; itemKey: string; periodKey: string; subject: string; at: Date; late: boolean }[] = [];
  for (const itemKey of ["check", "summary-once", "monthly"]) {
    for (const periodKey of ["2022-02", "2022-03", "2022-03-15", "2022-04"]) {
      for (const subject of [...SCHOOLS.map((k) => `unit:${k}`), "unit:dept", ...SCHOOLS.map((k) => `member:${k}.principal`), "member:dept.head", "member:office.director", "*"]) {
        const p = subject === "*" ? 0.1 : subject.startsWith("member:") ? 0.25 : 0.45;
        if (r() >= p) continue;
        completions.push({ campaignId, itemKey, periodKey, subject, at: r() < 0.2 ? pick(special) : plus(L(`${periodKey.slice(0, 7)}-${pad(int(10, 28))}`), int(0, 23) * H), late: r() < 0.25 });
      }
    }
  }
  await db.itemCompletion.createMany({ data: completions });
  return { campaignId, plan, tz, rows: { cases: cases.length, patrols: patrols.length, findings: findings.length, submissions: submissions.length, completions: completions.length } };
}

/** The windows and instants compared: after the month, at the bulletin, inside the previous month, bimonthly, no comparison. */
function scenarios(tz: string): { name: string; window: Window; previous: Window | null; now: Date }[] {
  const L = (date: string, time = "00:00") => localDateToInstant(date, time, tz);
  const march = monthWindow("2022-03");
  const two = monthsWindow("2022-03", 2);
  return [
    { name: "March, taken after the month", window: march, previous: previousWindow(march), now: L("2022-04-06", "10:00") },
    { name: "March, at the bulletin (26th 09:00)", window: march, previous: previousWindow(march), now: L("2022-03-26", "09:00") },
    { name: "March, now exactly at the month's end", window: march, previous: previousWindow(march), now: L("2022-04-01") },
    { name: "March, now still in February", window: march, previous: previousWindow(march), now: L("2022-02-26", "09:00") },
    { name: "March, now before both windows", window: march, previous: previousWindow(march), now: L("2021-12-20", "09:00") },
    { name: "March without comparison", window: march, previous: null, now: L("2022-03-20", "12:34") },
    { name: "February–March (bimonthly) against December–January", window: two, previous: previousWindow(two), now: L("2022-03-31", "23:59") },
    { name: "January 2022", window: monthWindow("2022-01"), previous: previousWindow(monthWindow("2022-01")), now: L("2022-02-10") },
  ];
}

const ZONES: [string, number, boolean][] = [
  ["Asia/Shanghai", 2022, true],
  ["America/New_York", 7, false],
  ["Asia/Kolkata", 31, false],
];

describe.each(dbProviders())("bulletin counts in SQL equal the row-based summary (%s)", (provider) => {
  let t: TestDb;
  const worlds: World[] = [];
  beforeAll(async () => {
    t = await freshDb(provider);
    for (const [i, [tz, seedNo, farBack]] of ZONES.entries()) worlds.push(await seed(t, `cmp-${i}`, tz, seedNo, { farBack }));
  }, 120_000);
  afterAll(async () => t?.cleanup());

  it("seeds every kind of row in every campaign", () => {
    for (const w of worlds) for (const n of Object.values(w.rows)) expect(n).toBeGreaterThan(10);
  });

  for (const [i, [tz]] of ZONES.entries()) {
    for (const sc of scenarios(tz)) {
      it(`${tz}: ${sc.name}`, async () => {
        const w = worlds[i]!;
        const campaign = { id: w.campaignId, title: w.plan.title, plan: w.plan };
        const facts = await referenceLoadFacts(t.db.prisma, { campaignId: w.campaignId, firstDay: sc.previous?.firstDay ?? sc.window.firstDay, lastDay: sc.window.lastDay, tz });
        const input = { campaignId: w.campaignId, campaignTitle: w.plan.title, plan: w.plan, facts, window: sc.window, previous: sc.previous, now: sc.now };
        const expected = referenceSummarize(input);
        const got = await summaryFromDb(t.db.prisma, campaign, sc.window, sc.previous, sc.now);
        expect(got).toStrictEqual(expected);
        // the pure row path (tallyFacts → summarizeTallies) is the same function of the rows
        expect(summarize(input)).toStrictEqual(expected);
        // and the comparison is not vacuous: the scenario has figures to get wrong
        const all = JSON.stringify([expected.totals, expected.previous?.totals ?? null]);
        if (sc.now > localDateToInstant("2022-02-01", "00:00", tz)) expect(all).toMatch(/[1-9]/);
        if (!ZONES[i]![2]) expect(expected.series[0]!.month).toBe("2021-05");
      });
    }
  }

  it("counts inside a transaction and leaves other campaigns' rows out", async () => {
    const w = worlds[0]!;
    const march = monthWindow("2022-03");
    const now = localDateToInstant("2022-04-02", "00:00", w.tz);
    const inTx = await t.db.prisma.$transaction((tx) => loadTallies(tx, { campaignId: w.campaignId, plan: w.plan, window: march, previous: previousWindow(march), now }));
    const outside = await loadTallies(t.db.prisma, { campaignId: w.campaignId, plan: w.plan, window: march, previous: previousWindow(march), now });
    expect(inTx).toStrictEqual(outside);
    const opened = [...outside.current.values()].reduce((n, c) => n + c.cases.opened, 0);
    const direct = await t.db.prisma.incidentCase.count({ where: { campaignId: w.campaignId, openedAt: { gte: localDateToInstant("2022-03-01", "00:00", w.tz), lt: localDateToInstant("2022-04-01", "00:00", w.tz) } } });
    expect(opened).toBe(direct);
  });
});
