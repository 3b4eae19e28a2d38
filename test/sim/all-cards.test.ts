import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { validateCard } from "../../src/sim/rules/index.js";
import { reportFormCard, type ReportFormModel } from "../../cards/incidents/form.js";
import { caseCard, closingFormCard, caseReportCard, caseListCard, type CaseCardModel } from "../../cards/incidents/case.js";
import { patrolFormCard, patrolReceiptCard, patrolNudgeCard, patrolEscalationCard, findingCard, rosterCard } from "../../cards/reports/patrol.js";
import { periodicFormCard, submissionReceiptCard } from "../../cards/reports/periodic-form.js";
import { reminderDigestCard, phaseAnnouncementCard, type ReminderItemView } from "../../cards/reminders/digest.js";
import { overviewCard, unitTableCards, noticeCards, bureauCards, type BulletinView } from "../../cards/bulletins/summary.js";
import { reviewCard, editCard, publishedCard, type ReviewView } from "../../cards/bulletins/review.js";
import { schoolCard } from "../../cards/bulletins/school.js";
import type { Figures, UnitSummary } from "../../src/domains/bulletins/types.js";

/**
 * Every card the bot can send, rendered from its builder in its ordinary and its worst shape
 * (every option, every error, text at its limits), must pass Lark's card JSON 2.0 rules. A new
 * builder in cards/ must get examples here: the last test lists the ones that have none.
 */
const long = (n: number) => "长".repeat(n);
const opts = (k: string, n: number) => Array.from({ length: n }, (_, i) => ({ value: `${k}${i}`, text: `${k}选项${i}` }));
const errs = (...fields: string[]) => fields.map((field) => ({ field, message: `${field} 填写有误` }));

const reportModel = (worst: boolean): ReportFormModel => ({
  formId: "f1",
  campaignId: "demo-2026",
  campaignTitle: "防范学生欺凌专项治理行动",
  units: worst ? opts("school", 30) : [{ value: "school-01", text: "第一中学" }],
  draft: worst
    ? { unit: "school0", occurredAt: "2026-11-20 10:30", location: "l0", place: long(5000), kinds: ["k0", "k1"], severity: "s0", major: ["m0"], source: "src0", victims: "1", actors: "2", grades: long(500), summary: long(30000), privateNote: long(5000), measures: long(5000), publicAttention: true }
    : {},
  errors: worst ? errs("unit", "occurred_at", "location", "place", "kinds", "severity", "source", "victim_count", "actor_count", "grades", "summary", "public_attention") : undefined,
  origin: worst ? long(300) : undefined,
  options: { locations: opts("l", 2), kinds: opts("k", 5), severities: opts("s", 4), major: opts("m", 4), sources: opts("src", 6) },
  limits: { place: 100, grades: 50, summary: 2000, privateNote: 500, measures: 500 },
});

const caseModel = (view: CaseCardModel["view"], worst: boolean): CaseCardModel => ({
  view,
  caseId: "c1",
  caseNo: "BG-2026-001",
  unitName: "第一中学",
  status: "open",
  statusTitle: "调查认定中",
  flowTitle: "校内处置",
  urgent: worst,
  severityKey: "serious",
  severity: "情节较重",
  majors: worst ? ["伤亡", "持械"] : [],
  kinds: ["肢体欺凌", "言语欺凌"],
  location: "校园内",
  source: "教师发现",
  occurredAt: "2026-11-20 10:30",
  openedAt: "2026-11-20 11:00",
  investigationDue: "2026-12-04",
  victims: 1,
  actors: 2,
  publicAttention: worst,
  checklist: worst ? Array.from({ length: 10 }, (_, i) => `要点${i}`) : undefined,
  details: { place: worst ? long(100) : "走廊", grades: "七年级", summary: worst ? long(2000) : "课间推搡", measures: worst ? long(500) : null, privateNote: view === "taskforce" && worst ? long(500) : null },
  steps: Array.from({ length: worst ? 14 : 3 }, (_, i) => ({ key: `s${i}`, title: `步骤${i}`, status: (["done", "skipped", "open", "locked"] as const)[i % 4], skippable: i % 2 === 0, who: "李校长", at: "2026-11-20 12:00", waitingFor: worst ? ["李校长", "赵科长"] : [] })),
  progress: { done: 1, total: worst ? 14 : 3 },
  taskForce: { chat: worst, members: 3, candidates: worst ? opts("ou_", 40) : undefined, creating: false },
  controls: { act: true, lead: true },
  notice: worst ? "已记录：调查认定" : undefined,
});

const reminder = (i: number, kind: ReminderItemView["kind"]): ReminderItemView => ({
  id: `r${i}`,
  kind,
  title: `月报表 ${i}`,
  due: "2026-11-25",
  periodKey: "2026-11",
  daysLeft: 3 - i,
  late: i % 2 === 0,
  status: (["pending", "acked", "done", "snoozed"] as const)[i % 4],
  canComplete: i % 2 === 1,
  lateSubjects: kind === "escalation" ? opts("学校", 20).map((o) => o.text) : undefined,
  phase: kind.startsWith("phase") ? { start: "2026-11-01", end: "2026-11-30", tasks: long(300) } : undefined,
});

const patrolValues = { areas: ["a0"], start: "16:30", end: "17:30", result: "earlySign", seen: long(500), actionTaken: long(500), followUpNeeded: true, followUpDue: "2026-11-30" };
const periodic = (form: "monthlyReport" | "selfCheck", worst: boolean) => ({
  form,
  title: form === "monthlyReport" ? "月报表" : "自查表",
  unitName: "第一中学",
  periodLabel: "2026年11月",
  due: worst ? null : "2026-11-25",
  values: worst ? Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}`, long(200)])) : {},
  computedKeys: worst ? ["f0", "f1"] : [],
  errors: worst ? errs("f0", "f1") : undefined,
  submitted: worst ? { version: 2, at: "2026-11-20 10:00", late: true } : undefined,
  submitValue: { action: "report_submit", campaignId: "demo-2026", form, unitKey: "school-01", period: "2026-11" },
});

const figures = (n: number): Figures => ({
  cases: { opened: n, closed: n, overdue: 1, open: n, bySeverity: { minor: n, serious: 1, criminal: 0 }, major: 0, byKind: { physical: n, verbal: 1, cyber: 0, property: 0, exclusion: 0 }, byPlace: { inSchool: n, offCampus: 0 } },
  patrols: { planned: 20, done: 18, missed: 2, rate: 0.9 },
  findings: { raised: 3, closed: 2, open: 1 },
  reports: { owed: 2, onTime: 1, late: 0, missing: 1, pending: 0 },
});
const unit = (i: number): UnitSummary => ({
  ...figures(i % 4),
  unitKey: `school-${i}`,
  unit: `第${i}中学${"（九年一贯制学校）".repeat(i % 2)}`,
  kind: "school",
  submitted: (["on-time", "late", "missing", null] as const)[i % 4],
  items: [{ deadlineKey: "monthly", title: "月报表", due: "2026-11-25", state: (["on-time", "late", "missing", "pending"] as const)[i % 4] }],
});
const win = { key: "2026-11", label: "2026年11月", firstDay: "2026-11-01", lastDay: "2026-11-30" };
const bulletin = (units: number): BulletinView => ({
  kind: "monthly",
  note: units > 10 ? long(500) : null,
  asOfText: "2026年11月26日 09:00",
  summary: {
    campaignId: "demo-2026",
    campaignTitle: "防范学生欺凌专项治理行动",
    window: win,
    asOf: "2026-11-26T01:00:00Z",
    totals: figures(12),
    previous: units > 10 ? { window: { ...win, key: "2026-10", label: "2026年10月" }, totals: figures(8) } : null,
    change: units > 10 ? { opened: 4, closed: -1, overdue: 0, patrolRate: 0.05, findingsRaised: 2, reportsMissing: -3 } : null,
    units: Array.from({ length: units }, (_, i) => unit(i)),
    missing: Array.from({ length: Math.floor(units / 3) }, (_, i) => ({ unitKey: `school-${i}`, unit: `第${i}中学`, items: ["月报表", "自查表"] })),
    series: Array.from({ length: 12 }, (_, i) => ({ month: `2026-${String(i + 1).padStart(2, "0")}`, opened: i, closed: i })),
  },
});
const review = (units: number): ReviewView => ({ ...bulletin(units), bulletinId: "b1", audience: "区教育局工作群、各学校群" });

const examples: Record<string, () => unknown[]> = {
  overviewCard: () => [overviewCard(bulletin(3)), overviewCard(bulletin(120))],
  unitTableCards: () => [...unitTableCards(bulletin(3)), ...unitTableCards(bulletin(300))],
  noticeCards: () => [...noticeCards(bulletin(3)), ...noticeCards(bulletin(300))],
  bureauCards: () => [...bureauCards(bulletin(0)), ...bureauCards(bulletin(300))],
  reviewCard: () => [reviewCard(review(3)), reviewCard(review(300))],
  editCard: () => [editCard(review(3)), editCard(review(300), { error: "按语不能超过 500 字" })],
  publishedCard: () => [publishedCard(review(300), "宋局长", "今天 09:30")],
  schoolCard: () => [schoolCard(bulletin(3), unit(1)), schoolCard(bulletin(300), unit(2))],
  reportFormCard: () => [reportFormCard(reportModel(false)), reportFormCard(reportModel(true))],
  caseCard: () => (["reporter", "detail", "brief", "taskforce"] as const).flatMap((v) => [caseCard(caseModel(v, false)), caseCard(caseModel(v, true))]),
  closingFormCard: () => [
    closingFormCard({ caseId: "c1", caseNo: "BG-2026-001", unitName: "第一中学", draft: {}, limit: 2000, reportDays: "5 个工作日" }),
    closingFormCard({ caseId: "c1", caseNo: "BG-2026-001", unitName: "第一中学", draft: { result: long(5000), cause: long(5000), nextSteps: long(5000) }, errors: errs("result", "cause", "nextSteps"), limit: 2000, reportDays: "5 个工作日" }),
  ],
  caseReportCard: () =>
    [true, false].map((canSubmit) =>
      caseReportCard({ caseId: "c1", caseNo: "BG-2026-001", unitName: "第一中学", occurredAt: "2026-11-20", closedAt: "2026-11-28", reportDue: "2026-12-05", submittedAt: canSubmit ? undefined : "2026-11-29", severity: "情节较重", kinds: ["肢体欺凌"], location: "校园内", victims: 1, actors: 2, steps: Array.from({ length: 14 }, (_, i) => ({ title: `步骤${i}`, status: "已完成", at: "2026-11-21" })), result: long(2000), cause: long(2000), nextSteps: long(2000), canSubmit }),
    ),
  caseListCard: () => [
    caseListCard({ title: "本校案件", counts: { open: 0, closed: 0, reported: 0, overdue: 0 }, rows: [] }),
    caseListCard({ title: "全区案件", counts: { open: 30, closed: 10, reported: 5, overdue: 3 }, rows: Array.from({ length: 60 }, (_, i) => ({ caseNo: `BG-2026-${i}`, unit: `学校${i}`, status: "调查中", severity: "情节轻微", opened: "2026-11-20" })), note: "仅显示最近 60 件" }),
  ],
  patrolFormCard: () => (["patrol", "screening"] as const).flatMap((kind) => [patrolFormCard({ kind, patrolId: "p1", unitName: "第一中学", when: "2026年11月20日 放学后", areaOptions: opts("a", 12), values: { ...patrolValues, seen: "", actionTaken: "" } }), patrolFormCard({ kind, patrolId: "p1", unitName: "第一中学", when: "2026年11月20日", areaOptions: opts("a", 12), values: patrolValues, errors: errs("areas", "start", "end", "result", "seen"), late: true })]),
  patrolReceiptCard: () => [patrolReceiptCard({ kind: "patrol", patrolId: "p1", unitName: "第一中学", when: "今天", areas: ["教学楼"], result: "none", late: false, unchanged: false }), patrolReceiptCard({ kind: "screening", patrolId: "p1", unitName: "第一中学", when: "今天", areas: opts("a", 12).map((o) => o.text), result: "earlySign", late: true, unchanged: true, finding: { id: "f1", kind: "苗头", dueDate: "2026-11-30", ownerName: "李校长", incidentOffered: true } })],
  patrolNudgeCard: () => [patrolNudgeCard({ kind: "patrol", patrolId: "p1", unitName: "第一中学", when: "今天 16:30" })],
  patrolEscalationCard: () => [patrolEscalationCard({ kind: "screening", unitName: "第一中学", when: "本周", patrollerName: "王老师", missedThisMonth: 3 })],
  findingCard: () => [findingCard({ findingId: "f1", unitName: "第一中学", kindName: "苗头性问题", when: "今天", description: long(2000), actionTaken: null, dueDate: "2026-11-30", status: "open", incidentOffered: true, errors: errs("note"), typedNote: long(500) }), findingCard({ findingId: "f1", unitName: "第一中学", kindName: "隐患", when: "昨天", description: "楼梯扶手松动", actionTaken: "已报修", dueDate: "2026-11-30", status: "closed", closeNote: "已修复", incidentOffered: false })],
  rosterCard: () => [rosterCard({ campaignId: "demo-2026", unitKey: "school-01", unitName: "第一中学", slots: Array.from({ length: 6 }, (_, i) => ({ key: `s${i}`, name: `时段${i}`, start: "07:30", end: "08:00", patrollerOpenId: "ou_demo_teacher", areas: ["a0"], weekdays: ["1", "2"] })), people: opts("ou_", 30), areaOptions: opts("a", 12), slotKeys: ["s0", "s1", "s2", "s3", "s4", "s5"], truncatedPeople: 3, errors: errs("s0"), saved: true } as Parameters<typeof rosterCard>[0])],
  periodicFormCard: () => (["monthlyReport", "selfCheck"] as const).flatMap((f) => [periodicFormCard(periodic(f, false)), periodicFormCard(periodic(f, true))]),
  submissionReceiptCard: () => [true, false].map((editable) => submissionReceiptCard({ formName: "monthlyReport", title: "月报表", unitName: "第一中学", periodLabel: "2026年11月", version: 2, at: "2026-11-20 10:00", late: !editable, unchanged: editable, lines: Array.from({ length: 40 }, (_, i) => [`项目${i}`, long(100)] as [string, string]), due: "2026-11-25", editable, editValue: { action: "report_edit", campaignId: "demo-2026", form: "monthlyReport", unitKey: "school-01", period: "2026-11" } })),
  reminderDigestCard: () => [
    reminderDigestCard({ campaignTitle: "防范学生欺凌专项治理行动", items: [reminder(1, "deadline")] }),
    reminderDigestCard({ campaignTitle: "防范学生欺凌专项治理行动", items: Array.from({ length: 12 }, (_, i) => reminder(i, (["deadline", "overdue", "escalation", "phase-start", "phase-end"] as const)[i % 5])), snoozeUntilText: "明天 09:00" }),
  ],
  phaseAnnouncementCard: () => [phaseAnnouncementCard({ campaignTitle: "防范学生欺凌专项治理行动", items: [reminder(0, "phase-start"), reminder(1, "phase-end")] })],
};

/** Helpers whose names end in Card but that take a builder, not a view model. */
const NOT_BUILDERS = new Set(["fitCard"]);

describe("every card the bot can send passes Lark's card JSON 2.0 rules", () => {
  for (const [name, make] of Object.entries(examples)) {
    it(name, () => {
      const cards = make();
      expect(cards.length).toBeGreaterThan(0);
      for (const c of cards) {
        const r = validateCard(c);
        expect(r.ok ? "ok" : `${r.code} ${r.msg}`).toBe("ok");
      }
    });
  }

  it("has examples for every exported card builder in cards/", () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith(".ts") && !p.endsWith(".test.ts") && !p.includes(`${join("cards", "kit")}`)) files.push(p);
      }
    };
    walk("cards");
    const builders = files.flatMap((f) => [...readFileSync(f, "utf8").matchAll(/export function (\w+Cards?)\(/g)].map((m) => `${f}: ${m[1]}`));
    const missing = builders.filter((b) => !NOT_BUILDERS.has(b.split(": ")[1]!) && !(b.split(": ")[1]! in examples));
    expect(missing, "add examples for these builders to test/sim/all-cards.test.ts").toEqual([]);
  });
});
