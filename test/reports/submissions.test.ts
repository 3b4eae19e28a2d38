/**
 * 月报表 / 自查表 of seed 001: prefilled from the month's cases, corrected and submitted; the
 * school's reminder for the shared deadline completes only when both tables are in; a late one
 * is accepted and flagged; edits after the deadline are refused; double submits change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, dbProviders, type TestDb } from "../support/db.js";
import { ManualClock } from "../../src/core/clock.js";
import { localDateToInstant } from "../../src/core/calendar.js";
import { validateCard } from "../../src/sim/rules/card.js";
import { computePrefill, periodicFormCardFor, submitPeriodic } from "../../src/domains/reports/form-flows.js";
import { loadCampaign } from "../../src/domains/reports/context.js";
import { activateLuozhuang, addCase, depsFor, fieldOf, monthly, selfCheck, CAMPAIGN, PRINCIPAL_A, ADMIN_A, TEACHER_A, PRINCIPAL_B } from "./support.js";

const at = (date: string, time = "10:00") => localDateToInstant(date, time, "Asia/Shanghai");


describe.each(dbProviders())("月报表 and 自查表 (%s)", (provider) => {
  let t: TestDb;
  const clock = new ManualClock(at("2018-10-20"));
  let deps: ReturnType<typeof depsFor>;
  const refA = { action: "report_submit", campaignId: CAMPAIGN, form: "monthlyReport", unitKey: "school-a", period: "2018-10" };

  beforeAll(async () => {
    t = await freshDb(provider);
    deps = depsFor(t.db, clock);
    await activateLuozhuang(t.db, at("2018-09-01"));
    // school-a, October: 3 occurred (2 via 举报, 1 criminal), 2 closed in October (one from September)
    await addCase(t, { unitKey: "school-a", occurred: "2018-10-09", source: "parent", severity: "minor", closed: "2018-10-15" });
    await addCase(t, { unitKey: "school-a", occurred: "2018-10-12", source: "hotline", severity: "serious" });
    await addCase(t, { unitKey: "school-a", occurred: "2018-10-18", source: "staff", severity: "criminal" });
    await addCase(t, { unitKey: "school-a", occurred: "2018-09-20", source: "student", severity: "minor", closed: "2018-10-03" });
    // other school and other month: not counted
    await addCase(t, { unitKey: "school-b", occurred: "2018-10-10", source: "parent", severity: "minor" });
    await addCase(t, { unitKey: "school-a", occurred: "2018-11-01", source: "parent", severity: "minor" });
  }, 60_000);
  afterAll(async () => t?.cleanup());

  it("prefills the four counts from the month's cases", async () => {
    const c = await loadCampaign(t.db.prisma, CAMPAIGN);
    const p = await computePrefill(deps, c, { campaignId: CAMPAIGN, form: "monthlyReport", unitKey: "school-a", period: "2018-10" });
    expect(p.values).toMatchObject({ incidentCount: 3, reportedCount: 2, criminalCount: 1, handledCount: 2 });
    const card = await periodicFormCardFor(deps, { campaignId: CAMPAIGN, form: "monthlyReport", unitKey: "school-a", period: "2018-10" });
    expect(validateCard(card)).toMatchObject({ ok: true });
    const s = JSON.stringify(card);
    expect(s).toContain("罗庄区中小学生欺凌防治落实年行动（10）月报表");
    expect(fieldOf(card, "incidentCount")?.default_value).toBe("3");
    expect(fieldOf(card, "handledCount")?.default_value).toBe("2");
    expect(s).toContain("2018-10-25");
  });

  it("refuses 举报发现数 > 发生数: the form comes back with what was typed, nothing is stored", async () => {
    const r = await submitPeriodic(deps, { openId: ADMIN_A, value: refA, formValue: monthly({ incidentCount: "1", reportedCount: "2", handlingMethods: "我输入的文字" }) });
    expect(r.toast?.type).toBe("error");
    const s = JSON.stringify(r.card);
    expect(s).toContain("不能大于");
    expect(s).toContain("我输入的文字");
    expect(validateCard(r.card)).toMatchObject({ ok: true });
    expect(await t.db.prisma.reportSubmission.count()).toBe(0);
  });

  it("only the school's admins may submit", async () => {
    await expect(submitPeriodic(deps, { openId: TEACHER_A, value: refA, formValue: monthly() })).rejects.toThrow("学校管理员或校长");
    await expect(submitPeriodic(deps, { openId: PRINCIPAL_B, value: refA, formValue: monthly() })).rejects.toThrow("学校管理员或校长");
  });

  it("a corrected 月报表 is stored with the prefill beside it; the reminder waits for the 自查表", async () => {
    // the principal corrects the bot: one of the three was horseplay, not bullying
    const r = await submitPeriodic(deps, { openId: PRINCIPAL_A, value: refA, formValue: monthly() });
    expect(r.toast).toMatchObject({ type: "success", content: "月报表已提交" });
    expect(validateCard(r.card)).toMatchObject({ ok: true });
    const row = await t.db.prisma.reportSubmission.findFirstOrThrow({ where: { form: "monthlyReport", unitKey: "school-a" } });
    expect(row).toMatchObject({ incidentCount: 2, reportedCount: 1, criminalCount: 0, handledCount: 1, late: false, version: 1, dueDate: "2018-10-25" });
    expect(JSON.parse(row.prefillJson!)).toMatchObject({ incidentCount: 3 });
    expect(await t.db.prisma.itemCompletion.count()).toBe(0);

    // double click: same values, nothing changes
    const again = await submitPeriodic(deps, { openId: PRINCIPAL_A, value: refA, formValue: monthly() });
    expect(again.toast?.type).toBe("info");
    expect((await t.db.prisma.reportSubmission.findFirstOrThrow({ where: { id: row.id } })).version).toBe(1);

    const sc = await submitPeriodic(deps, { openId: ADMIN_A, value: { ...refA, form: "selfCheck" }, formValue: selfCheck() });
    expect(sc.toast?.type).toBe("success");
    const done = await t.db.prisma.itemCompletion.findMany();
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ campaignId: CAMPAIGN, itemKey: "monthly-report", periodKey: "2018-10", subject: "unit:school-a", late: false });
  });

  it("edits until the deadline, then locks", async () => {
    clock.set(at("2018-10-25", "23:00"));
    const r = await submitPeriodic(deps, { openId: PRINCIPAL_A, value: refA, formValue: monthly({ handlingMethods: "补充：已约谈家长" }) });
    expect(r.toast?.content).toBe("月报表已更新为第 2 版");
    clock.set(at("2018-10-26", "08:00"));
    const locked = await submitPeriodic(deps, { openId: PRINCIPAL_A, value: refA, formValue: monthly({ handlingMethods: "再改一次" }) });
    expect(locked.toast?.type).toBe("error");
    expect(locked.toast?.content).toContain("锁定");
    const row = await t.db.prisma.reportSubmission.findFirstOrThrow({ where: { form: "monthlyReport", unitKey: "school-a" } });
    expect(JSON.parse(row.valuesJson).handlingMethods).toBe("补充：已约谈家长");
  });

  it("a late submission is accepted and flagged, and completes the reminder as late", async () => {
    clock.set(at("2018-10-27"));
    const refB = { ...refA, unitKey: "school-b" };
    const r = await submitPeriodic(deps, { openId: PRINCIPAL_B, value: refB, formValue: monthly({ incidentCount: "1", reportedCount: "1", handledCount: "0", handledSummary: "" }) });
    expect(r.toast).toMatchObject({ type: "warning" });
    expect(JSON.stringify(r.card)).toContain("逾期提交");
    await submitPeriodic(deps, { openId: PRINCIPAL_B, value: { ...refB, form: "selfCheck" }, formValue: selfCheck() });
    const row = await t.db.prisma.reportSubmission.findFirstOrThrow({ where: { form: "monthlyReport", unitKey: "school-b" } });
    expect(row.late).toBe(true);
    const c = await t.db.prisma.itemCompletion.findFirstOrThrow({ where: { subject: "unit:school-b" } });
    expect(c.late).toBe(true);
  });

  it("next month carries the school's facts over and counts afresh", async () => {
    const c = await loadCampaign(t.db.prisma, CAMPAIGN);
    const p = await computePrefill(deps, c, { campaignId: CAMPAIGN, form: "monthlyReport", unitKey: "school-a", period: "2018-11" });
    expect(p.values).toMatchObject({ docNumber: "罗实小〔2018〕5号", reportHotline: "0539-8200002", incidentCount: 1, reportedCount: 1, handledCount: 0 });
    expect(p.values.handlingMethods).toBeUndefined();
    const s = await computePrefill(deps, c, { campaignId: CAMPAIGN, form: "selfCheck", unitKey: "school-a", period: "2018-11" });
    expect(s.values).toMatchObject({ studentCount: 860, leadingGroup: true });
  });
});
