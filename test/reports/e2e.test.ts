/**
 * End to end through the simulator: the real bot (Lark SDK over the long connection, outbox
 * worker, router, scheduler jobs) runs seed 001's campaign for October 2018. A school admin sets
 * the roster in chat; a month of patrols with misses and escalations; the 月报表 prefilled from the
 * month's cases is corrected and submitted with the 自查表, and that school's reminders stop; the
 * other school submits late and is flagged.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningBot } from "../../src/app.js";
import { ManualClock } from "../../src/core/clock.js";
import { addDays, localDateToInstant } from "../../src/core/calendar.js";
import { type Simulator, type SimMessage } from "../../src/sim/index.js";
import { validateCard } from "../../src/sim/rules/index.js";
import { reportsModule } from "../../src/domains/reports/handlers.js";
import { incidentsModule } from "../../src/domains/incidents/handlers.js";
import { patrolJob } from "../../src/domains/reports/jobs.js";
import { reminderSweepJob } from "../../src/domains/reminders/jobs.js";
import { selfCheckItems } from "../../src/domains/reports/forms/self-check.js";
import { activateLuozhuang, addCase, fieldOf, monthly, ADMIN_A, PRINCIPAL_A, PRINCIPAL_B, SAFETY, TEACHER_A, CAMPAIGN } from "./support.js";
import { callbackValues, settleOutbox, startBotOnSim, startTestSim } from "../support/sim-bot.js";

const at = (date: string, time: string) => localDateToInstant(date, time, "Asia/Shanghai");

let sim: Simulator;
let bot: RunningBot;
const clock = new ManualClock(at("2018-09-28", "09:00"));

beforeAll(async () => {
  sim = await startTestSim();
  for (const [name, openId] of Object.entries({ PRINCIPAL_A, ADMIN_A, TEACHER_A, PRINCIPAL_B, SAFETY })) sim.addUser({ openId, name });
  bot = await startBotOnSim(sim, { clock, modules: [reportsModule, incidentsModule], jobs: [(d) => reminderSweepJob(d), (d) => patrolJob(d)] });
  await activateLuozhuang(bot.db, clock.now());
}, 30_000);

afterAll(async () => {
  await bot?.stop();
  await sim?.stop();
});

const cardOf = (m: SimMessage | undefined) => JSON.stringify(m?.card ?? {});
const inbox = (openId: string) => sim.state.botMessagesTo(openId);

const settle = () => settleOutbox(bot);

async function tickAt(date: string, time: string): Promise<void> {
  clock.set(at(date, time));
  const r = await bot.scheduler.tick();
  expect(r.failed).toEqual([]);
  await settle();
}

const values = callbackValues;

async function command(openId: string, text: string, expectAction: string): Promise<SimMessage> {
  const before = inbox(openId).length;
  await sim.userSays(openId, text);
  return sim.waitFor(() => {
    const m = inbox(openId).slice(before).find((x) => cardOf(x).includes(expectAction));
    return m ?? false;
  });
}

describe("patrols and reports through the simulator", () => {
  it("the school admin sets the patrol roster in chat", async () => {
    const msg = await command(ADMIN_A, "巡查排班", "roster_save");
    const save = values(msg.card, (v) => v.action === "roster_save")[0];
    expect(save.slots).toEqual(["beforeSchool", "midday", "afterSchool", "evening"]);
    const options = fieldOf(msg.card, "afterSchool_who")?.options as { text: { content: string }; value: string }[];
    const liu = options.find((o) => o.text.content === "刘老师")!.value;
    const r = await sim.clickCard(ADMIN_A, msg.messageId, save, { afterSchool_who: liu, afterSchool_areas: ["gate", "routes", "toilets"], afterSchool_days: ["1", "2", "3", "4", "5"], afterSchool_start: "16:30", afterSchool_end: "17:30" });
    expect(r.answer.toast?.content).toBe("排班已保存（1 个时段）");
    expect(cardOf(sim.state.messages.get(msg.messageId))).toContain("排班已保存");
    // a teacher may not change it
    await sim.userSays(TEACHER_A, "巡查排班");
    await sim.waitFor(() => inbox(TEACHER_A).some((m) => (m.text ?? "").includes("只有学校管理员或校长")));
  }, 30_000);

  it("a month of patrols: prompts on school days, filed through the card, misses nudged then escalated", async () => {
    const never = new Set(["2018-10-16", "2018-10-24"]);
    const late = new Set(["2018-10-10", "2018-10-30"]);
    for (let d = "2018-10-01"; d <= "2018-10-31"; d = addDays(d, 1)) {
      const before = inbox(TEACHER_A).length;
      await tickAt(d, "16:20");
      const prompt = inbox(TEACHER_A).slice(before).find((m) => cardOf(m).includes("patrol_submit"));
      const patrol = await bot.db.prisma.patrol.findFirst({ where: { date: d } });
      expect(!!prompt, d).toBe(!!patrol);
      if (!prompt || !patrol) continue;
      const submit = values(prompt.card, (v) => v.action === "patrol_submit")[0];
      const fileIt = async (time: string) => {
        const r = await sim.clickCard(TEACHER_A, prompt.messageId, submit, { areas: ["gate", "toilets"], start: `${d} 16:32 +0800`, end: `${d} ${time} +0800`, result: "none", seen: "", actionTaken: "" });
        return r.answer.toast;
      };
      if (!never.has(d) && !late.has(d)) {
        clock.set(at(d, "17:20"));
        expect((await fileIt("17:10"))?.type, d).toBe("success");
      }
      await tickAt(d, "18:05");
      if (late.has(d)) {
        clock.set(at(d, "19:10"));
        expect((await fileIt("17:15"))?.content).toContain("补报");
      }
      await tickAt(d, "20:10");
    }
    const stats = await bot.db.prisma.patrol.groupBy({ by: ["status"], where: { campaignId: CAMPAIGN, period: "2018-10" }, _count: true });
    expect(Object.fromEntries(stats.map((s) => [s.status, s._count]))).toEqual({ done: 16, missed: 2 });
    const nudges = inbox(TEACHER_A).filter((m) => cardOf(m).includes("巡查记录未填报"));
    expect(nudges).toHaveLength(4);
    for (const who of [ADMIN_A, PRINCIPAL_A]) {
      const esc = inbox(who).filter((m) => cardOf(m).includes("巡查未完成"));
      expect(esc, who).toHaveLength(2);
      expect(cardOf(esc[1])).toContain("本月该校已有 2 次巡查未完成");
    }
    // “巡查” brings back what is still owed: the two missed patrols
    const n = inbox(TEACHER_A).length;
    await sim.userSays(TEACHER_A, "巡查");
    await sim.waitFor(() => inbox(TEACHER_A).slice(n).filter((m) => cardOf(m).includes("patrol_submit")).length === 2);
    // the other school has no roster: no patrol cards
    expect(inbox(PRINCIPAL_B).filter((m) => cardOf(m).includes("patrol_"))).toHaveLength(0);
  }, 180_000);

  it("a 苗头 found on patrol opens the incident report prefilled; the filed case links back to the finding", async () => {
    const d = "2018-11-01";
    const before = inbox(TEACHER_A).length;
    await tickAt(d, "16:20");
    const prompt = inbox(TEACHER_A).slice(before).find((m) => cardOf(m).includes("patrol_submit"))!;
    clock.set(at(d, "17:20"));
    const r = await sim.clickCard(TEACHER_A, prompt.messageId, values(prompt.card, (v) => v.action === "patrol_submit")[0], {
      areas: ["toilets"],
      start: `${d} 16:31 +0800`,
      end: `${d} 17:00 +0800`,
      result: "earlySign",
      seen: "厕所附近几名高年级学生围住一名低年级学生索要零花钱",
      actionTaken: "当场制止，带至德育处",
    });
    expect(r.answer.toast?.type).toBe("success");
    await settle();
    const finding = await bot.db.prisma.finding.findFirstOrThrow({ where: { kind: "earlySign" } });
    // the owner (the school admin) got the follow-up card; the receipt offers the incident report
    expect(inbox(ADMIN_A).some((m) => cardOf(m).includes("finding_close") && cardOf(m).includes(finding.id))).toBe(true);
    const receipt = sim.state.messages.get(prompt.messageId)!;
    const offer = values(receipt.card, (v) => v.action === "finding_to_incident")[0];
    expect(offer).toMatchObject({ findingId: finding.id });
    const n = inbox(TEACHER_A).length;
    expect((await sim.clickCard(TEACHER_A, prompt.messageId, offer)).answer.toast?.type).toBe("success");
    await settle();
    const form = inbox(TEACHER_A).slice(n).find((m) => cardOf(m).includes("incident_submit"))!;
    expect(fieldOf(form.card, "summary")?.default_value).toBe("厕所附近几名高年级学生围住一名低年级学生索要零花钱");
    expect(fieldOf(form.card, "occurred_at")?.initial_datetime).toBe("2018-11-01 16:31");
    const submit = values(form.card, (v) => v.action === "incident_submit")[0];
    const filed = await sim.clickCard(TEACHER_A, form.messageId, submit, {
      unit: "school-a",
      occurred_at: "2018-11-01 16:31 +0800",
      location: "inSchool",
      place: "厕所",
      kinds: ["property"],
      severity: "minor",
      source: "staff",
      victim_count: "1",
      actor_count: "3",
      grades: "五年级、二年级",
      summary: "厕所附近几名高年级学生围住一名低年级学生索要零花钱",
      measures: "当场制止，带至德育处",
    });
    expect(filed.answer.toast?.type).toBe("success");
    const linked = await bot.db.prisma.finding.findUniqueOrThrow({ where: { id: finding.id } });
    expect(linked.incidentCaseId).not.toBeNull();
    await settle();
  }, 60_000);

  it("月报表 prefilled from the month's cases, corrected, submitted with the 自查表; the school's reminders stop; a late one is flagged", async () => {
    // November: the reminder ladder of “每月25日前” (T-3, T-1, T-0) is still ahead
    await addCase(bot, { unitKey: "school-a", occurred: "2018-11-05", source: "parent", severity: "minor", closed: "2018-11-12" });
    await addCase(bot, { unitKey: "school-a", occurred: "2018-11-08", source: "hotline", severity: "serious" });
    await addCase(bot, { unitKey: "school-a", occurred: "2018-11-13", source: "staff", severity: "criminal" });
    await addCase(bot, { unitKey: "school-b", occurred: "2018-11-14", source: "staff", severity: "minor" });
    const before = inbox(TEACHER_A).length;
    await tickAt("2018-11-19", "16:20");
    const prompt = inbox(TEACHER_A).slice(before).find((m) => cardOf(m).includes("patrol_submit"))!;
    clock.set(at("2018-11-19", "17:20"));
    const filed = await sim.clickCard(TEACHER_A, prompt.messageId, values(prompt.card, (v) => v.action === "patrol_submit")[0], { areas: ["gate"], start: "2018-11-19 16:31 +0800", end: "2018-11-19 17:00 +0800", result: "none" });
    expect(filed.answer.toast?.type).toBe("success");
    clock.set(at("2018-11-20", "10:00"));

    const msg = await command(PRINCIPAL_A, "月报表", "report_submit");
    // three cases added here plus the one filed from the patrol finding on 1 November
    expect(fieldOf(msg.card, "incidentCount")?.default_value).toBe("4");
    expect(fieldOf(msg.card, "reportedCount")?.default_value).toBe("2");
    expect(fieldOf(msg.card, "criminalCount")?.default_value).toBe("1");
    expect(fieldOf(msg.card, "handledCount")?.default_value).toBe("1");
    const submit = values(msg.card, (v) => v.action === "report_submit")[0];
    const form = monthly({ docName: "学生欺凌防治实施方案", incidentCount: "1", reportedCount: "2", criminalCount: "1", handledSummary: "一起言语欺凌已处理", handlingMethods: "调查核实、批评教育" });
    // the principal lowers 发生数 below 举报数 by mistake: the card comes back, typed values kept
    const bad = await sim.clickCard(PRINCIPAL_A, msg.messageId, submit, form);
    expect(bad.answer.toast?.type).toBe("error");
    const back = sim.state.messages.get(msg.messageId)!;
    expect(cardOf(back)).toContain("不能大于");
    expect(fieldOf(back.card, "incidentCount")?.default_value).toBe("1");
    expect(fieldOf(back.card, "handlingMethods")?.default_value).toBe("调查核实、批评教育");
    expect(validateCard(back.card)).toMatchObject({ ok: true });
    // corrected: one of the three was horseplay (打闹嬉戏), so 2 / 1 / 1
    const ok = await sim.clickCard(PRINCIPAL_A, msg.messageId, submit, { ...form, incidentCount: "2", reportedCount: "1" });
    expect(ok.answer.toast?.content).toBe("月报表已提交");
    // a double click changes nothing
    expect((await sim.clickCard(PRINCIPAL_A, msg.messageId, submit, { ...form, incidentCount: "2", reportedCount: "1" })).answer.toast?.type).toBe("info");

    const sc = await command(ADMIN_A, "自查表", "report_submit");
    expect(fieldOf(sc.card, "hazardScreening")?.initial_option).toBe("yes"); // patrols were done this month
    const scValues: Record<string, string> = { principalName: "张校长", studentCount: "860", teacherCount: "52", contactPerson: "王主任", contactPhone: "13900000001", teacherTrainingTimes: "1", teacherTrainingPeople: "52", studentEducationTimes: "1", studentEducationPeople: "860", parentLecturesTimes: "0", parentLecturesPeople: "0" };
    for (const i of selfCheckItems) if (i.type === "yes_no") scValues[i.fields[0].key] = "yes";
    const scOk = await sim.clickCard(ADMIN_A, sc.messageId, values(sc.card, (v) => v.action === "report_submit")[0], scValues);
    expect(scOk.answer.toast?.content).toBe("自查表已提交");
    await settle();

    // the reminder ladder for “每月25日前”: school-a is done, school-b still owes it
    const mentions = (m: SimMessage) => cardOf(m).includes("月报表") || (m.text ?? "").includes("月报表");
    const seen = { a: inbox(PRINCIPAL_A).length, admin: inbox(ADMIN_A).length, b: inbox(PRINCIPAL_B).length };
    for (const d of ["2018-11-22", "2018-11-24", "2018-11-25"]) await tickAt(d, "09:05");
    expect(inbox(PRINCIPAL_A).slice(seen.a).filter(mentions)).toHaveLength(0);
    expect(inbox(ADMIN_A).slice(seen.admin).filter(mentions)).toHaveLength(0);
    const completion = await bot.db.prisma.itemCompletion.findMany({ where: { campaignId: CAMPAIGN, periodKey: "2018-11" } });
    expect(completion.map((c) => c.subject)).toEqual(["unit:school-a"]);
    expect(inbox(PRINCIPAL_B).slice(seen.b).filter(mentions).length).toBeGreaterThan(0);

    // school-b submits two days late: accepted and flagged
    clock.set(at("2018-11-27", "15:00"));
    const mb = await command(PRINCIPAL_B, "月报表", "report_submit");
    const lateRes = await sim.clickCard(PRINCIPAL_B, mb.messageId, values(mb.card, (v) => v.action === "report_submit")[0], { ...form, incidentCount: "0", reportedCount: "0", criminalCount: "0", handledCount: "0", handledSummary: "" });
    expect(lateRes.answer.toast?.content).toBe("月报表已提交（逾期提交，已记录）");
    expect(cardOf(sim.state.messages.get(mb.messageId))).toContain("本表为逾期提交");
    const row = await bot.db.prisma.reportSubmission.findFirstOrThrow({ where: { unitKey: "school-b", form: "monthlyReport" } });
    expect(row.late).toBe(true);
    // and school-a can no longer edit after the 25th
    const locked = await sim.clickCard(PRINCIPAL_A, msg.messageId, submit, { ...form, incidentCount: "3", reportedCount: "1" });
    expect(locked.answer.toast?.content).toContain("锁定");
    // every card the bot sent passed the platform's card rules (the simulator refuses bad ones)
    expect(await bot.db.prisma.outboxMessage.count({ where: { status: "parked" } })).toBe(0);
  }, 120_000);
});
