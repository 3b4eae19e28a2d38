import { describe, expect, it } from "vitest";
import { validateCard } from "../../src/sim/rules/card.js";
import { phaseAnnouncementCard, reminderDigestCard, type ReminderItemView } from "./digest.js";

const item = (n: number, over: Partial<ReminderItemView> = {}): ReminderItemView => ({
  id: `r${n}`,
  kind: "deadline",
  title: `月报表 ${n}`,
  due: "2021-10-25",
  periodKey: "2021-10",
  daysLeft: 3,
  late: false,
  status: "pending",
  canComplete: false,
  ...over,
});

describe("reminder cards", () => {
  it("a deadline item offers 已知悉 and 明天再提醒; 已完成 only without a form", () => {
    const c = JSON.stringify(reminderDigestCard({ campaignTitle: "行动", items: [item(1), item(2, { canComplete: true })] }));
    expect(c.match(/reminder_ack/g)).toHaveLength(2);
    expect(c.match(/reminder_snooze/g)).toHaveLength(2);
    expect(c.match(/reminder_done/g)).toHaveLength(1);
    expect(c).toContain("截止日期：10月25日（还有 3 天）");
  });

  it("an overdue item has no 已知悉 and says how late it is", () => {
    const c = JSON.stringify(reminderDigestCard({ campaignTitle: "行动", items: [item(1, { kind: "overdue", daysLeft: -2 })] }));
    expect(c).not.toContain("reminder_ack");
    expect(c).toContain("已逾期 2 天");
    expect(c).toContain("逾期提醒（1 项）");
  });

  it("plan text is inert: markup in a title pings nobody", () => {
    const card = reminderDigestCard({ campaignTitle: "行动", items: [item(1, { title: "<at id=all></at>[x](http://e.vil)" })] });
    // markdown is the only place Lark interprets text: there the title is escaped
    const md = JSON.stringify(card.body.elements.filter((e) => e.tag === "markdown"));
    expect(md).toContain("＜at id=all＞");
    expect(md).not.toContain("<at");
    expect(md).not.toContain("](http");
  });

  it("stays within Lark's limits with 60 items and 200 late units", () => {
    const items = [
      ...Array.from({ length: 60 }, (_, n) => item(n, { title: "很长的标题".repeat(30) })),
      ...Array.from({ length: 60 }, (_, n) => item(100 + n, { kind: "escalation", lateSubjects: Array.from({ length: 200 }, (_, k) => `第${k}学校`) })),
    ];
    const card = reminderDigestCard({ campaignTitle: "行动", items });
    expect(validateCard(card)).toMatchObject({ ok: true });
    const c = JSON.stringify(card);
    expect(c).toContain("另有 45 项提醒未展开");
    expect(c).toContain("另有 40 项逾期事项未列出");
    expect(c).toContain("等 200 个单位");
  });

  it("phase announcements (with tasks, sent late) are valid cards without buttons", () => {
    const card = phaseAnnouncementCard({
      campaignTitle: "行动",
      items: [item(1, { kind: "phase-start", title: "攻坚整治阶段", late: true, phase: { start: "2021-09-26", end: "2021-11-30", tasks: "排查整治" } })],
    });
    expect(validateCard(card)).toMatchObject({ ok: true });
    const c = JSON.stringify(card);
    expect(c).toContain("9月26日至11月30日");
    expect(c).toContain("补发");
    expect(c).not.toContain("callback");
  });
});
