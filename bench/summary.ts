/**
 * (3) The monthly summary at province scale: 3,000 units, 100,000 cases, 1,000,000 patrols
 * (plus findings and 月报表 submissions), synthetic and bulk-inserted. Measured: computing the
 * March 2022 summary (with February for comparison) and rendering every card it posts (the
 * bureau's overview, unit tables and 通报, and one card per unit) — and, separately, the whole
 * bulletin job (compute, render and queue every post in one transaction).
 *
 * Compute is the counting path (bulletins/counts.ts: the campaign, then GROUP BY counts in the
 * database, then the pure summary). The former row path (loadFacts + summarize: every case,
 * patrol and submission of both months read through Prisma) is timed once beside it, and the
 * two Summaries must be deep-equal or the section fails.
 */
import { isDeepStrictEqual } from "node:util";
import { randomBytes } from "node:crypto";
import { createDatabase } from "../src/core/db/client.js";
import { migrate } from "../src/core/db/migrate.js";
import { ManualClock, systemClock } from "../src/core/clock.js";
import { createLogger } from "../src/core/logger.js";
import { Outbox } from "../src/core/outbox.js";
import { createLarkChatPort } from "../src/platform/lark/chat-port.js";
import { addDays, localDateToInstant } from "../src/core/calendar.js";
import { loadCampaignInfo } from "../src/domains/bulletins/service.js";
import { viewOf } from "../src/domains/bulletins/flows.js";
import { runBulletinJob } from "../src/domains/bulletins/jobs.js";
import { loadFacts } from "../test/bulletins/reference/facts.js";
import { summarize, summarizeTallies } from "../src/domains/bulletins/aggregate.js";
import { loadTallies } from "../src/domains/bulletins/counts.js";
import { monthWindow, previousWindow } from "../src/domains/bulletins/window.js";
import type { Summary } from "../src/domains/bulletins/types.js";
import { bureauCards } from "../cards/bulletins/summary.js";
import { schoolCard } from "../cards/bulletins/school.js";
import { bulkWriter, type Table, type Value } from "./lib/bulk.js";
import type { Figure } from "./lib/report.js";
import { CAMPAIGN, TZ, provincePlan, rng, schoolKey } from "./lib/world.js";

export interface SummarySizes {
  units: number;
  cases: number;
  patrols: number;
}

export const MONTH = "2022-03";
/** After the March bulletin's time (26 March 09:00): the summary is taken as of its window's end. */
const NOW = localDateToInstant("2022-04-06", "10:00", TZ);
const BULLETIN_AT = localDateToInstant("2022-03-26", "09:00", TZ);

// Unique ids without a random draw per row (a million draws cost more than the inserts).
const RUN = randomBytes(4).toString("hex");
let idSeq = 0;
const cuid = () => `b${RUN}${(idSeq++).toString(36).padStart(8, "0")}`;
const instants = new Map<string, Date>();
/** Memoised: a million patrols share a few hundred (date, time) pairs. */
const at = (date: string, time: string) => {
  const k = `${date} ${time}`;
  let d = instants.get(k);
  if (!d) instants.set(k, (d = localDateToInstant(date, time, TZ)));
  return d;
};

function weekdaysFrom(start: string, n: number): string[] {
  const out: string[] = [];
  for (let d = start; out.length < n; d = addDays(d, 1)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(d);
  }
  return out;
}

const T = {
  unit: { name: "Unit", columns: [["id", "text"], ["campaignId", "text"], ["key", "text"], ["name", "text"], ["kind", "text"], ["chatId", "text"], ["createdAt", "ts"]] },
  member: { name: "Member", columns: [["id", "text"], ["campaignId", "text"], ["unitId", "text"], ["key", "text"], ["name", "text"], ["role", "text"], ["openId", "text"], ["createdAt", "ts"], ["updatedAt", "ts"]] },
  patrol: { name: "Patrol", columns: [["id", "text"], ["campaignId", "text"], ["unitKey", "text"], ["kind", "text"], ["slot", "text"], ["date", "text"], ["period", "text"], ["patrollerOpenId", "text"], ["dueAt", "ts"], ["status", "text"], ["followUpNeeded", "bool"], ["late", "bool"], ["createdAt", "ts"], ["updatedAt", "ts"]] },
  finding: { name: "Finding", columns: [["id", "text"], ["campaignId", "text"], ["unitKey", "text"], ["kind", "text"], ["period", "text"], ["description", "text"], ["ownerOpenId", "text"], ["dueDate", "text"], ["status", "text"], ["closedAt", "ts"], ["createdAt", "ts"], ["updatedAt", "ts"]] },
  completion: { name: "ItemCompletion", columns: [["id", "text"], ["campaignId", "text"], ["itemKey", "text"], ["periodKey", "text"], ["subject", "text"], ["at", "ts"], ["late", "bool"], ["createdAt", "ts"]] },
  submission: { name: "ReportSubmission", columns: [["id", "text"], ["campaignId", "text"], ["form", "text"], ["unitKey", "text"], ["period", "text"], ["valuesJson", "text"], ["late", "bool"], ["version", "int"], ["submittedBy", "text"], ["submittedAt", "ts"], ["updatedAt", "ts"], ["createdAt", "ts"]] },
  incident: {
    name: "IncidentCase",
    columns: [
      ["id", "text"], ["caseNo", "text"], ["campaignId", "text"], ["unitKey", "text"], ["year", "int"], ["seq", "int"], ["submissionKey", "text"], ["reporterOpenId", "text"],
      ["flow", "text"], ["status", "text"], ["occurredAt", "ts"], ["location", "text"], ["place", "text"], ["kindPhysical", "bool"], ["kindVerbal", "bool"], ["kindCyber", "bool"],
      ["kindProperty", "bool"], ["kindExclusion", "bool"], ["severity", "text"], ["major", "bool"], ["majorCasualty", "bool"], ["majorWeapon", "bool"], ["majorOnline", "bool"],
      ["majorGroup", "bool"], ["source", "text"], ["publicAttention", "bool"], ["victimCount", "int"], ["actorCount", "int"], ["grades", "text"], ["summary", "text"],
      ["openedAt", "ts"], ["investigationDueAt", "ts"], ["investigatedAt", "ts"], ["closedAt", "ts"], ["reportDueAt", "ts"], ["reportSubmittedAt", "ts"], ["version", "int"], ["createdAt", "ts"], ["updatedAt", "ts"],
    ],
  },
} satisfies Record<string, Table>;

/** Seeds the province into a migrated database; returns row counts. */
export async function seedProvince(url: string, s: SummarySizes): Promise<Record<string, number>> {
  const r = rng(2022);
  const int = (a: number, b: number) => a + Math.floor(r() * (b - a + 1));
  const plan = provincePlan({ schools: s.units, withMonthly: true });
  const db = createDatabase(url);
  await db.prisma.campaign.create({ data: { id: CAMPAIGN, title: plan.title, status: "active", planJson: JSON.stringify(plan), activatedAt: new Date("2021-09-01T00:00:00Z") } });
  await db.prisma.$disconnect();
  const w = await bulkWriter(url);
  const created = new Date("2021-09-01T00:00:00Z");
  const units: Value[][] = [];
  const members: Value[][] = [];
  for (const u of plan.units) {
    const id = cuid();
    units.push([id, CAMPAIGN, u.key, u.name, u.kind, u.kind === "school" ? `oc_unit_${u.key}` : null, created]);
    for (const a of u.admins) members.push([cuid(), CAMPAIGN, id, `${u.key}.${a.key}`, a.name, a.role, a.contact?.openId ?? null, created, created]);
  }
  members.push([cuid(), CAMPAIGN, null, "office.director", "李主任", "officeDirector", "ou_bench_director", created, created]);
  await w.insert(T.unit, units);
  await w.insert(T.member, members);

  // Patrols: every school the same share, two slots a working day from 1 September.
  const perUnit = Math.ceil(s.patrols / s.units);
  const days = weekdaysFrom("2021-09-01", Math.ceil(perUnit / 2));
  let patrols: Value[][] = [];
  let nPatrols = 0;
  for (let i = 1; i <= s.units && nPatrols < s.patrols; i++) {
    const unitKey = schoolKey(i);
    for (let k = 0; k < perUnit && nPatrols < s.patrols; k++, nPatrols++) {
      const date = days[k >> 1]!;
      const slot = k % 2 ? "pm" : "am";
      const dueAt = at(date, slot === "am" ? "12:00" : "18:00");
      const past = dueAt < NOW;
      const roll = r();
      const status = !past ? "planned" : roll < 0.85 ? "done" : roll < 0.95 ? "missed" : "planned";
      patrols.push([cuid(), CAMPAIGN, unitKey, "patrol", slot, date, date.slice(0, 7), `ou_p_${i}`, dueAt, status, false, false, created, created]);
    }
    if (patrols.length >= 50_000) {
      await w.insert(T.patrol, patrols);
      patrols = [];
    }
  }
  await w.insert(T.patrol, patrols);

  // Cases: spread over September–March, a third closed within days, some investigated late.
  const caseDays = Array.from({ length: 212 }, (_, d) => addDays("2021-09-01", d)); // to 31 March
  const cases: Value[][] = [];
  const seq = new Map<string, number>();
  for (let c = 0; c < s.cases; c++) {
    const unitKey = schoolKey(int(1, s.units));
    const n = (seq.get(unitKey) ?? 0) + 1;
    seq.set(unitKey, n);
    const openedAt = at(caseDays[int(0, caseDays.length - 1)]!, `${String(int(8, 17)).padStart(2, "0")}:00`);
    const roll = r();
    const closedAt = roll < 0.6 ? new Date(openedAt.getTime() + int(1, 20) * 86_400_000) : null;
    const investigatedAt = r() < 0.7 ? new Date(openedAt.getTime() + int(1, 14) * 86_400_000) : null;
    const severity = ["minor", "serious", "criminal"][int(0, 2)]!;
    const location = r() < 0.8 ? "inSchool" : "offCampus";
    cases.push([
      cuid(), `2021-${unitKey}-${n}`, CAMPAIGN, unitKey, 2021, n, `bench-${c}`, `ou_r_${c % 997}`,
      location === "inSchool" ? (severity === "criminal" ? "inSchoolCriminal" : "inSchool") : "offCampus", closedAt ? "closed" : "open", openedAt, location, "教学楼", r() < 0.4, r() < 0.5, r() < 0.2,
      r() < 0.1, r() < 0.2, severity, r() < 0.05, false, false, false,
      false, "staff", false, 1, 1, "七年级", "（基准测试合成数据）",
      openedAt, new Date(openedAt.getTime() + 10 * 86_400_000), investigatedAt, closedAt, closedAt ? new Date(closedAt.getTime() + 5 * 86_400_000) : null, closedAt && r() < 0.5 ? new Date(closedAt.getTime() + int(1, 7) * 86_400_000) : null, 1, openedAt, openedAt,
    ]);
  }
  await w.insert(T.incident, cases);

  // Findings: a tenth of the units raise one or two a month; 月报表 from 90 % of schools each month.
  const findings: Value[][] = [];
  const submissions: Value[][] = [];
  // As the reports domain does on submit: the 月报表 deadline is then done for the school (reminders' 已完成).
  const completions: Value[][] = [];
  for (const month of ["2021-09", "2021-10", "2021-11", "2021-12", "2022-01", "2022-02", "2022-03"]) {
    for (let i = 1; i <= s.units; i++) {
      const unitKey = schoolKey(i);
      if (r() < 0.1) {
        const createdAt = at(`${month}-${String(int(1, 25)).padStart(2, "0")}`, "16:00");
        const closedAt = r() < 0.5 ? new Date(createdAt.getTime() + 3 * 86_400_000) : null;
        findings.push([cuid(), CAMPAIGN, unitKey, "hazard", month, "（合成）", `ou_p_${i}`, addDays(`${month}-01`, 27), closedAt ? "closed" : "open", closedAt, createdAt, createdAt]);
      }
      if (r() < 0.9) {
        const submittedAt = at(`${month}-${String(int(15, 27)).padStart(2, "0")}`, "15:00");
        const late = submittedAt > at(`${month}-25`, "23:59");
        submissions.push([cuid(), CAMPAIGN, "monthlyReport", unitKey, month, "{}", late, 1, `ou_bench_${i}`, submittedAt, submittedAt, submittedAt]);
        completions.push([cuid(), CAMPAIGN, "monthly", month, `unit:${unitKey}`, submittedAt, late, submittedAt]);
      }
    }
  }
  await w.insert(T.finding, findings);
  await w.insert(T.submission, submissions);
  await w.insert(T.completion, completions);
  await w.close();
  return { units: units.length, members: members.length, cases: cases.length, patrols: nPatrols, findings: findings.length, submissions: submissions.length, completions: completions.length };
}

export interface SummaryRun {
  /** loading and parsing the campaign's plan */
  campaignMs: number;
  /** the counts, in the database (loadTallies) */
  countMs: number;
  /** the pure summary from the counts */
  summarizeMs: number;
  /** the bureau's cards (overview, unit tables, 通报), built */
  bureauMs: number;
  /** one card per unit, built, and every card serialised */
  unitsMs: number;
}

export interface SummaryTiming {
  provider: string;
  seedMs: number;
  rows: Record<string, number>;
  runs: SummaryRun[];
  cards: number;
  cardBytes: number;
  jobMs: number | null;
  jobQueued: number;
  jobError: string | null;
  /** what the counting path got back from the database */
  counted: Record<string, number>;
  /** the former row path, once: reading the rows (loadFacts) and aggregating them */
  rowPath: { loadMs: number; aggregateMs: number; loaded: Record<string, number>; same: boolean };
}

const computeMs = (r: SummaryRun) => r.campaignMs + r.countMs + r.summarizeMs;
const renderMs = (r: SummaryRun) => r.bureauMs + r.unitsMs;

/** The March summary as the counting path computes it, timed by part. */
async function countedSummary(db: ReturnType<typeof createDatabase>): Promise<{ summary: Summary; run: Omit<SummaryRun, "bureauMs" | "unitsMs">; counted: Record<string, number> }> {
  const a = performance.now();
  const campaign = await loadCampaignInfo(db.prisma, CAMPAIGN);
  const window = monthWindow(MONTH);
  const previous = previousWindow(window);
  const b = performance.now();
  const tallies = await loadTallies(db.prisma, { campaignId: campaign.id, plan: campaign.plan, window, previous, now: NOW });
  const c = performance.now();
  const summary = summarizeTallies({ campaignId: campaign.id, campaignTitle: campaign.title, plan: campaign.plan, tallies, window, previous, now: NOW });
  const d = performance.now();
  const counted = { "unit counts": tallies.current.size + (tallies.previous?.size ?? 0), submissions: tallies.submissions.length, completions: tallies.completions.length };
  return { summary, run: { campaignMs: b - a, countMs: c - b, summarizeMs: d - c }, counted };
}

export async function benchSummaryOn(url: string, provider: string, s: SummarySizes, say: (s: string) => void, repeats = 3): Promise<SummaryTiming> {
  await migrate(url);
  say(`${provider}: seeding ${s.units} units, ${s.cases} cases, ${s.patrols} patrols`);
  const t0 = performance.now();
  const rows = await seedProvince(url, s);
  const seedMs = performance.now() - t0;
  const db = createDatabase(url);
  try {
    await db.prisma.campaign.count(); // connect outside the timing
    const runs: SummaryRun[] = [];
    let cards = 0;
    let cardBytes = 0;
    let counted: Record<string, number> = {};
    let last: Summary | null = null;
    for (let i = 0; i < repeats; i++) {
      say(`${provider}: summary run ${i + 1}/${repeats}`);
      const x = await countedSummary(db);
      const a = performance.now();
      const view = viewOf({ kind: "monthly", summaryJson: JSON.stringify(x.summary), note: null }, TZ);
      const bureau = bureauCards(view);
      const b = performance.now();
      const all = [...bureau, ...view.summary.units.map((u) => schoolCard(view, u))];
      const json = all.map((c) => JSON.stringify(c));
      const c = performance.now();
      runs.push({ ...x.run, bureauMs: b - a, unitsMs: c - b });
      cards = all.length;
      cardBytes = json.reduce((n, j) => n + Buffer.byteLength(j), 0);
      counted = x.counted;
      last = x.summary;
      if (x.summary.units.length < s.units) throw new Error(`summary has ${x.summary.units.length} units, expected ≥ ${s.units}`);
    }
    // The former row path, once, on the same data: its time, and the same Summary.
    say(`${provider}: the former row path (loadFacts + summarize), once`);
    const campaign = await loadCampaignInfo(db.prisma, CAMPAIGN);
    const window = monthWindow(MONTH);
    const previous = previousWindow(window);
    const l0 = performance.now();
    const facts = await loadFacts(db.prisma, { campaignId: CAMPAIGN, firstDay: previous!.firstDay, lastDay: window.lastDay, tz: TZ });
    const l1 = performance.now();
    const bySummarize = summarize({ campaignId: campaign.id, campaignTitle: campaign.title, plan: campaign.plan, facts, window, previous, now: NOW });
    const l2 = performance.now();
    const rowPath = {
      loadMs: l1 - l0,
      aggregateMs: l2 - l1,
      loaded: { cases: facts.cases.length, patrols: facts.patrols.length, submissions: facts.submissions.length, findings: facts.findings.length, completions: facts.completions.length },
      same: isDeepStrictEqual(bySummarize, last),
    };
    if (!rowPath.same) throw new Error(`${provider}: the counted summary differs from the row path's`);
    // The whole job as the scheduler runs it: compute, render, queue every post in one transaction.
    say(`${provider}: the bulletin job (compute, render, queue all posts)`);
    let jobMs: number | null = null;
    let jobQueued = 0;
    let jobError: string | null = null;
    const outbox = new Outbox(db, systemClock);
    const log = createLogger("silent");
    let lastErr: unknown = null;
    const spy = { ...log, error: (o: unknown) => void (lastErr = (o as { err?: unknown })?.err ?? o) } as unknown as typeof log;
    const a = performance.now();
    const r = await runBulletinJob({ db, chat: createLarkChatPort(outbox, null), clock: new ManualClock(BULLETIN_AT), log: spy }, BULLETIN_AT);
    if (r.created) {
      jobMs = performance.now() - a;
      jobQueued = r.queued;
    } else jobError = lastErr ? String((lastErr as Error).message ?? lastErr).split("\n").filter(Boolean).slice(-1)[0]!.slice(0, 200) : "no bulletin created";
    return { provider, seedMs, rows, runs, cards, cardBytes, jobMs, jobQueued, jobError, counted, rowPath };
  } finally {
    await db.close();
  }
}

export function summaryFigures(bench: string, t: SummaryTiming): Figure[] {
  const totals = t.runs.map((r) => computeMs(r) + renderMs(r));
  const order = totals.map((_, i) => i).sort((a, b) => totals[a]! - totals[b]!);
  const mid = order[Math.floor(order.length / 2)]!;
  const median = totals[mid]!;
  const m = t.runs[mid]!;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const first = t.runs[0]!;
  return [
    { bench, metric: `${t.provider}: seeded (bulk insert)`, value: `${Object.entries(t.rows).map(([k, v]) => `${v} ${k}`).join(", ")} in ${s(t.seedMs)}` },
    { bench, metric: `${t.provider}: compute + render, first run`, value: `${s(totals[0]!)} (${s(computeMs(first))} + ${s(renderMs(first))})`, target: "< 2 s", met: totals[0]! < 2000 },
    {
      bench,
      metric: `${t.provider}: compute + render, median of ${totals.length}`,
      value: `${s(median)} (all: ${totals.map(s).join(", ")})`,
      target: "< 2 s",
      met: median < 2000,
    },
    {
      bench,
      metric: `${t.provider}: the median run by part`,
      value: `campaign ${s(m.campaignMs)} + counts in the database ${s(m.countMs)} + summary ${s(m.summarizeMs)} + bureau cards ${s(m.bureauMs)} + unit cards and serialising ${s(m.unitsMs)}`,
      note: `counts: ${Object.entries(t.counted).map(([k, v]) => `${v} ${k}`).join(", ")}`,
    },
    {
      bench,
      metric: `${t.provider}: the former row path (loadFacts + summarize), once`,
      value: `${s(t.rowPath.loadMs + t.rowPath.aggregateMs)} (reading the rows ${s(t.rowPath.loadMs)} + aggregating ${s(t.rowPath.aggregateMs)}) for ${Object.entries(t.rowPath.loaded).map(([k, v]) => `${v} ${k}`).join(", ")}`,
      note: t.rowPath.same ? "same Summary as the counting path (deep-equal)" : "DIFFERENT Summary",
    },
    { bench, metric: `${t.provider}: cards rendered`, value: `${t.cards} cards, ${(t.cardBytes / 1e6).toFixed(1)} MB of card JSON` },
    {
      bench,
      metric: `${t.provider}: whole bulletin job (compute + render + queue posts)`,
      value: t.jobMs !== null ? `${s(t.jobMs)}, ${t.jobQueued} posts queued` : `failed: ${t.jobError}`,
      note: "through bulletins/service.summaryFor",
    },
  ];
}
