/**
 * End to end through the simulator: the real bot (Lark SDK over the long connection, outbox
 * worker, router, scheduler) runs the 北关区 plan in December 2021. People get one card per run,
 * press 已知悉 / 明天再提醒 on it, the card changes in place, and the bureau gets the escalation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningBot } from "../../src/app.js";
import { ManualClock } from "../../src/core/clock.js";
import { type Simulator, type SimMessage } from "../../src/sim/index.js";
import { validateCard } from "../../src/sim/rules/index.js";
import { remindersModule } from "../../src/domains/reminders/index.js";
import { reminderSweepJob } from "../../src/domains/reminders/jobs.js";
import { planMembers } from "../../src/domains/campaigns/activate.js";
import { activate, at, deployed, oid, template } from "./support.js";
import { settleOutbox, startBotOnSim, startTestSim } from "../support/sim-bot.js";

const APP = { appId: "cli_b1b2c3d4e5f60718", appSecret: "test-app-secret-0006", verificationToken: "test-verification-token-0006" };

let sim: Simulator;
let bot: RunningBot;
const clock = new ManualClock(at("2021-12-16", "08:00"));
const S2P = oid("s2.principal");
const S2A = oid("s2.admin");
const S3P = oid("s3.principal");
const LIZHE = oid("lg.lizhe");

beforeAll(async () => {
  sim = await startTestSim(APP);
  const plan = deployed(template("beiguan-2021"));
  // the plan without its bulletin chat: December has no phase announcement before 12-30 anyway
  plan.chats = [];
  for (const m of planMembers(plan)) if (m.openId && !sim.state.users.get(m.openId)) sim.addUser({ openId: m.openId, name: m.name ?? m.key });
  bot = await startBotOnSim(sim, { app: APP, clock, modules: [remindersModule], jobs: [(d) => reminderSweepJob(d)] });
  await activate(bot.db, plan, at("2021-12-16", "08:00"));
}, 30_000);

afterAll(async () => {
  await bot?.stop();
  await sim?.stop();
});

const inbox = (openId: string) => sim.state.botMessagesTo(openId);
const text = (m: SimMessage | undefined) => JSON.stringify(m?.card ?? {});

const settle = () => settleOutbox(bot);

async function tickAt(date: string, time: string): Promise<void> {
  clock.set(at(date, time));
  const r = await bot.scheduler.tick();
  expect(r).toMatchObject({ ran: true, failed: [] });
  await settle();
}

function buttonValue(m: SimMessage, action: string): Record<string, unknown> {
  const found = text(m).match(new RegExp(`\\{"action":"${action}","id":"([^"]+)"\\}`));
  if (!found) throw new Error(`no ${action} button`);
  return { action, id: found[1] };
}

describe("reminders through the simulator", () => {
  it("T-7: one card per school admin, with 已知悉 / 明天再提醒", async () => {
    await tickAt("2021-12-17", "09:00");
    for (const u of [S2P, S2A, S3P]) {
      expect(inbox(u)).toHaveLength(1);
      expect(validateCard(inbox(u)[0].card)).toMatchObject({ ok: true });
    }
    const c = text(inbox(S2P)[0]);
    expect(c).toContain("截止提醒（1 项）");
    expect(c).toContain("专项工作报告");
    expect(c).toContain("截止日期：12月25日（还有 8 天）");
    expect(c).toContain("reminder_ack");
    // the report is a form: no 已完成 button
    expect(c).not.toContain("reminder_done");
  });

  it("已知悉: a toast, and the same card changes in place; someone else cannot press it", async () => {
    const m = inbox(S2P)[0];
    const stranger = await sim.clickCard(S3P, m.messageId, buttonValue(m, "reminder_ack"));
    expect(stranger.answer.toast).toMatchObject({ type: "error", content: "这张提醒卡片不是发给你的，不能代为操作" });
    expect(m.updates).toBe(0);
    const r = await sim.clickCard(S2P, m.messageId, buttonValue(m, "reminder_ack"));
    expect(r.answer.toast).toMatchObject({ type: "success" });
    expect(m.updates).toBe(1);
    expect(text(m)).toContain("已知悉：截止前不再提醒");
    expect(text(m)).not.toContain("reminder_ack");
    expect(validateCard(m.card)).toMatchObject({ ok: true });
  });

  it("明天再提醒 on a Friday: the nudge comes back on Monday 09:00", async () => {
    const m = inbox(S3P)[0];
    const r = await sim.clickCard(S3P, m.messageId, buttonValue(m, "reminder_snooze"));
    expect(r.answer.toast).toMatchObject({ type: "success", content: "好的，12月20日 09:00 再提醒你" });
    await tickAt("2021-12-18", "09:00");
    await tickAt("2021-12-20", "09:00");
    expect(inbox(S3P)).toHaveLength(2);
    expect(inbox(S2P)).toHaveLength(1);
  });

  it("T-3 skips the person who acknowledged, not their colleague", async () => {
    await tickAt("2021-12-22", "09:00");
    expect(inbox(S2A)).toHaveLength(2);
    expect(inbox(S2P)).toHaveLength(1);
  });

  it("late: overdue nudges to every owing person, the escalation to the safety office lists the schools", async () => {
    await tickAt("2021-12-24", "09:00");
    await tickAt("2021-12-27", "09:00");
    expect(inbox(S2P).map((m) => text(m).includes("已逾期 2 天"))).toEqual([false, true]);
    const esc = inbox(LIZHE);
    expect(esc).toHaveLength(1);
    expect(text(esc[0])).toContain("逾期督办（1 项）");
    expect(text(esc[0])).toContain("第1学校、第2学校、第3学校");
    // a second tick in the same minute sends nothing again
    await tickAt("2021-12-27", "09:01");
    expect(inbox(LIZHE)).toHaveLength(1);
    expect(inbox(S2P)).toHaveLength(2);
  });
});
