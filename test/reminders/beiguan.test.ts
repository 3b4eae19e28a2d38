/**
 * Walks the 北关区 template (seed 000) with three schools added, sweeping five times a day
 * (two of them in quiet hours) from 2021-09-14 to 2021-12-31, and asserts every reminder sent,
 * to whom and when — including an incident's 5-day report whose due date falls in the 2021
 * National Day holiday, and a school that submits its final report early.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "../support/db.js";
import { markCompleted, upsertTrackedItem } from "../../src/domains/reminders/api.js";
import { validateCard } from "../../src/sim/rules/card.js";
import { activate, at, deployed, harness, sentLines, template, walk } from "./support.js";

const LG = [
  "gaodongrui", "hudajiang", "lishenjun", "liuguangming", "lizhe", "songline", "songlu", "yangjunli",
  "youth-league-secretary", "zhangdongqin", "zhangguoxin", "zhangwenshu", "zhangyu", "zhaoliping",
].map((k) => `member:lg.${k}`);
const GROUP_AND_BULLETIN = ["chat:bureau", ...LG].join(" ");
const OWING = "member:s2.admin member:s2.principal member:s3.principal";

describe("北关区 plan (seed 000), 2021-09-14 → 2021-12-31", () => {
  let t: TestDb;
  let lines: string[];
  beforeAll(async () => {
    t = await freshDb("sqlite");
    const plan = deployed(template("beiguan-2021"));
    await activate(t.db, plan, at("2021-09-14", "08:00"));
    const h = harness(t.db, at("2021-09-14", "08:00").toISOString());
    await walk(h, "2021-09-14", "2021-12-31", {
      onDay: async (d) => {
        // An incident at school 2 is closed on 9-28: its 5-day 情况报告 is due 10-03, in the holiday.
        if (d === "2021-09-28")
          await upsertTrackedItem(t.db.prisma, {
            campaignId: plan.id,
            key: "incident:BG-2021-001:report",
            title: "案件 BG-2021-001 情况报告（处置结束后5日内报送）",
            dueAt: "2021-10-03",
            memberKeys: ["s2.principal"],
            unitKey: "s2",
            escalateTo: ["safetyOffice", "officeDirector"],
            escalateAfter: "P1D",
            ladder: ["P2D", "P1D", "P0D"],
            source: { type: "incident", id: "case-1" },
            at: at("2021-09-28", "16:00"),
          });
        // School 1 submits its final report on 12-20 (between T-7 and T-3).
        if (d === "2021-12-20") await markCompleted(t.db.prisma, { campaignId: plan.id, itemKey: "final-report", periodKey: "2021-12", unitKey: "s1", at: at(d, "10:00") });
      },
    });
    lines = await sentLines(t.db, plan.id);
  }, 180_000);
  afterAll(() => t?.cleanup());

  it("sends exactly these reminders, to these people, at these times", () => {
    expect(lines).toEqual([
      `09-14 09:00 phase-start deployment start → ${GROUP_AND_BULLETIN}`,
      // 安排部署阶段 ends on Saturday 9-25: announced on Friday 9-24
      `09-24 09:00 phase-end deployment end → ${GROUP_AND_BULLETIN}`,
      // 9-26 is a Sunday but a 调休 make-up workday for National Day: announced that day
      `09-26 09:00 phase-start rectification start → ${GROUP_AND_BULLETIN}`,
      // due 10-03 (holiday): T-2, T-1, T-0 all move to 9-30, the last working day before; T-0 wins
      "09-30 09:00 deadline incident:BG-2021-001:report T-0 → member:s2.principal",
      // late from 10-04; +P1D = 10-05 (holiday) → first working day 10-08
      "10-08 09:00 escalation incident:BG-2021-001:report escalate:safetyOffice → member:lg.lizhe.as.safetyOffice",
      "10-08 09:00 overdue incident:BG-2021-001:report overdue:2021-10-08 → member:s2.principal",
      // then the office director one working day later: Saturday 10-09 is a make-up workday
      "10-09 09:00 escalation incident:BG-2021-001:report escalate:officeDirector → member:office.director",
      "10-09 09:00 overdue incident:BG-2021-001:report overdue:2021-10-09 → member:s2.principal",
      ...["10-11", "10-12", "10-13", "10-14", "10-15", "10-18", "10-19", "10-20"].map(
        (d) => `${d} 09:00 overdue incident:BG-2021-001:report overdue:2021-${d} → member:s2.principal`,
      ),
      `11-30 09:00 phase-end rectification end → ${GROUP_AND_BULLETIN}`,
      `12-01 09:00 phase-start inspection start → ${GROUP_AND_BULLETIN}`,
      // due Saturday 12-25: T-7 (Sat 12-18) → Fri 12-17
      "12-17 09:00 deadline final-report[2021-12] T-7 → member:s1.admin member:s1.principal member:s2.admin member:s2.principal member:s3.principal",
      // school 1 submitted on 12-20: no more reminders for it
      `12-22 09:00 deadline final-report[2021-12] T-3 → ${OWING}`,
      // T-1 (Fri 12-24) and T-0 (Sat 12-25 → Fri 12-24) land on one day: only T-0
      `12-24 09:00 deadline final-report[2021-12] T-0 → ${OWING}`,
      "12-27 09:00 escalation final-report[2021-12] escalate:safetyOffice → member:lg.lizhe.as.safetyOffice",
      `12-27 09:00 overdue final-report[2021-12] overdue:2021-12-27 → ${OWING}`,
      "12-28 09:00 escalation final-report[2021-12] escalate:officeDirector → member:office.director",
      `12-28 09:00 overdue final-report[2021-12] overdue:2021-12-28 → ${OWING}`,
      `12-29 09:00 overdue final-report[2021-12] overdue:2021-12-29 → ${OWING}`,
      `12-30 09:00 overdue final-report[2021-12] overdue:2021-12-30 → ${OWING}`,
      `12-30 09:00 phase-end inspection end → ${GROUP_AND_BULLETIN}`,
      `12-31 09:00 overdue final-report[2021-12] overdue:2021-12-31 → ${OWING}`,
    ]);
  });

  it("sent nothing late, nothing skipped, and nothing in quiet hours", async () => {
    const rows = await t.db.prisma.reminder.findMany({});
    expect(rows.filter((r) => r.late || r.status !== "sent")).toEqual([]);
  });

  it("escalations list the schools still late, by name", async () => {
    const esc = await t.db.prisma.reminder.findMany({ where: { itemKey: "final-report", kind: "escalation" } });
    expect(esc).toHaveLength(2);
    for (const e of esc) expect(JSON.parse(e.detail!).lateSubjects).toEqual(["第2学校", "第3学校"]);
  });

  it("queues one message per address per sweep, every card valid for Lark", async () => {
    const rows = await t.db.prisma.reminder.findMany({ where: { status: "sent" } });
    const msgs = await t.db.prisma.outboxMessage.findMany({});
    // every digest message key is one outbox row; several reminder rows may share it
    const keys = new Set(rows.map((r) => r.messageKey));
    expect(msgs.filter((m) => m.op === "send").length).toBe(keys.size);
    const perAddressPerMinute = new Map<string, number>();
    for (const m of msgs) {
      const k = `${m.receiveId}|${rows.find((r) => r.messageKey === m.idempotencyKey)!.localDate}`;
      perAddressPerMinute.set(k, (perAddressPerMinute.get(k) ?? 0) + 1);
    }
    // one person, one day: at most one message (every step of a day is due at 09:00)
    expect(Math.max(...perAddressPerMinute.values())).toBe(1);
    for (const m of msgs) {
      const card = JSON.parse(JSON.parse(m.content).content);
      expect(validateCard(card)).toMatchObject({ ok: true });
    }
  });
});
