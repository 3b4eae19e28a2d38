/**
 * Walks the 罗庄区 template (seed 001, 2018) with two schools and a safety officer added through
 * three monthly 自查表/月报表 cycles (9-25, 10-25, 11-25), with submissions and card clicks
 * (已知悉, 明天再提醒, 已完成) on the way, and asserts every reminder sent, to whom and when.
 * 2018 has Mid-Autumn on Mon 9-24 and National Day 10-01..07 with make-up workdays Sat 9-29
 * and Sun 9-30.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "../support/db.js";
import { markCompleted } from "../../src/domains/reminders/api.js";
import type { CardActionResult } from "../../src/core/bot.js";
import { validateCard } from "../../src/sim/rules/card.js";
import { activate, at, deployed, harness, oid, sentLines, template, walk, type Harness } from "./support.js";
import { click, reminderRow } from "./actions.js";

const SCHOOLS = "member:s1.admin member:s1.principal member:s2.admin member:s2.principal";
const SAFETY = "member:safety-section.safety";

describe("罗庄区 plan (seed 001), three monthly cycles 2018-09 → 2018-11", () => {
  let t: TestDb;
  let h: Harness;
  let lines: string[];
  const answers: Record<string, CardActionResult> = {};
  beforeAll(async () => {
    t = await freshDb("sqlite");
    const plan = deployed(template("luozhuang-2018"), { schools: ["s1", "s2"], bureauUnit: "safety-section", safetyAdmin: true });
    await activate(t.db, plan, at("2018-09-01", "08:00"));
    h = harness(t.db, at("2018-09-01", "08:00").toISOString());
    const row = (itemKey: string, periodKey: string, recipient: string, step: string) => reminderRow(t.db, { itemKey, periodKey, recipient, step });
    await walk(h, "2018-09-01", "2018-12-07", {
      onDay: async (d) => {
        // school 1 submitted September's report on 9-21 in the afternoon (recorded before the next day's sweeps)
        if (d === "2018-09-22") await markCompleted(t.db.prisma, { campaignId: plan.id, itemKey: "monthly-report", periodKey: "2018-09", unitKey: "s1", at: at("2018-09-21", "15:00") });
        if (d === "2018-10-29")
          for (const u of ["s1", "s2"]) await markCompleted(t.db.prisma, { campaignId: plan.id, itemKey: "monthly-report", periodKey: "2018-10", unitKey: u, at: at(d, "08:00"), late: true });
      },
      onSweep: async (d, time) => {
        if (time !== "09:05") return;
        if (d === "2018-09-18") {
          // the safety officer has done the evaluation (a task without a form): 已完成
          const r = await row("evaluation", "2018-09", SAFETY, "T-3");
          answers.evalDone = await click(h, t.db, oid("safety-section.safety"), "reminder_done", r.id);
          // 已完成 is refused on a form item: the form's submission completes it
          const s = await row("summary", "2018-09", SAFETY, "T-7");
          answers.formDone = await click(h, t.db, oid("safety-section.safety"), "reminder_done", s.id);
        }
        if (d === "2018-10-22") {
          const r = await row("monthly-report", "2018-10", "member:s2.principal", "T-3");
          answers.strangerAck = await click(h, t.db, oid("s1.principal"), "reminder_ack", r.id);
          answers.ack = await click(h, t.db, oid("s2.principal"), "reminder_ack", r.id);
          answers.ackAgain = await click(h, t.db, oid("s2.principal"), "reminder_ack", r.id);
          const s = await row("monthly-report", "2018-10", "member:s1.admin", "T-3");
          answers.snooze = await click(h, t.db, oid("s1.admin"), "reminder_snooze", s.id);
        }
      },
    });
    lines = await sentLines(t.db, plan.id);
  }, 180_000);
  afterAll(() => t?.cleanup());

  const S2 = "member:s2.admin member:s2.principal";
  const ALL_SUMMARY = `${SCHOOLS} ${SAFETY}`;
  const workdays = (list: string[], f: (d: string) => string[]) => list.flatMap(f);

  it("sends exactly these reminders, to these people, at these times", () => {
    expect(lines).toEqual([
      // 综合评估 (9月底, the bureau's own work): reminded to the safety office before its window opens on 9-21
      `09-14 09:00 deadline evaluation[2018-09] T-7 → ${SAFETY}`,
      `09-18 09:00 deadline evaluation[2018-09] T-3 → ${SAFETY}`,
      // … and pressed 已完成 on 9-18: no T-1, no T-0
      `09-18 09:00 deadline summary[2018-09] T-7 → ${ALL_SUMMARY}`,
      // cycle 1, due Tue 9-25: T-3 (Sat 9-22) and T-1 (Mon 9-24, Mid-Autumn) both → Fri 9-21, T-1 wins
      `09-21 09:00 deadline monthly-report[2018-09] T-1 → ${SCHOOLS}`,
      // 省级督导 in October: T-7 (9-24, holiday) → 9-21
      `09-21 09:00 deadline provincial-inspection[2018-10] T-7 → ${SAFETY}`,
      `09-21 09:00 deadline summary[2018-09] T-1 → ${ALL_SUMMARY}`,
      // school 1 submitted on 9-21: only school 2 is reminded
      `09-25 09:00 deadline monthly-report[2018-09] T-0 → ${S2}`,
      `09-25 09:00 deadline summary[2018-09] T-0 → ${ALL_SUMMARY}`,
      `09-26 09:00 overdue monthly-report[2018-09] overdue:2018-09-26 → ${S2}`,
      `09-26 09:00 overdue summary[2018-09] overdue:2018-09-26 → ${ALL_SUMMARY}`,
      `09-27 09:00 escalation monthly-report[2018-09] escalate:safetyOffice → ${SAFETY}`,
      `09-27 09:00 escalation summary[2018-09] escalate:safetyOffice → ${SAFETY}`,
      `09-27 09:00 overdue monthly-report[2018-09] overdue:2018-09-27 → ${S2}`,
      `09-27 09:00 overdue summary[2018-09] overdue:2018-09-27 → ${ALL_SUMMARY}`,
      `09-28 09:00 deadline provincial-inspection[2018-10] T-3 → ${SAFETY}`,
      `09-28 09:00 overdue monthly-report[2018-09] overdue:2018-09-28 → ${S2}`,
      `09-28 09:00 overdue summary[2018-09] overdue:2018-09-28 → ${ALL_SUMMARY}`,
      // Sat 9-29 and Sun 9-30 are National Day make-up workdays: nudged
      `09-29 09:00 overdue monthly-report[2018-09] overdue:2018-09-29 → ${S2}`,
      `09-29 09:00 overdue summary[2018-09] overdue:2018-09-29 → ${ALL_SUMMARY}`,
      // T-1 (Sun 9-30, a workday) and T-0 (10-01, holiday → 9-30): T-0
      `09-30 09:00 deadline provincial-inspection[2018-10] T-0 → ${SAFETY}`,
      `09-30 09:00 overdue monthly-report[2018-09] overdue:2018-09-30 → ${S2}`,
      `09-30 09:00 overdue summary[2018-09] overdue:2018-09-30 → ${ALL_SUMMARY}`,
      // nothing during the holiday 10-01..10-07; ten working days of overdue nudges in all
      ...workdays(["10-08", "10-09", "10-10", "10-11", "10-12"], (d) => [
        `${d} 09:00 overdue monthly-report[2018-09] overdue:2018-${d} → ${S2}`,
        `${d} 09:00 overdue summary[2018-09] overdue:2018-${d} → ${ALL_SUMMARY}`,
      ]),
      // cycle 2, due Thu 10-25
      `10-22 09:00 deadline monthly-report[2018-10] T-3 → ${SCHOOLS}`,
      // s1's admin pressed 明天再提醒 on 10-22: one nudge the next working day at 09:00
      "10-23 09:00 deadline monthly-report[2018-10] snooze:2018-10-23 → member:s1.admin",
      // s2's principal pressed 已知悉 on 10-22: no more steps before the deadline for them
      "10-24 09:00 deadline monthly-report[2018-10] T-1 → member:s1.admin member:s1.principal member:s2.admin",
      "10-25 09:00 deadline monthly-report[2018-10] T-0 → member:s1.admin member:s1.principal member:s2.admin",
      // … but overdue nudges still reach them; both schools submit on 10-29 before 09:00: no escalation
      `10-26 09:00 overdue monthly-report[2018-10] overdue:2018-10-26 → ${SCHOOLS}`,
      // cycle 3, due Sun 11-25: T-1 (Sat) and T-0 → Fri 11-23
      `11-22 09:00 deadline monthly-report[2018-11] T-3 → ${SCHOOLS}`,
      `11-23 09:00 deadline monthly-report[2018-11] T-0 → ${SCHOOLS}`,
      `11-26 09:00 overdue monthly-report[2018-11] overdue:2018-11-26 → ${SCHOOLS}`,
      `11-27 09:00 escalation monthly-report[2018-11] escalate:safetyOffice → ${SAFETY}`,
      ...["11-27", "11-28", "11-29", "11-30", "12-03", "12-04", "12-05", "12-06", "12-07"].map(
        (d) => `${d} 09:00 overdue monthly-report[2018-11] overdue:2018-${d} → ${SCHOOLS}`,
      ),
    ]);
  });

  it("answers clicks with a toast and the card updated in place", () => {
    expect(answers.evalDone.toast?.type).toBe("success");
    expect(answers.ack.toast).toEqual({ type: "success", content: "已知悉：“自查表（附件2）与月报表（附件3）”截止前不再提醒你" });
    expect(answers.snooze.toast).toEqual({ type: "success", content: "好的，10月23日 09:00 再提醒你" });
    for (const k of ["evalDone", "ack", "ackAgain", "snooze"]) {
      const card = answers[k].card!;
      expect(validateCard(card)).toMatchObject({ ok: true });
      const text = JSON.stringify(card);
      expect(text).toContain(k === "evalDone" ? "已完成：不再提醒" : k === "snooze" ? "已推迟：明天再提醒" : "已知悉：截止前不再提醒");
      // the clicked item has no buttons left
      expect(text).not.toContain(k === "snooze" ? "reminder_snooze" : k === "evalDone" ? "reminder_done" : "reminder_ack");
    }
  });

  it("refuses clicks that are not the recipient's or not allowed, changing nothing", async () => {
    expect(answers.strangerAck).toEqual({ toast: { type: "error", content: "这张提醒卡片不是发给你的，不能代为操作" } });
    expect(answers.formDone).toEqual({ toast: { type: "error", content: "该事项需要提交表单才算完成，请填写对应的报表" } });
    const acks = await t.db.prisma.reminderAck.findMany({ orderBy: { memberKey: "asc" } });
    // a double click is one acknowledgement; the stranger's click left none
    expect(acks.map((a) => `${a.memberKey} ${a.kind}`)).toEqual(["member:s1.admin snooze", "member:s2.principal ack"]);
    const done = await t.db.prisma.itemCompletion.findMany({ where: { itemKey: { in: ["evaluation", "summary"] } } });
    expect(done.map((c) => `${c.itemKey} ${c.subject}`)).toEqual(["evaluation *"]);
  });

  it("puts everything due for one person in one message (digest)", async () => {
    // 9-21: the safety officer owes the summary and is reminded of the provincial inspection: one card
    const rows = await t.db.prisma.reminder.findMany({ where: { recipient: SAFETY, localDate: "2018-09-21", status: "sent" } });
    expect(rows.map((r) => r.itemKey).sort()).toEqual(["provincial-inspection", "summary"]);
    expect(new Set(rows.map((r) => r.messageKey)).size).toBe(1);
    const msg = await t.db.prisma.outboxMessage.findUnique({ where: { idempotencyKey: rows[0].messageKey! } });
    const card = JSON.parse(JSON.parse(msg!.content).content);
    expect(card.header.title.content).toBe("截止提醒（2 项）");
    expect(validateCard(card)).toMatchObject({ ok: true });
  });
});
