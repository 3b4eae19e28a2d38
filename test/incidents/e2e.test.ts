/**
 * End to end through the simulator: the real bot (real Lark SDK over the long connection, the
 * outbox worker, the router) runs the demo plan; people type and click in the simulator, which
 * enforces the platform's card rules. One test per disposal flow, plus access and hostile text.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RunningBot } from "../../src/app.js";
import { ManualClock } from "../../src/core/clock.js";
import { type Simulator, type SimMessage } from "../../src/sim/index.js";
import { loadPlanFile } from "../../src/domains/campaigns/load.js";
import { activatePlan } from "../../src/domains/campaigns/activate.js";
import { incidentsModule } from "../../src/domains/incidents/handlers.js";
import { reminderSweepJob } from "../../src/domains/reminders/jobs.js";
import { verifyAudit } from "../../src/core/audit.js";
import { TEST_APP, callbackValues, settleOutbox, startBotOnSim, startTestSim } from "../support/sim-bot.js";

const APP = TEST_APP;

const U = {
  teacherA: "ou_demo_school_a_teacher",
  principalA: "ou_demo_school_a_principal",
  teacherB: "ou_demo_school_b_teacher",
  principalB: "ou_demo_school_b_principal",
  safety: "ou_demo_safety",
  director: "ou_demo_director",
  leader: "ou_demo_leader",
} as const;
const EVERYONE = Object.values(U);

let sim: Simulator;
let bot: RunningBot;
let clock: ManualClock;

beforeEach(async () => {
  clock = new ManualClock("2021-10-12T02:00:00Z"); // Tuesday 10:00 in Shanghai
  sim = await startTestSim(APP);
  for (const [name, openId] of Object.entries(U)) sim.addUser({ openId, name });
  bot = await startBotOnSim(sim, { app: APP, clock, modules: [incidentsModule], jobs: [(d) => reminderSweepJob(d)] });
  const loaded = loadPlanFile("campaigns/demo-sandbox.yaml");
  if (!loaded.ok) throw new Error("demo plan does not load");
  await activatePlan(bot.db, loaded.plan, "campaigns/demo-sandbox.yaml", clock.now());
}, 30_000);

afterEach(async () => {
  await bot?.stop();
  await sim?.stop();
});

// ── helpers ────────────────────────────────────────────────────────────────

const cardOf = (m: SimMessage) => JSON.stringify(m.card ?? {});
const inbox = (openId: string) => sim.state.botMessagesTo(openId);

const settle = () => settleOutbox(bot, 300);

const values = callbackValues;

async function openForm(openId: string): Promise<SimMessage> {
  const before = inbox(openId).length;
  await sim.userSays(openId, "上报");
  return sim.waitFor(() => inbox(openId).length > before && inbox(openId).at(-1)!.card && cardOf(inbox(openId).at(-1)!).includes("incident_submit") && inbox(openId).at(-1)!);
}

function form(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    occurred_at: "2021-10-12 09:30 +0800",
    location: "inSchool",
    place: "教学楼三楼卫生间",
    kinds: ["physical", "verbal"],
    severity: "minor",
    source: "staff",
    victim_count: "1",
    actor_count: "2",
    grades: "三年级",
    summary: "课间两名学生推搡并辱骂一名同学，值班老师及时制止。",
    measures: "已送校医室检查。",
    private_note: "受害学生近期情绪低落。",
    ...over,
  };
}

async function file(openId: string, over: Record<string, unknown> = {}): Promise<{ msg: SimMessage; caseNo: string; caseId: string }> {
  const msg = await openForm(openId);
  const submit = values(msg.card, (v) => v.action === "incident_submit")[0];
  const r = await sim.clickCard(openId, msg.messageId, submit, form(over));
  expect(r.answer.toast?.type).toBe("success");
  const caseNo = /案件编号 (\S+)/.exec(r.answer.toast!.content)![1];
  const row = await bot.db.prisma.incidentCase.findUniqueOrThrow({ where: { caseNo } });
  await settle();
  return { msg, caseNo, caseId: row.id };
}

/** The latest card about this case in someone's chat with the bot. */
function caseCardIn(openId: string, caseNo: string): SimMessage {
  const m = inbox(openId).filter((x) => cardOf(x).includes(caseNo) && !cardOf(x).includes("情况报告：")).at(-1);
  if (!m) throw new Error(`no card for ${caseNo} in ${openId}'s chat`);
  return m;
}

async function tick(openId: string, msg: SimMessage, caseId: string, step: string, op = "done") {
  return (await sim.clickCard(openId, msg.messageId, { action: "incident_step", caseId, step, op })).answer;
}

/** Who got any message from the bot at all (one-to-one chats). */
const reached = () => EVERYONE.filter((u) => inbox(u).length > 0).sort();

// ── the three flows ───────────────────────────────────────────────────────

describe("incident reporting through the simulator", () => {
  it("flow A (in school, general): form errors keep the input; routed to the principal only; steps in order; locked refused; closed; report submitted", async () => {
    // a required field missing: the card comes back with the error and what was typed
    const msg = await openForm(U.teacherA);
    const submit = values(msg.card, (v) => v.action === "incident_submit")[0];
    const bad = await sim.clickCard(U.teacherA, msg.messageId, submit, form({ severity: undefined }));
    expect(bad.answer.toast?.type).toBe("error");
    expect(cardOf(sim.state.messages.get(msg.messageId)!)).toContain("请选择情节");
    expect(cardOf(sim.state.messages.get(msg.messageId)!)).toContain("教学楼三楼卫生间");
    const ok = await sim.clickCard(U.teacherA, msg.messageId, submit, form());
    expect(ok.answer.toast?.content).toBe("已上报，案件编号 school-a-2021-001");
    await settle();
    const c = await bot.db.prisma.incidentCase.findUniqueOrThrow({ where: { caseNo: "school-a-2021-001" } });

    // routed to the school's principal (the demo plan has no governance committee) and nobody else
    expect(reached()).toEqual([U.principalA, U.teacherA].sort());
    expect(inbox(U.teacherA).every((m) => !cardOf(m).includes("推搡") || cardOf(m).includes("incident_submit"))).toBe(true);
    const pmsg = caseCardIn(U.principalA, "school-a-2021-001");
    expect(cardOf(pmsg)).toContain("推搡");

    // locked: talking to the parents waits for the investigation
    expect((await tick(U.principalA, pmsg, c.id, "parents")).toast?.content).toContain("须待");
    for (const s of ["medical", "taskforce", "investigated", "parents", "counseling", "discipline"]) {
      const a = await tick(U.principalA, pmsg, c.id, s);
      expect(a.toast?.type, s).toBe("success");
    }
    // the principal's card shows who ticked and when
    expect(cardOf(sim.state.messages.get(pmsg.messageId)!)).toContain("张校长");
    await settle();
    // the reporter's card (the form message, replaced in place) follows the case
    expect(cardOf(sim.state.messages.get(msg.messageId)!)).toContain("6/6");

    const closeForm = await sim.clickCard(U.principalA, pmsg.messageId, { action: "incident_close_form", caseId: c.id });
    expect(JSON.stringify(closeForm.answer.card)).toContain("事件发生原因剖析");
    const closed = await sim.clickCard(U.principalA, pmsg.messageId, { action: "incident_close", caseId: c.id }, { result: "已批评教育并赔礼道歉", cause: "同学间矛盾", next_steps: "加强课间巡查" });
    expect(closed.answer.toast?.content).toContain("2021-10-17");
    await settle();
    const report = inbox(U.principalA).find((m) => cardOf(m).includes("情况报告：学生欺凌事件 school-a-2021-001"))!;
    expect(cardOf(report)).toContain("同学间矛盾");
    const sub = await sim.clickCard(U.principalA, report.messageId, values(report.card, (v) => v.action === "incident_report_submit")[0]);
    expect(sub.answer.toast?.type).toBe("success");
    await settle();
    expect(inbox(U.safety).some((m) => cardOf(m).includes("情况报告") && cardOf(m).includes("school-a-2021-001"))).toBe(true);
    expect((await bot.db.prisma.incidentCase.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("reported");
    expect((await verifyAudit(bot.db.prisma)).problems).toEqual([]);
  }, 60_000);

  it("flow B (in school, criminal, 持械): urgent to the bureau with the checklist; task-force chat; discipline locked until the police finish; the 5-day report reminder fires and escalates", async () => {
    const { caseNo, caseId } = await file(U.teacherA, { severity: "criminal", major: ["weapon"] });
    expect(reached()).toEqual([U.director, U.leader, U.principalA, U.safety, U.teacherA].sort());
    for (const who of [U.safety, U.director, U.leader]) {
      const m = caseCardIn(who, caseNo);
      expect(m.urgent.flatMap((u) => u.userIds)).toContain(who);
      expect(cardOf(m)).toContain("110");
    }
    // director and leader are told, not shown the details
    for (const who of [U.director, U.leader]) expect(cardOf(caseCardIn(who, caseNo))).not.toContain("推搡");
    expect(cardOf(caseCardIn(U.safety, caseNo))).toContain("推搡");
    expect(caseCardIn(U.principalA, caseNo).urgent).toEqual([]);

    // 一案一专班
    const pmsg = caseCardIn(U.principalA, caseNo);
    const tf = values(pmsg.card, (v) => v.action === "incident_taskforce")[0];
    const made = await sim.clickCard(U.principalA, pmsg.messageId, tf, { members: ["school-a.teacher", "bureau-safety.head"] });
    expect(made.answer.toast?.type).toBe("success");
    const group = await sim.waitFor(() => [...sim.state.chats.values()].find((ch) => ch.type === "group" && ch.name.includes(caseNo)));
    expect(group.name).toBe(`欺凌事件专班 ${caseNo}`);
    expect([...group.members].sort()).toEqual([U.principalA, U.safety, U.teacherA].sort());
    const gmsg = await sim.waitFor(() => sim.state.messagesIn(group.chatId).find((m) => m.sender === "bot" && cardOf(m).includes(caseNo)));
    expect(cardOf(gmsg)).not.toContain("情绪低落"); // the private note never goes to a group
    await settle();

    // a task-force member ticks in the group; discipline is locked until the police have finished
    expect((await tick(U.teacherA, gmsg, caseId, "emergency")).toast?.type).toBe("success");
    expect((await tick(U.principalA, gmsg, caseId, "discipline")).toast?.content).toContain("须待「公安等相关部门处理结束」完成");
    for (const s of ["parentsAll", "police", "investigated", "counseling", "policeDone", "discipline"]) expect((await tick(U.principalA, gmsg, caseId, s)).toast?.type, s).toBe("success");
    await settle();

    clock.set("2021-10-20T02:00:00Z"); // Wednesday
    await sim.clickCard(U.principalA, gmsg.messageId, { action: "incident_close", caseId }, { result: "已配合公安处理", cause: "校外矛盾带入校园", next_steps: "加强门禁" });
    await settle();
    const reportCard = sim.state.messagesIn(group.chatId).find((m) => cardOf(m).includes(`情况报告：学生欺凌事件 ${caseNo}`));
    expect(reportCard).toBeTruthy();
    const due = (await bot.db.prisma.incidentCase.findUniqueOrThrow({ where: { id: caseId } })).reportDueDate;
    expect(due).toBe("2021-10-25");

    // the reminder engine: before the due date the principal is nudged about the 情况报告
    const seen = inbox(U.principalA).length;
    clock.set("2021-10-25T01:30:00Z"); // Monday 09:30, the due day
    await bot.scheduler.tick();
    await settle();
    const text = (m: SimMessage) => (m.card ? cardOf(m) : m.content);
    const nudge = inbox(U.principalA).slice(seen).filter((m) => text(m).includes(caseNo) && text(m).includes("情况报告"));
    expect(nudge.length).toBe(1);
    const reminders = await bot.db.prisma.reminder.findMany({ where: { itemKey: `incident:${caseNo}:report` } });
    expect(reminders.map((r) => r.kind)).toContain("deadline");
    // missed: the plan escalates to the safety office after a day
    const before = inbox(U.safety).length;
    clock.set("2021-10-27T01:30:00Z");
    await bot.scheduler.tick();
    await settle();
    const escal = inbox(U.safety).slice(before).filter((m) => text(m).includes(caseNo));
    expect(escal.length).toBe(1);
    const esc = await bot.db.prisma.reminder.findMany({ where: { itemKey: `incident:${caseNo}:report`, kind: "escalation" } });
    expect(esc.map((r) => r.step)).toEqual(["escalate:safetyOffice"]);
    // once the report is submitted, the clock stops: no more nudges
    const rc = sim.state.messagesIn(group.chatId).find((m) => cardOf(m).includes(`情况报告：学生欺凌事件 ${caseNo}`))!;
    await sim.clickCard(U.principalA, rc.messageId, values(rc.card, (v) => v.action === "incident_report_submit")[0]);
    await settle();
    const countBefore = await bot.db.prisma.reminder.count({ where: { itemKey: `incident:${caseNo}:report` } });
    // (the demo plan's own deadlines keep reminding; only messages about this case count)
    const aboutCase = () => [U.principalA, U.director, U.safety].flatMap((u) => inbox(u)).filter((m) => text(m).includes(caseNo)).length;
    const inboxBefore = aboutCase();
    clock.set("2021-10-28T01:30:00Z");
    await bot.scheduler.tick();
    await settle();
    expect(await bot.db.prisma.reminder.count({ where: { itemKey: `incident:${caseNo}:report` } })).toBe(countBefore);
    expect(aboutCase()).toBe(inboxBefore);
  }, 60_000);

  it("flow C (off campus, video online): routed, the police report waits for the check, discipline waits for the police, closed", async () => {
    const { caseNo, caseId } = await file(U.teacherA, { location: "offCampus", place: "校外公园", source: "onlineVideo", kinds: ["cyber", "physical"], severity: "serious" });
    expect(reached()).toEqual([U.principalA, U.safety, U.teacherA].sort());
    const pmsg = caseCardIn(U.principalA, caseNo);
    expect(cardOf(pmsg)).toContain("校园外欺凌事件处置流程");
    expect((await tick(U.principalA, pmsg, caseId, "police")).toast?.content).toContain("迅速核查");
    for (const s of ["verify", "police", "taskforce", "parents", "investigated", "counseling"]) expect((await tick(U.principalA, pmsg, caseId, s)).toast?.type, s).toBe("success");
    expect((await tick(U.principalA, pmsg, caseId, "discipline", "skip")).toast?.content).toContain("须待");
    expect((await tick(U.principalA, pmsg, caseId, "policeDone")).toast?.type).toBe("success");
    expect((await tick(U.principalA, pmsg, caseId, "discipline", "skip")).toast?.type).toBe("success");
    const r = await sim.clickCard(U.principalA, pmsg.messageId, { action: "incident_close", caseId }, { result: "公安已处理", cause: "网络纠纷", next_steps: "网络素养教育" });
    expect(r.answer.toast?.type).toBe("success");
    expect((await bot.db.prisma.incidentCase.findUniqueOrThrow({ where: { id: caseId } })).status).toBe("closed");
  }, 60_000);

  it("a teacher of school B cannot see or change school A's case; a forged action on someone else's card is refused and audited", async () => {
    const { caseNo, caseId } = await file(U.teacherA);
    const pmsg = caseCardIn(U.principalA, caseNo);
    const forged = await tick(U.teacherB, pmsg, caseId, "medical");
    expect(forged.toast?.type).toBe("error");
    expect(forged.toast?.content).toContain("无权");
    // the card the forger clicked is not replaced
    expect(cardOf(sim.state.messages.get(pmsg.messageId)!)).not.toContain("已记录");
    await sim.userSays(U.teacherB, `案件 ${caseNo}`);
    const reply = await sim.waitFor(() => inbox(U.teacherB).find((m) => (m.text ?? m.content).includes("无权")));
    expect(reply.content).not.toContain("推搡");
    const denied = await bot.db.prisma.auditLog.findMany({ where: { action: "case.denied", actor: U.teacherB } });
    expect(denied.length).toBe(2);
    expect((await bot.db.prisma.caseStep.count({ where: { caseId } }))).toBe(0);
  }, 60_000);

  it("submitting the same form twice creates one case", async () => {
    const msg = await openForm(U.teacherA);
    const submit = values(msg.card, (v) => v.action === "incident_submit")[0];
    const [a, b] = await Promise.all([sim.clickCard(U.teacherA, msg.messageId, submit, form()), sim.clickCard(U.teacherA, msg.messageId, submit, form())]);
    const c = await sim.clickCard(U.teacherA, msg.messageId, submit, form());
    expect(await bot.db.prisma.incidentCase.count()).toBe(1);
    for (const r of [a, b, c]) expect(r.answer.toast?.content).toContain("school-a-2021-001");
    await settle();
    expect(inbox(U.principalA).filter((m) => cardOf(m).includes("school-a-2021-001"))).toHaveLength(1);
  }, 60_000);

  it("user text with <at id=all></at>, markdown links or 30,000 characters is inert, cut to fit and pings nobody", async () => {
    const hostile = "<at id=all></at> 请看 [这里](https://evil.example) <at id=ou_demo_leader></at>";
    // 30,000 characters: refused with the limit named, the form comes back cut to fit (the simulator checks 30 KB)
    const msg = await openForm(U.teacherA);
    const submit = values(msg.card, (v) => v.action === "incident_submit")[0];
    const long = await sim.clickCard(U.teacherA, msg.messageId, submit, form({ summary: hostile + "长".repeat(30_000) }));
    expect(long.answer.toast?.type).toBe("error");
    expect(JSON.stringify(long.answer.card)).toContain("事件概述不能超过 2000 字");
    expect(Buffer.byteLength(JSON.stringify(long.answer.card))).toBeLessThanOrEqual(30 * 1024);
    // accepted hostile text shows as typed, never as markup
    const r = await sim.clickCard(U.teacherA, msg.messageId, submit, form({ summary: hostile, place: hostile, grades: hostile }));
    expect(r.answer.toast?.type).toBe("success");
    await settle();
    const pcard = caseCardIn(U.principalA, "school-a-2021-001").card!;
    const md: string[] = [];
    const walk = (n: unknown) => {
      if (Array.isArray(n)) return n.forEach(walk);
      if (!n || typeof n !== "object") return;
      const o = n as Record<string, unknown>;
      if (o.tag === "markdown") md.push(String(o.content));
      Object.values(o).forEach(walk);
    };
    walk(pcard);
    expect(md.join("\n")).not.toMatch(/<at\b|\]\(https:\/\/evil/);
    expect(JSON.stringify(pcard)).toContain("<at id=all></at> 请看 [这里](https://evil.example)"); // as plain text
    // nobody but the routed people got anything, and no message was buzzed
    expect(reached()).toEqual([U.principalA, U.teacherA].sort());
    expect(sim.botMessages().every((m) => m.urgent.length === 0)).toBe(true);
    expect(sim.botMessages().every((m) => m.msgType !== "text" || !(m.text ?? m.content).includes("<at"))).toBe(true);
  }, 60_000);
});
