import { describe, expect, it } from "vitest";
import { validateCard } from "../../src/sim/rules/card.js";
import { parseMonthlyReport, monthlyReportFields } from "../../src/domains/reports/forms/monthly-report.js";
import { parseSelfCheck, selfCheckItems, selfCheckFields } from "../../src/domains/reports/forms/self-check.js";
import { periodicFormCard, submissionReceiptCard } from "../../cards/reports/periodic-form.js";

const okMonthly = {
  docName: "关于开展学生欺凌防治落实年行动的通知",
  docNumber: "罗小〔2018〕3号",
  docIssuedOn: "2018-05-10 +0800",
  leadDepartment: "政教处",
  leadPerson: "王老师",
  leadContact: "0539-8927055",
  reportHotline: "0539-8927000",
  activityName: "防欺凌主题班会",
  activityParticipants: "850",
  incidentCount: "3",
  reportedCount: "2",
  criminalCount: "0",
  handledCount: "2",
  handledSummary: "两起同学间言语冲突，已调查处理",
  handlingMethods: "调查、谈话、家校沟通",
  filledBy: "李四",
  principal: "张三",
};

const okSelfCheck: Record<string, string> = {
  principalName: "张三",
  studentCount: "900",
  teacherCount: "60",
  contactPerson: "李四",
  contactPhone: "13800000000",
  teacherTrainingTimes: "2",
  teacherTrainingPeople: "110",
  studentEducationTimes: "1",
  studentEducationPeople: "900",
  parentLecturesTimes: "0",
  parentLecturesPeople: "0",
};
for (const i of selfCheckItems) if (i.type === "yes_no") okSelfCheck[i.fields[0].key] = "yes";

describe("月报表 (seed 001 附件3)", () => {
  it("has every box of the paper form with its exact heading", () => {
    const labels = monthlyReportFields.map((f) => f.label);
    for (const l of ["文件编号", "发文时间", "欺凌防治牵头部门（处室）", "负责人", "联系方式", "校园欺凌防治监督举报电话", "活动名称", "参与人数", "辖区村小制定“落实方案”数", "公布学校治理电话数", "本月校园欺凌发生事件数（件）", "接收举报发现数（件）", "构成刑事案件数(件)", "本月处理校园欺凌事件数（简要描述）", "主要处理方式、程序和效果（可附案例）", "填报人", "校长"])
      expect(labels).toContain(l);
  });

  it("accepts a complete report and types its values", () => {
    const p = parseMonthlyReport(okMonthly);
    expect(p.errors).toEqual([]);
    expect(p.values).toMatchObject({ incidentCount: 3, reportedCount: 2, docIssuedOn: "2018-05-10", villagePlanCount: null });
  });

  it("refuses 举报发现数 > 发生数 and 刑事案件数 > 发生数, naming the field, keeping what was typed", () => {
    const p = parseMonthlyReport({ ...okMonthly, incidentCount: "1", reportedCount: "2", criminalCount: "5" });
    expect(p.errors.map((e) => e.field).sort()).toEqual(["criminalCount", "reportedCount"]);
    expect(p.errors[0].message).toContain("不能大于");
    expect(p.typed.reportedCount).toBe("2");
  });

  it("explains bad numbers, dates, phones and text limits in Chinese", () => {
    const p = parseMonthlyReport({ ...okMonthly, incidentCount: "三", docIssuedOn: "2018-02-30", leadContact: "call me", handlingMethods: "字".repeat(1001), filledBy: "" });
    const by = Object.fromEntries(p.errors.map((e) => [e.field, e.message]));
    expect(by.incidentCount).toContain("整数");
    expect(by.docIssuedOn).toContain("日期不存在");
    expect(by.leadContact).toContain("电话");
    expect(by.handlingMethods).toContain("1000");
    expect(by.filledBy).toContain("填报人");
  });

  it("reads full-width digits", () => {
    expect(parseMonthlyReport({ ...okMonthly, incidentCount: "１２" }).values.incidentCount).toBe(12);
  });

  it("needs a description when events were handled, and both village counts or none", () => {
    const p = parseMonthlyReport({ ...okMonthly, handledSummary: "", villagePlanCount: "3" });
    expect(p.errors.map((e) => e.field).sort()).toEqual(["handledSummary", "villagePhoneCount"]);
  });
});

describe("自查表 (seed 001 附件2)", () => {
  it("has 13 有/无 items, 3 count pairs and the two texts with their limits", () => {
    expect(selfCheckItems.filter((i) => i.type === "yes_no")).toHaveLength(13);
    expect(selfCheckItems.filter((i) => i.type === "count_pair")).toHaveLength(3);
    const texts = Object.fromEntries(selfCheckFields.filter((f) => f.kind === "text" && f.multiline).map((f) => [f.label, f.kind === "text" ? f.maxChars : 0]));
    expect(texts).toEqual({ 特色工作: 500, 规划打算: 800 });
    expect(selfCheckItems.map((i) => i.text)).toContain("依托板报、橱窗、广播、校园网、公众微信平台等菅造防范校园欺凌良好氛围");
  });

  it("requires every 有/无 and rejects inconsistent counts", () => {
    const p = parseSelfCheck({ ...okSelfCheck, leadingGroup: "", parentLecturesPeople: "30", teacherTrainingPeople: "500", specialWork: "好".repeat(501) });
    const by = Object.fromEntries(p.errors.map((e) => [e.field, e.message]));
    expect(by.leadingGroup).toContain("学生欺凌综合治理工作领导小组");
    expect(by.parentLecturesPeople).toContain("0 次");
    expect(by.teacherTrainingPeople).toContain("超过");
    expect(by.specialWork).toContain("500");
  });

  it("accepts a complete self-check", () => {
    const p = parseSelfCheck(okSelfCheck);
    expect(p.errors).toEqual([]);
    expect(p.values.leadingGroup).toBe(true);
  });
});

describe("form cards", () => {
  const submitValue = { action: "report_submit", campaignId: "c", form: "monthlyReport", unitKey: "s1", period: "2018-10" };
  it("月报表 card passes validateCard, also with every field in error and long typed text", () => {
    const values = Object.fromEntries(monthlyReportFields.map((f) => [f.key, f.kind === "text" ? "字".repeat(f.maxChars) : "1"]));
    const errors = monthlyReportFields.map((f) => ({ field: f.key, message: `“${f.label}”有误` }));
    const c = periodicFormCard({ form: "monthlyReport", title: "罗庄区中小学生欺凌防治落实年行动（10）月报表", unitName: "罗庄区第一小学", periodLabel: "2018年10月", due: "2018-10-25", values, computedKeys: ["incidentCount"], errors, submitValue });
    const r = validateCard(c);
    expect(r).toMatchObject({ ok: true });
    if (r.ok) expect(r.stats.components).toBeLessThanOrEqual(200);
    expect(JSON.stringify(c)).toContain("构成刑事案件数(件)");
  });

  it("自查表 card fits one card (components and bytes) with errors everywhere", () => {
    const values = Object.fromEntries(selfCheckFields.map((f) => [f.key, f.kind === "text" ? "字".repeat(Math.min(f.maxChars, 800)) : f.kind === "yesNo" ? "yes" : "1"]));
    const errors = selfCheckFields.map((f) => ({ field: f.key, message: "请检查" }));
    const c = periodicFormCard({ form: "selfCheck", title: "罗庄区中小学生欺凌防治落实年行动自查表", unitName: "罗庄区第一小学", periodLabel: "2018年10月", due: "2018-10-25", values, computedKeys: [], errors, submitValue: { ...submitValue, form: "selfCheck" } });
    const r = validateCard(c);
    expect(r).toMatchObject({ ok: true });
  });

  it("receipt card passes validateCard", () => {
    const c = submissionReceiptCard({ formName: "月报表", title: "t", unitName: "u", periodLabel: "2018年10月", version: 2, at: "2018-10-20 10:00", late: true, unchanged: false, lines: [["发生事件数", "3"]], due: "2018-10-25", editable: false, editValue: { ...submitValue, action: "report_open" } });
    expect(validateCard(c)).toMatchObject({ ok: true });
  });
});

describe("roster card size", () => {
  it("four slots × 40 people fit one card; one slot × 250 people fits its own card", async () => {
    const { rosterCard } = await import("../../cards/reports/patrol.js");
    const { patrolAreas } = await import("../../src/domains/reports/schema.js");
    const areas = Object.entries(patrolAreas).map(([value, text]) => ({ value, text }));
    for (const [n, slots] of [[40, ["beforeSchool", "midday", "afterSchool", "evening"]], [250, ["afterSchool"]]] as const) {
      const c = rosterCard({
        campaignId: "luozhuang-2018-implementation-year",
        unitKey: "school-a",
        unitName: "罗庄区第一实验小学",
        slotKeys: slots,
        slots: slots.map((k) => ({ key: k, name: k, start: "07:00", end: "08:00", patrollerOpenId: "c".repeat(25), areas: Object.keys(patrolAreas), weekdays: ["1", "2", "3", "4", "5"] })),
        people: Array.from({ length: n }, (_, i) => ({ value: `cm${"x".repeat(20)}${String(i).padStart(3, "0")}`, text: `教师姓名${i}` })),
        areaOptions: areas,
        truncatedPeople: 5,
      });
      expect(validateCard(c), `${n} people`).toMatchObject({ ok: true });
    }
  });
});
