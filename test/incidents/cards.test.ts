import { describe, expect, it } from "vitest";
import { validateCard } from "../../src/sim/rules/index.js";
import { caseCard, caseListCard, caseReportCard, closingFormCard, openReportButton, type CaseCardModel, type CaseView } from "../../cards/incidents/case.js";
import { reportFormCard } from "../../cards/incidents/form.js";
import { formLimits, formOptions } from "../../src/domains/incidents/views.js";
import { FIRST_HOUR_CHECKLIST } from "../../src/domains/incidents/routing.js";
import { card } from "../../cards/kit/index.js";

const HOSTILE = "<at id=all></at> [点我](https://evil.example) <font color='red'>x</font> **粗** ";
const HUGE = HOSTILE + "长".repeat(30_000);

/** Every markdown content in the card (the only place Lark interprets markup). */
function markdownContents(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => markdownContents(n, out));
  else if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    if (o.tag === "markdown" && typeof o.content === "string") out.push(o.content);
    if (o.tag === "lark_md" && typeof o.content === "string") out.push(o.content);
    Object.values(o).forEach((v) => markdownContents(v, out));
  }
  return out;
}

function expectValidAndInert(c: unknown): number {
  const r = validateCard(c);
  if (!r.ok) throw new Error(`${r.msg} at ${r.path}`);
  for (const md of markdownContents(c)) {
    expect(md).not.toMatch(/<at\b/i);
    expect(md).not.toContain("](https://evil");
    expect(md).not.toContain("<font color='red'>x");
  }
  return r.stats.bytes;
}

function model(view: CaseView, over: Partial<CaseCardModel> = {}): CaseCardModel {
  return {
    view,
    caseId: "c1",
    caseNo: "school-a-2021-001",
    unitName: "第一中学",
    status: "open",
    statusTitle: "处置中",
    flowTitle: "校园内违反治安管理或涉嫌违法犯罪的欺凌事件处置流程",
    urgent: true,
    severityKey: "criminal",
    severity: "涉嫌违法犯罪",
    majors: ["持械"],
    kinds: ["肢体"],
    location: "校园内",
    source: "教职工发现",
    occurredAt: "2021-10-12 09:30",
    openedAt: "2021-10-12 10:00",
    investigationDue: "2021-10-22",
    victims: 1,
    actors: 3,
    publicAttention: true,
    checklist: FIRST_HOUR_CHECKLIST,
    details: { place: HUGE, grades: HUGE, summary: HUGE, measures: HUGE, privateNote: HUGE, closing: { result: HUGE, cause: HUGE, nextSteps: HUGE } },
    steps: [
      { key: "emergency", title: "校医医治，拨打120", status: "done", skippable: false, who: HOSTILE, at: "2021-10-12 10:05", waitingFor: [] },
      { key: "police", title: "与公安对接", status: "open", skippable: false, waitingFor: [] },
      { key: "policeDone", title: "公安等相关部门处理结束", status: "open", skippable: false, waitingFor: [] },
      { key: "discipline", title: "纪律处分", status: "locked", skippable: true, waitingFor: ["公安等相关部门处理结束"] },
    ],
    progress: { done: 1, total: 4 },
    taskForce: { chat: false, members: 0, candidates: [{ value: "school-a.teacher", text: `${HOSTILE}（教职工）` }] },
    controls: { act: true, lead: true },
    ...over,
  };
}

describe("incident cards pass the platform rules and keep user text inert", () => {
  it("the report form, empty, prefilled and with errors and hostile input of 30,000 characters", () => {
    const base = { formId: "f1", campaignId: "camp", campaignTitle: "防范学生欺凌", units: [{ value: "a", text: "第一中学" }, { value: "b", text: "第二中学" }], options: formOptions(), limits: formLimits };
    expectValidAndInert(reportFormCard({ ...base, draft: {} }));
    const bytes = expectValidAndInert(
      reportFormCard({
        ...base,
        draft: { unit: "forged", place: HUGE, grades: HUGE, summary: HUGE, measures: HUGE, privateNote: HUGE, victims: HUGE, kinds: ["physical", "forged"], occurredAt: "<at id=all>" },
        errors: [{ field: "summary", message: HOSTILE }],
        origin: HOSTILE,
      }),
    );
    expect(bytes).toBeLessThanOrEqual(30 * 1024);
    const json = JSON.stringify(reportFormCard({ ...base, draft: { kinds: ["physical", "forged"] } }));
    expect(json).not.toContain("forged");
  });

  it.each(["detail", "taskforce", "reporter", "brief"] as const)("the case card, %s view, with 30,000-character texts fits 30 KB", (view) => {
    const bytes = expectValidAndInert(caseCard(model(view)));
    expect(bytes).toBeLessThanOrEqual(30 * 1024);
  });

  it("the brief and reporter views carry no details even if the model had them", () => {
    for (const view of ["brief", "reporter"] as const) {
      const json = JSON.stringify(caseCard(model(view)));
      expect(json).not.toContain("长长长");
      expect(json).not.toContain("incident_step");
    }
  });

  it("the task-force (group) view never shows the private note", () => {
    const json = JSON.stringify(caseCard(model("taskforce", { details: { place: "p", grades: "g", summary: "s", privateNote: "SECRET-NOTE" } })));
    expect(json).not.toContain("SECRET-NOTE");
    expect(JSON.stringify(caseCard(model("detail", { details: { place: "p", grades: "g", summary: "s", privateNote: "SECRET-NOTE" } })))).toContain("SECRET-NOTE");
  });

  it("locked steps have no buttons; open ones do; a closed case shows the report button", () => {
    const json = JSON.stringify(caseCard(model("detail")));
    expect(json).toContain('"step":"police"');
    expect(json).not.toContain('"step":"discipline"');
    const closed = JSON.stringify(caseCard(model("detail", { status: "closed", statusTitle: "处置结束", progress: { done: 4, total: 4 } })));
    expect(closed).toContain("incident_report_submit");
    expect(closed).not.toContain("incident_step");
  });

  it("the closing form, the 情况报告 and the numbers-only list", () => {
    expectValidAndInert(closingFormCard({ caseId: "c1", caseNo: "n", unitName: "u", draft: { result: HUGE, cause: HUGE, nextSteps: HUGE }, errors: [{ field: "cause", message: HOSTILE }], limit: 2000, reportDays: "处置结束后5日" }));
    const bytes = expectValidAndInert(
      caseReportCard({
        caseId: "c1", caseNo: "n", unitName: "u", occurredAt: "t", closedAt: "t", reportDue: "2021-10-30", severity: "s", kinds: ["k"], location: "l", victims: 1, actors: 1,
        steps: [{ title: "t", status: "done", at: "2021-10-12" }], result: HUGE, cause: HUGE, nextSteps: HUGE, canSubmit: true,
      }),
    );
    expect(bytes).toBeLessThanOrEqual(30 * 1024);
    expectValidAndInert(caseListCard({ title: "案件", counts: { open: 1, closed: 0, reported: 0, overdue: 0 }, rows: [{ caseNo: "n", unit: HOSTILE, status: "处置中", severity: "情节轻微", opened: "2021-10-12" }] }));
    expectValidAndInert(caseListCard({ title: "案件", counts: { open: 0, closed: 0, reported: 0, overdue: 0 }, rows: [] }));
    expectValidAndInert(card({ title: "帮助", elements: [openReportButton("camp")] }));
  });
});
