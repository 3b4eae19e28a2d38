/**
 * A synthetic district for bulletin tests: N schools, a department and the bureau, a plan with
 * a monthly 月报表 (day 25), bulletins on the 26th at 09:00, and a month of activity drawn from a
 * seeded generator (cases, patrols, findings, submissions) for September and October 2021.
 * `expected()` counts the generated rows with its own plain loops — not the bulletin code —
 * so the test compares two independent computations.
 */
import { planSchema, type PlanInput } from "../../src/domains/campaigns/schema.js";
import type { Database } from "../../src/core/db/client.js";
import { rng } from "../support/rng.js";
export { rng };

export const CAMPAIGN = "bt-2021-anti-bullying";
export const BUREAU_CHAT = "oc_bureau_group";
export const DIRECTOR = "ou_director";
export const SAFETY = "ou_safety";
export const TEACHER = "ou_teacher_01";
export const principalOf = (i: number) => `ou_principal_${String(i).padStart(3, "0")}`;
export const schoolKey = (i: number) => `school-${String(i).padStart(3, "0")}`;
export const schoolChat = (i: number) => `oc_school_${String(i).padStart(3, "0")}`;

/** 2021-10-26 09:00 in Asia/Shanghai: the October bulletin's time. */
export const OCT_BULLETIN = new Date("2021-10-26T01:00:00Z");


export function planInput(opts: { units: { key: string; name: string; kind: "school" | "department" | "bureau"; chatId?: string }[] }): PlanInput {
  return {
    id: CAMPAIGN,
    title: "防范学生欺凌专项治理攻坚行动",
    issuer: "北关区教育局",
    docNumber: null,
    issuedOn: "2021-09-14",
    timezone: "Asia/Shanghai",
    span: { start: "2021-09-14", end: "2021-12-31" },
    phases: [
      { key: "rectification", name: "攻坚整治阶段", start: "2021-09-26", end: "2021-11-30" },
      { key: "inspection", name: "督导检查阶段", start: "2021-12-01", end: "2021-12-30", tasks: "督导检查并通报" },
    ],
    deadlines: [
      { key: "monthly", title: "月报表", kind: "recurring", rule: { every: "month", day: 25 }, form: "monthlyReport", assignees: { unitKind: "school" }, action: "submit" },
      { key: "final-report", title: "专项工作报告", kind: "once", due: "2021-12-25", assignees: { unitKind: "school" }, action: "submit", form: "retrospective-list" },
    ],
    units: opts.units.map((u) => ({ key: u.key, name: u.name, kind: u.kind, admins: [], ...(u.chatId ? { chat: { chatId: u.chatId } } : {}) })),
    chats: [{ key: "bureau", purpose: "bulletin", chatId: BUREAU_CHAT, name: "全区防欺凌工作群" }],
    bulletins: { day: 26, time: "09:00", to: ["bureau"] },
    forms: [
      { key: "monthlyReport", title: "月报表" },
      { key: "retrospective-list", ref: "附件3", title: "2019年以来发生过的学生欺凌事件“回头看”清单", columns: ["序号", "学生欺凌事件概述", "发生时间", "事件发生原因分析", "处理结果", "备注"] },
    ],
  };
}

/** Local (UTC+8) wall time → instant. */
export const local = (date: string, time = "10:00") => new Date(`${date}T${time}:00+08:00`);
const pad = (n: number) => String(n).padStart(2, "0");

export interface CaseRow {
  unitKey: string;
  severity: "minor" | "serious" | "criminal";
  major: boolean;
  kinds: ("physical" | "verbal" | "cyber" | "property" | "exclusion")[];
  location: "inSchool" | "offCampus";
  openedAt: Date;
  closedAt: Date | null;
  investigatedAt: Date | null;
  investigationDueAt: Date;
  reportDueAt: Date | null;
  reportSubmittedAt: Date | null;
}
export interface PatrolRow {
  unitKey: string;
  date: string;
  status: "planned" | "done" | "missed";
  dueAt: Date;
}
export interface FindingRow {
  unitKey: string;
  createdAt: Date;
  closedAt: Date | null;
}
export interface SubmissionRow {
  unitKey: string;
  period: string;
  submittedAt: Date;
  late: boolean;
}

export interface World {
  schools: { key: string; name: string; chatId: string; principal: string }[];
  cases: CaseRow[];
  patrols: PatrolRow[];
  findings: FindingRow[];
  submissions: SubmissionRow[];
}

const KINDS = ["physical", "verbal", "cyber", "property", "exclusion"] as const;
const SEVS = ["minor", "serious", "criminal"] as const;

function weekdays(month: string): string[] {
  const out: string[] = [];
  const [y, m] = month.split("-").map(Number);
  for (let d = 1; d <= new Date(Date.UTC(y, m, 0)).getUTCDate(); d++) {
    const date = `${month}-${pad(d)}`;
    const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(date);
  }
  return out;
}

export function makeWorld(n: number, seed = 2021, opts: { longNames?: boolean } = {}): World {
  const r = rng(seed);
  const int = (a: number, b: number) => a + Math.floor(r() * (b - a + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const schools = Array.from({ length: n }, (_, k) => {
    const i = k + 1;
    const name = opts.longNames ? `北关区第${i}实验小学（东校区）教育集团分校` : `北关区第${i}中学`;
    return { key: schoolKey(i), name, chatId: schoolChat(i), principal: principalOf(i) };
  });
  const w: World = { schools, cases: [], patrols: [], findings: [], submissions: [] };
  for (const s of schools) {
    for (const month of ["2021-09", "2021-10"]) {
      const lastOpenDay = month === "2021-10" ? 25 : 30;
      for (let c = int(0, 3); c > 0; c--) {
        const day = int(month === "2021-09" ? 14 : 1, lastOpenDay);
        const openedAt = local(`${month}-${pad(day)}`, `${pad(int(8, 17))}:${pad(int(0, 59))}`);
        const closeRoll = r();
        // closed within days, closed only in November (after the bulletin), or still open
        const closedAt = closeRoll < 0.4 ? new Date(openedAt.getTime() + int(1, 4) * 86_400_000) : closeRoll < 0.6 ? local("2021-11-05") : null;
        const investigatedAt = r() < 0.5 ? new Date(openedAt.getTime() + int(1, 12) * 86_400_000) : null;
        const kinds = KINDS.filter(() => r() < 0.35);
        w.cases.push({
          unitKey: s.key,
          severity: pick(SEVS),
          major: r() < 0.1,
          kinds: kinds.length ? kinds : ["verbal"],
          location: r() < 0.8 ? "inSchool" : "offCampus",
          openedAt,
          closedAt,
          investigatedAt,
          investigationDueAt: new Date(openedAt.getTime() + 10 * 86_400_000),
          reportDueAt: closedAt ? new Date(closedAt.getTime() + 5 * 86_400_000) : null,
          reportSubmittedAt: closedAt && r() < 0.5 ? new Date(closedAt.getTime() + int(1, 7) * 86_400_000) : null,
        });
      }
      for (const date of weekdays(month)) {
        const past = date < "2021-10-26";
        const roll = r();
        w.patrols.push({ unitKey: s.key, date, dueAt: local(date, "18:00"), status: !past ? (roll < 0.05 ? "done" : "planned") : roll < 0.8 ? "done" : roll < 0.9 ? "missed" : "planned" });
      }
      for (let f = int(0, 3); f > 0; f--) {
        const createdAt = local(`${month}-${pad(int(month === "2021-09" ? 14 : 1, 25))}`, "16:00");
        const roll = r();
        w.findings.push({ unitKey: s.key, createdAt, closedAt: roll < 0.4 ? new Date(createdAt.getTime() + 2 * 86_400_000) : roll < 0.6 ? local("2021-11-02") : null });
      }
      const roll = r();
      // on time, late before the bulletin, late after the bulletin (missing at 09:00), never
      const at = roll < 0.6 ? local(`${month}-${pad(int(18, 25))}`, "15:00") : roll < 0.75 ? local(month === "2021-10" ? "2021-10-26" : "2021-09-27", "08:00") : roll < 0.85 ? local(month === "2021-10" ? "2021-10-27" : "2021-09-29") : null;
      if (at) w.submissions.push({ unitKey: s.key, period: month, submittedAt: at, late: at > local(`${month}-25`, "23:59") });
    }
  }
  return w;
}

export async function seedWorld(db: Database, w: World, opts: { withDepartment?: boolean } = {}): Promise<void> {
  const units = [
    ...w.schools.map((s) => ({ key: s.key, name: s.name, kind: "school" as const, chatId: s.chatId })),
    ...(opts.withDepartment === false ? [] : [{ key: "dept-edu", name: "教育股", kind: "department" as const }]),
    { key: "bureau", name: "区教育局", kind: "bureau" as const },
  ];
  const plan = planSchema.parse(planInput({ units }));
  await db.prisma.campaign.create({ data: { id: CAMPAIGN, title: plan.title, status: "active", planJson: JSON.stringify(plan) } });
  await db.prisma.unit.createMany({ data: units.map((u) => ({ campaignId: CAMPAIGN, key: u.key, name: u.name, kind: u.kind, chatId: "chatId" in u ? u.chatId : null })) });
  const ids = new Map((await db.prisma.unit.findMany({ where: { campaignId: CAMPAIGN } })).map((u) => [u.key, u.id]));
  await db.prisma.member.createMany({
    data: [
      { campaignId: CAMPAIGN, key: "office.director", role: "officeDirector", openId: DIRECTOR, name: "李主任" },
      { campaignId: CAMPAIGN, key: "bureau.safety", role: "safetyOffice", openId: SAFETY, name: "王科长", unitId: ids.get("bureau")! },
      { campaignId: CAMPAIGN, key: `${schoolKey(1)}.teacher`, role: "teacher", openId: TEACHER, name: "刘老师", unitId: ids.get(schoolKey(1))! },
      ...w.schools.map((s) => ({ campaignId: CAMPAIGN, key: `${s.key}.principal`, role: "principal", openId: s.principal, name: "校长", unitId: ids.get(s.key)! })),
    ],
  });
  const seq = new Map<string, number>();
  await db.prisma.incidentCase.createMany({
    data: w.cases.map((c, i) => {
      const n = (seq.get(c.unitKey) ?? 0) + 1;
      seq.set(c.unitKey, n);
      return {
        caseNo: `2021-${c.unitKey}-${pad(n)}`,
        campaignId: CAMPAIGN,
        unitKey: c.unitKey,
        year: 2021,
        seq: n,
        submissionKey: `sub-${i}`,
        reporterOpenId: principalOf(1),
        flow: c.severity === "criminal" ? "inSchoolCriminal" : "inSchool",
        status: c.closedAt ? "closed" : "open",
        occurredAt: c.openedAt,
        location: c.location,
        place: "教学楼",
        kindPhysical: c.kinds.includes("physical"),
        kindVerbal: c.kinds.includes("verbal"),
        kindCyber: c.kinds.includes("cyber"),
        kindProperty: c.kinds.includes("property"),
        kindExclusion: c.kinds.includes("exclusion"),
        severity: c.severity,
        major: c.major,
        source: "staff",
        victimCount: 1,
        actorCount: 2,
        grades: "七年级",
        summary: `学生张小明被推搡（敏感原文 ${i}）`,
        openedAt: c.openedAt,
        investigationDueAt: c.investigationDueAt,
        investigatedAt: c.investigatedAt,
        closedAt: c.closedAt,
        reportDueAt: c.reportDueAt,
        reportSubmittedAt: c.reportSubmittedAt,
        causeText: "同学矛盾",
        resultText: "已批评教育",
      };
    }),
  });
  await db.prisma.patrol.createMany({
    data: w.patrols.map((p) => ({ campaignId: CAMPAIGN, unitKey: p.unitKey, kind: "patrol", slot: "afterSchool", date: p.date, period: p.date.slice(0, 7), patrollerOpenId: principalOf(1), dueAt: p.dueAt, status: p.status })),
  });
  await db.prisma.finding.createMany({
    data: w.findings.map((f) => ({ campaignId: CAMPAIGN, unitKey: f.unitKey, kind: "hazard", period: "2021-10", description: "楼道灯损坏", ownerOpenId: principalOf(1), dueDate: "2021-10-30", createdAt: f.createdAt, status: f.closedAt ? "closed" : "open", closedAt: f.closedAt })),
  });
  await db.prisma.reportSubmission.createMany({
    data: w.submissions.map((s) => ({ campaignId: CAMPAIGN, form: "monthlyReport", unitKey: s.unitKey, period: s.period, valuesJson: "{}", dueDate: `${s.period}-25`, late: s.late, submittedBy: principalOf(1), submittedAt: s.submittedAt })),
  });
}

export interface Expected {
  opened: number;
  closed: number;
  open: number;
  overdue: number;
  severity: Record<string, number>;
  kinds: Record<string, number>;
  inSchool: number;
  offCampus: number;
  major: number;
  planned: number;
  done: number;
  missed: number;
  raised: number;
  findingsClosed: number;
  findingsOpen: number;
  onTime: number;
  late: number;
  missing: number;
}

/** Plain loops over the generated rows, for the month and cutoff (local month bounds by string compare). */
export function expected(w: World, unitKey: string | null, month: string, cutoff: Date): Expected & { submitted: "on-time" | "late" | "missing" } {
  const inMonth = (d: Date | null) => !!d && d <= cutoff && new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 7) === month;
  const mine = <T extends { unitKey: string }>(xs: T[]) => xs.filter((x) => unitKey === null || x.unitKey === unitKey);
  const e: Expected = { opened: 0, closed: 0, open: 0, overdue: 0, severity: { minor: 0, serious: 0, criminal: 0 }, kinds: { physical: 0, verbal: 0, cyber: 0, property: 0, exclusion: 0 }, inSchool: 0, offCampus: 0, major: 0, planned: 0, done: 0, missed: 0, raised: 0, findingsClosed: 0, findingsOpen: 0, onTime: 0, late: 0, missing: 0 };
  for (const c of mine(w.cases)) {
    if (inMonth(c.openedAt)) {
      e.opened++;
      e.severity[c.severity]++;
      for (const k of c.kinds) e.kinds[k]++;
      if (c.location === "inSchool") e.inSchool++;
      else e.offCampus++;
      if (c.major) e.major++;
    }
    if (inMonth(c.closedAt)) e.closed++;
    const closedByCutoff = c.closedAt !== null && c.closedAt <= cutoff;
    if (c.openedAt <= cutoff && !closedByCutoff) {
      e.open++;
      const investigated = c.investigatedAt !== null && c.investigatedAt <= cutoff;
      if (!investigated && c.investigationDueAt <= cutoff) e.overdue++;
    }
    if (closedByCutoff && c.reportDueAt! <= cutoff && !(c.reportSubmittedAt && c.reportSubmittedAt <= cutoff)) e.overdue++;
  }
  for (const p of mine(w.patrols)) {
    if (p.date.slice(0, 7) !== month) continue;
    if (p.status === "planned" && p.dueAt > cutoff) continue;
    e.planned++;
    if (p.status === "done") e.done++;
    if (p.status === "missed") e.missed++;
  }
  for (const f of mine(w.findings)) {
    if (inMonth(f.createdAt)) e.raised++;
    if (inMonth(f.closedAt)) e.findingsClosed++;
    if (f.createdAt <= cutoff && !(f.closedAt && f.closedAt <= cutoff)) e.findingsOpen++;
  }
  let submitted: "on-time" | "late" | "missing" = "on-time";
  for (const s of unitKey === null ? w.schools : w.schools.filter((x) => x.key === unitKey)) {
    const sub = w.submissions.find((x) => x.unitKey === s.key && x.period === month && x.submittedAt <= cutoff);
    if (!sub) {
      e.missing++;
      submitted = "missing";
    } else if (sub.late) {
      e.late++;
      submitted = "late";
    } else e.onTime++;
  }
  return { ...e, submitted };
}
