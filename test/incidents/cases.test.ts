/**
 * The incidents domain against a real database (SQLite, and PostgreSQL when TEST_DATABASE_URL
 * is set): filing, numbering, routing, access, the three flows, the task force, the clocks,
 * the audit trail and the 回头看清单 export. Messages are checked in the outbox.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { dbProviders, freshDb, type TestDb } from "../support/db.js";
import { verifyAudit } from "../../src/core/audit.js";
import { countCasesForMonth } from "../../src/domains/incidents/api.js";
import { exportCases, toCsv, toXlsx, EXPORT_COLUMNS } from "../../src/domains/incidents/export.js";
import { CAMPAIGN, goodForm, harness, markAllSent, P, seedCampaign, sent, type Harness } from "./support.js";

type Res = Awaited<ReturnType<Harness["click"]>>;
const cardJson = (r: Res) => JSON.stringify(r.card ?? {});

describe.each(dbProviders())("incident cases (%s)", (provider) => {
  let t: TestDb;
  let h: Harness;
  beforeEach(async () => {
    t = await freshDb(provider);
    await seedCampaign(t.db);
    h = harness(t.db);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const file = (openId: string, formId: string, over: Record<string, unknown> = {}, messageId = `om_form_${formId}`) =>
    h.click(openId, { action: "incident_submit", formId, campaignId: CAMPAIGN }, goodForm(over), messageId);

  async function caseOf(caseNo: string) {
    return (await t.db.prisma.incidentCase.findUnique({ where: { caseNo }, include: { steps: true, members: true } }))!;
  }

  /** The message id of the card sent to this recipient (after markAllSent). */
  async function cardMessage(receiveId: string): Promise<string> {
    await markAllSent(t.db);
    const rows = await t.db.prisma.outboxMessage.findMany({ where: { op: "send", receiveId }, orderBy: { createdAt: "desc" } });
    return rows[0].resultId!;
  }

  it("files a minor case: number, reporter card, principal and committee only, 10-day clock, audit", async () => {
    const r = await file(P.teacherA, "form-1");
    expect(r.toast).toEqual({ type: "success", content: "已上报，案件编号 school-a-2021-001" });
    expect(cardJson(r)).toContain("school-a-2021-001");
    // the reporter's view carries no details
    expect(cardJson(r)).not.toContain("推搡");
    const c = await caseOf("school-a-2021-001");
    expect(c).toMatchObject({ flow: "inSchool", severity: "minor", kindPhysical: true, kindVerbal: true, kindCyber: false, victimCount: 1, actorCount: 2, reporterMessageId: "om_form_form-1" });
    const out = await sent(t.db);
    const to = out.filter((o) => o.op.op === "send").map((o) => o.op.receiveId).sort();
    expect(to).toEqual([P.committeeA, P.principalA].sort());
    expect(out.some((o) => o.op.op === "urgent")).toBe(false);
    // the principal's card has the details and the step buttons
    const principalCard = out.find((o) => o.op.receiveId === P.principalA)!.op.content as string;
    expect(principalCard).toContain("推搡");
    expect(principalCard).toContain("incident_step");
    const clock = await t.db.prisma.trackedItem.findUnique({ where: { key: "incident:school-a-2021-001:investigation" } });
    expect(clock).toMatchObject({ dueDate: "2021-10-22", closedAt: null, sourceType: "incident" });
    expect(JSON.parse(clock!.assignees).memberKeys).toEqual(["school-a.principal"]);
    const audit = await t.db.prisma.auditLog.findMany({ where: { entityId: c.id }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["case.create", "case.notify", "case.notify"]);
    // the story itself is not copied into the audit log
    expect(audit[0].after).not.toContain("推搡");
    expect((await verifyAudit(t.db.prisma)).problems).toEqual([]);
  });

  it("submitting the same form twice (also at the same moment) creates one case", async () => {
    const [a, b] = await Promise.all([file(P.teacherA, "form-dup"), file(P.teacherA, "form-dup")]);
    const c = await file(P.teacherA, "form-dup");
    expect(await t.db.prisma.incidentCase.count()).toBe(1);
    for (const r of [a, b, c]) expect(r.toast?.content).toContain("school-a-2021-001");
    expect(c.toast?.type).toBe("info");
    const sends = (await sent(t.db)).filter((o) => o.op.op === "send");
    expect(sends).toHaveLength(2);
  });

  it("numbers cases per school and per year", async () => {
    await file(P.teacherA, "f1");
    await file(P.teacherA, "f2");
    await file(P.principalB, "f3");
    h.clock.set("2022-01-05T02:00:00Z");
    await file(P.teacherA, "f4", { occurred_at: "2022-01-04 10:00 +0800" });
    const nos = (await t.db.prisma.incidentCase.findMany({ orderBy: { createdAt: "asc" }, select: { caseNo: true } })).map((c) => c.caseNo);
    expect(nos).toEqual(["school-a-2021-001", "school-a-2021-002", "school-b-2021-001", "school-a-2022-001"]);
  });

  it("a form with errors comes back with what was typed and the errors by their fields; nothing is stored or sent", async () => {
    const r = await file(P.teacherA, "bad", { severity: undefined, summary: "", victim_count: "abc" });
    expect(r.toast?.type).toBe("error");
    const json = cardJson(r);
    expect(json).toContain("请选择情节");
    expect(json).toContain("请填写事件概述");
    expect(json).toContain("受欺凌学生人数应为");
    expect(json).toContain("教学楼三楼卫生间"); // what was typed
    expect(json).toContain('"default_value":"abc"');
    expect(await t.db.prisma.incidentCase.count()).toBe(0);
    expect(await t.db.prisma.outboxMessage.count()).toBe(0);
  });

  it("someone outside every campaign cannot report", async () => {
    const r = await file(P.outsider, "x");
    expect(r.toast?.type).toBe("error");
    expect(await t.db.prisma.incidentCase.count()).toBe(0);
  });

  it("criminal / 重特大: safety office, director and leader at once, urgent, with the checklist; director and leader get no details", async () => {
    const r = await file(P.teacherA, "crim", { severity: "criminal", major: ["weapon"], public_attention: true });
    expect(r.toast?.type).toBe("success");
    const out = await sent(t.db);
    const sends = out.filter((o) => o.op.op === "send");
    expect(sends.map((o) => o.op.receiveId).sort()).toEqual([P.committeeA, P.director, P.leader, P.principalA, P.safety].sort());
    const urgent = out.filter((o) => o.op.op === "urgent").flatMap((o) => o.op.openIds as string[]).sort();
    expect(urgent).toEqual([P.director, P.leader, P.safety].sort());
    for (const who of [P.director, P.leader]) {
      const content = sends.find((o) => o.op.receiveId === who)!.op.content as string;
      expect(content).toContain("加急");
      expect(content).toContain("110");
      expect(content).not.toContain("推搡");
      expect(content).not.toContain("教学楼三楼卫生间");
    }
    const safety = sends.find((o) => o.op.receiveId === P.safety)!.op.content as string;
    expect(safety).toContain("推搡");
    expect(safety).toContain("舆论高度关注");
    // the private note is for the task force (and the school's lead), not the bureau
    expect(safety).not.toContain("情绪低落");
    expect(sends.find((o) => o.op.receiveId === P.principalA)!.op.content).toContain("情绪低落");
    const row = await caseOf("school-a-2021-001");
    expect(row.flow).toBe("inSchoolCriminal");
  });

  it("a serious case also goes to the safety office, not urgent", async () => {
    await file(P.teacherA, "ser", { severity: "serious" });
    const out = await sent(t.db);
    expect(out.filter((o) => o.op.op === "send").map((o) => o.op.receiveId).sort()).toEqual([P.committeeA, P.principalA, P.safety].sort());
    expect(out.some((o) => o.op.op === "urgent")).toBe(false);
  });

  it("a teacher of school B cannot see or change a case of school A; forged actions are refused and audited", async () => {
    await file(P.teacherA, "acc");
    const c = await caseOf("school-a-2021-001");
    const before = await t.db.prisma.outboxMessage.count();
    for (const who of [P.teacherB, P.principalB, P.director, P.outsider, P.teacherA]) {
      const r = await h.click(who, { action: "incident_step", caseId: c.id, step: "medical", op: "done" });
      expect(r.toast?.type).toBe("error");
      expect(r.card).toBeUndefined();
    }
    for (const who of [P.teacherB, P.principalB]) {
      const v = await h.click(who, { action: "incident_view", caseId: c.id });
      expect(v.toast?.content).toContain("无权");
      const tf = await h.click(who, { action: "incident_taskforce", caseId: c.id }, { members: ["school-b.teacher"] });
      expect(tf.toast?.content).toContain("无权");
      const cl = await h.click(who, { action: "incident_close", caseId: c.id }, { result: "x", cause: "y", next_steps: "z" });
      expect(cl.toast?.content).toContain("无权");
    }
    // a forged id that does not exist gets the same refusal (ids cannot be probed)
    const ghost = await h.click(P.teacherB, { action: "incident_step", caseId: "ckdoesnotexist", step: "medical" });
    expect(ghost.toast?.content).toContain("无权");
    // malformed values are refused before any read
    expect((await h.click(P.principalA, { action: "incident_step", caseId: c.id })).toast?.type).toBe("error");
    const after = await caseOf("school-a-2021-001");
    expect(after.steps).toHaveLength(0);
    expect(after.version).toBe(c.version);
    expect(await t.db.prisma.outboxMessage.count()).toBe(before);
    const denied = await t.db.prisma.auditLog.findMany({ where: { action: "case.denied" } });
    expect(denied.map((d) => d.actor)).toEqual(expect.arrayContaining([P.teacherB, P.principalB, P.director, P.outsider, P.teacherA]));
    expect(denied.length).toBe(5 + 6 + 1);
    // the reporter may see the status of their own case, not its details
    const own = await h.click(P.teacherA, { action: "incident_view", caseId: c.id });
    expect(own.toast?.type).toBe("info");
    const dm = (await sent(t.db)).filter((o) => o.op.receiveId === P.teacherA).pop()!;
    expect(dm.op.content).not.toContain("推搡");
    expect((await verifyAudit(t.db.prisma)).problems).toEqual([]);
  });

  it("school-A admin and the bureau safety office see details; every view is audited", async () => {
    await file(P.teacherA, "v");
    const c = await caseOf("school-a-2021-001");
    for (const who of [P.adminA, P.safety]) {
      const r = await h.click(who, { action: "incident_view", caseId: c.id });
      expect(r.toast?.type).toBe("info");
      const dm = (await sent(t.db)).filter((o) => o.op.receiveId === who).pop()!;
      expect(dm.op.content).toContain("推搡");
    }
    const views = await t.db.prisma.auditLog.findMany({ where: { action: "case.view", entityId: c.id } });
    expect(views.map((v) => v.actor).sort()).toEqual([P.adminA, P.safety].sort());
  });

  it("flow B (in school, criminal): steps in order, discipline locked until the police finish, task force chat, close, 5-day report", async () => {
    await file(P.teacherA, "b", { severity: "criminal" });
    const c = await caseOf("school-a-2021-001");
    const msg = await cardMessage(P.principalA);
    const tick = (step: string, who: string = P.principalA, op = "done") => h.click(who, { action: "incident_step", caseId: c.id, step, op }, undefined, msg);

    let r = await tick("emergency");
    expect(r.toast?.type).toBe("success");
    expect(cardJson(r)).toContain("李校长"); // who ticked it
    r = await tick("discipline");
    expect(r.toast?.type).toBe("error");
    expect(r.toast?.content).toContain("须待「公安等相关部门处理结束」完成");
    r = await tick("discipline", P.principalA, "skip");
    expect(r.toast?.content).toContain("须待");

    // 一案一专班 from the case card: the group chat is created after the answer (defer)
    r = await h.click(P.principalA, { action: "incident_taskforce", caseId: c.id }, { members: ["school-a.teacher", "bureau.safety"] }, msg);
    expect(r.toast?.type).toBe("success");
    expect(h.chat.chats).toHaveLength(0);
    await h.runDeferred();
    expect(h.chat.chats).toHaveLength(1);
    expect(h.chat.chats[0].name).toBe("欺凌事件专班 school-a-2021-001");
    expect(h.chat.chats[0].memberOpenIds.sort()).toEqual([P.principalA, P.teacherA, P.safety].sort());
    const withChat = await caseOf("school-a-2021-001");
    expect(withChat.taskForceChatId).toBeTruthy();
    expect(withChat.steps.find((s) => s.key === "taskforce")?.state).toBe("done");
    const groupCard = (await sent(t.db)).find((o) => o.op.receiveId === withChat.taskForceChatId)!;
    expect(groupCard.op.content).toContain("推搡");
    expect(groupCard.op.content).not.toContain("情绪低落"); // never the private note in a group
    // a task-force member (teacher) may now tick steps
    expect((await tick("parentsAll", P.teacherA)).toast?.type).toBe("success");
    for (const s of ["police", "investigated", "counseling", "policeDone", "discipline"]) expect((await tick(s)).toast?.type).toBe("success");
    const inv = await t.db.prisma.trackedItem.findUnique({ where: { key: "incident:school-a-2021-001:investigation" } });
    expect(inv?.closedAt).not.toBeNull();

    // the teacher (task force, not lead) cannot close; the principal can
    expect((await h.click(P.teacherA, { action: "incident_close_form", caseId: c.id })).toast?.content).toContain("无权");
    const form = await h.click(P.principalA, { action: "incident_close_form", caseId: c.id }, undefined, msg);
    expect(cardJson(form)).toContain("事件发生原因剖析");
    const bad = await h.click(P.principalA, { action: "incident_close", caseId: c.id }, { result: "已处置完毕" }, msg);
    expect(cardJson(bad)).toContain("已处置完毕");
    expect(cardJson(bad)).toContain("请填写事件发生原因剖析");
    h.clock.set("2021-10-20T02:00:00Z");
    const closed = await h.click(P.principalA, { action: "incident_close", caseId: c.id }, { result: "已处置完毕", cause: "同学矛盾长期积累", next_steps: "加强法治教育" }, msg);
    expect(closed.toast?.content).toContain("2021-10-25");
    const row = await caseOf("school-a-2021-001");
    expect(row).toMatchObject({ status: "closed", reportDueDate: "2021-10-25" });
    const reportClock = await t.db.prisma.trackedItem.findUnique({ where: { key: "incident:school-a-2021-001:report" } });
    expect(reportClock).toMatchObject({ dueDate: "2021-10-25", closedAt: null });
    // the assembled 情况报告 is posted in the case chat for the principal
    const reportCard = (await sent(t.db)).find((o) => o.key.startsWith(`incident:${c.id}:report-card:`))!;
    expect(reportCard.op.receiveId).toBe(row.taskForceChatId);
    expect(reportCard.op.content).toContain("同学矛盾长期积累");
    expect(reportCard.op.content).toContain("incident_report_submit");
    // no more ticking after closing
    expect((await tick("medical")).toast?.type).toBe("error");

    const sub = await h.click(P.principalA, { action: "incident_report_submit", caseId: c.id }, undefined, msg);
    expect(sub.toast?.type).toBe("success");
    expect((await caseOf("school-a-2021-001")).status).toBe("reported");
    expect((await t.db.prisma.trackedItem.findUnique({ where: { key: "incident:school-a-2021-001:report" } }))?.closedAt).not.toBeNull();
    const toBureau = (await sent(t.db)).filter((o) => o.key === `incident:${c.id}:report-to:${P.safety}`);
    expect(toBureau).toHaveLength(1);
    expect((await h.click(P.principalA, { action: "incident_report_submit", caseId: c.id })).toast?.type).toBe("error");

    // every copy of the card was updated in place (patches to the reporter's form message among them)
    const patches = (await sent(t.db)).filter((o) => o.op.op === "patch");
    expect(patches.some((p) => (p.op.ref as { messageId?: string }).messageId === "om_form_b")).toBe(true);
    expect((await verifyAudit(t.db.prisma)).problems).toEqual([]);
  });

  it("when Lark refuses to create the task-force chat, the card offers a retry that creates it once", async () => {
    await file(P.teacherA, "tf");
    const c = await caseOf("school-a-2021-001");
    h.chat.failChats = true;
    const r = await h.click(P.principalA, { action: "incident_taskforce", caseId: c.id }, { members: ["school-a.teacher"] });
    expect(r.toast?.type).toBe("success");
    await expect(h.runDeferred()).rejects.toThrow("lark refused");
    const pending = await caseOf("school-a-2021-001");
    expect(pending.taskForceChatId).toBeNull();
    expect(pending.members.map((m) => m.openId).sort()).toEqual([P.principalA, P.teacherA].sort());
    const view = await h.click(P.principalA, { action: "incident_step", caseId: c.id, step: "medical", op: "skip" }, undefined, await cardMessage(P.principalA));
    expect(cardJson(view)).toContain("重试建群");
    // forged members are refused; an outsider cannot retry
    expect((await h.click(P.teacherB, { action: "incident_taskforce", caseId: c.id })).toast?.content).toContain("无权");
    h.chat.failChats = false;
    const retry = await h.click(P.principalA, { action: "incident_taskforce", caseId: c.id });
    expect(retry.toast?.content).toContain("重新建立");
    await h.runDeferred();
    await h.click(P.principalA, { action: "incident_taskforce", caseId: c.id });
    await h.runDeferred();
    expect(h.chat.chats).toHaveLength(1);
    expect((await caseOf("school-a-2021-001")).taskForceChatId).toBeTruthy();
  });

  it("task-force members must be picked from the school's staff and the bureau", async () => {
    await file(P.teacherA, "tf2");
    const c = await caseOf("school-a-2021-001");
    expect((await h.click(P.principalA, { action: "incident_taskforce", caseId: c.id }, { members: ["school-b.teacher"] })).toast?.content).toContain("选项无效");
    expect((await h.click(P.principalA, { action: "incident_taskforce", caseId: c.id }, { members: [] })).toast?.content).toContain("请选择");
    expect(await t.db.prisma.caseMember.count()).toBe(0);
  });

  it("copies older than Lark's 14-day patch window are left alone; 案件 / 查看 sends a fresh copy that is kept up to date", async () => {
    await file(P.teacherA, "old");
    const c = await caseOf("school-a-2021-001");
    h.clock.set("2021-10-27T02:00:00Z"); // 15 days later
    const before = (await sent(t.db)).length;
    await h.click(P.principalA, { action: "incident_step", caseId: c.id, step: "medical", op: "skip" });
    expect((await sent(t.db)).slice(before).filter((o) => o.op.op === "patch")).toHaveLength(0);
    await h.click(P.principalA, { action: "incident_view", caseId: c.id });
    const fresh = (await sent(t.db)).filter((o) => o.key.startsWith(`incident:${c.id}:view:`));
    expect(fresh).toHaveLength(1);
    const mark = (await sent(t.db)).length;
    await h.click(P.principalA, { action: "incident_step", caseId: c.id, step: "investigated" });
    const patches = (await sent(t.db)).slice(mark).filter((o) => o.op.op === "patch");
    expect(patches.map((p) => (p.op.ref as { outboxId?: string }).outboxId)).toEqual([fresh[0].id]);
  });

  it("flow A (in school, general): parents and discipline wait for the investigation; 不适用 where allowed", async () => {
    await file(P.teacherA, "a");
    const c = await caseOf("school-a-2021-001");
    const tick = (step: string, op = "done") => h.click(P.principalA, { action: "incident_step", caseId: c.id, step, op });
    expect((await tick("parents")).toast?.content).toContain("须待");
    expect((await tick("counseling", "skip")).toast?.content).toContain("必经步骤");
    expect((await tick("medical", "skip")).toast?.type).toBe("success");
    expect((await tick("investigated")).toast?.type).toBe("success");
    expect((await tick("parents")).toast?.type).toBe("success");
    expect((await tick("parents")).toast?.type).toBe("error"); // twice
    const early = await h.click(P.principalA, { action: "incident_close_form", caseId: c.id });
    expect(early.toast?.content).toContain("未完成");
  });

  it("flow C (off campus): the police report waits for the check; discipline for the police", async () => {
    await file(P.teacherA, "c", { location: "offCampus", place: "校外网吧", source: "onlineVideo", kinds: ["cyber"] });
    const c = await caseOf("school-a-2021-001");
    expect(c.flow).toBe("offCampus");
    const tick = (step: string) => h.click(P.principalA, { action: "incident_step", caseId: c.id, step, op: "done" });
    expect((await tick("police")).toast?.content).toContain("迅速核查");
    expect((await tick("verify")).toast?.type).toBe("success");
    expect((await tick("police")).toast?.type).toBe("success");
    expect((await tick("discipline")).toast?.content).toContain("公安等相关部门处理结束");
  });

  it("the report clock counts working days when the plan says so (National Day 2021 and its make-up Saturday)", async () => {
    await t.cleanup();
    t = await freshDb(provider);
    await seedCampaign(t.db, { reportDayType: "working" });
    h = harness(t.db, "2021-09-29T02:00:00Z");
    await file(P.teacherA, "w", { occurred_at: "2021-09-29 08:00 +0800" });
    const c = await caseOf("school-a-2021-001");
    for (const s of ["medical", "taskforce", "investigated", "parents", "counseling", "discipline"]) await h.click(P.principalA, { action: "incident_step", caseId: c.id, step: s, op: "done" });
    h.clock.set("2021-09-30T02:00:00Z");
    await h.click(P.principalA, { action: "incident_close", caseId: c.id }, { result: "r", cause: "c", next_steps: "n" });
    // 10-08 (Fri), 10-09 (Sat, make-up workday), 10-11, 10-12, 10-13
    expect((await caseOf("school-a-2021-001")).reportDueDate).toBe("2021-10-13");
  });

  it("a report opened from a patrol's 苗头 finding links the case to it (same school only)", async () => {
    const mk = (unitKey: string) =>
      t.db.prisma.finding.create({ data: { campaignId: CAMPAIGN, unitKey, kind: "earlySign", period: "2021-10", description: "操场角落有学生被围堵", ownerOpenId: P.teacherA, dueDate: "2021-10-15" } });
    const own = await mk("school-a");
    const other = await mk("school-b");
    await h.click(P.teacherA, { action: "incident_submit", formId: "fa", campaignId: CAMPAIGN, findingId: own.id }, goodForm());
    await h.click(P.teacherA, { action: "incident_submit", formId: "fb", campaignId: CAMPAIGN, findingId: other.id }, goodForm());
    const c1 = await caseOf("school-a-2021-001");
    expect((await t.db.prisma.finding.findUnique({ where: { id: own.id } }))?.incidentCaseId).toBe(c1.id);
    expect((await t.db.prisma.finding.findUnique({ where: { id: other.id } }))?.incidentCaseId).toBeNull();
  });

  it("counts for the 月报表 and the 回头看清单 export (CSV and XLSX, 附件3 columns)", async () => {
    await file(P.teacherA, "m1", { source: "parent" });
    await file(P.teacherA, "m2", { severity: "criminal", summary: "=HYPERLINK(\"http://x\") 推搡" });
    await file(P.principalB, "m3");
    expect(await countCasesForMonth(t.db.prisma, CAMPAIGN, "school-a", "2021-10")).toEqual({ occurred: 2, reported: 1, criminal: 1, handled: 0 });
    expect(await countCasesForMonth(t.db.prisma, CAMPAIGN, "school-a", "2021-09")).toEqual({ occurred: 0, reported: 0, criminal: 0, handled: 0 });
    const data = await exportCases(t.db, { campaignId: CAMPAIGN, unitKey: "school-a", from: "2021-10-01", to: "2021-10-31", actor: "cli:test", now: h.clock.now() });
    expect(data.rows).toHaveLength(2);
    expect(data.rows[0]).toMatchObject({ 序号: 1, 发生时间: "2021-10-12 09:30", 事件发生原因分析: "（调查处置中）" });
    expect(data.rows[0].学生欺凌事件概述).toContain("教学楼三楼卫生间");
    expect(data.rows[0].备注).toContain("school-a-2021-001");
    const csv = toCsv(data);
    expect(csv.split("\r\n")[0]).toBe("\uFEFF" + EXPORT_COLUMNS.join(","));
    expect(csv).not.toMatch(/,=HYPERLINK/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(data)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("回头看清单")!;
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([...EXPORT_COLUMNS]);
    expect(ws.getRow(4).getCell(1).value).toBe(1);
    expect(String(ws.getRow(2).getCell(1).value)).toContain("第一中学");
    const audit = await t.db.prisma.auditLog.findFirst({ where: { action: "case.export" } });
    expect(audit?.after).toContain("school-a-2021-001");
  });
});
