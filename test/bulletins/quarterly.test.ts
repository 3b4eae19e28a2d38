/**
 * A campaign from 2021-09-14 to 2022-03-31 whose notice asks for a 通报 每季度末: the bulletin job,
 * ticking through the whole campaign, posts exactly one 通报 per quarter (Q3, Q4, Q1) at 09:00 on
 * the quarter's last day, each covering its quarter (only what falls inside the campaign is
 * owed), and a restarted bot posts none of them again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbProviders, freshDb, type TestDb } from "../support/db.js";
import { validateCard } from "../../src/sim/rules/index.js";
import { runBulletinJob } from "../../src/domains/bulletins/jobs.js";
import { planSchema } from "../../src/domains/campaigns/schema.js";
import type { Summary } from "../../src/domains/bulletins/types.js";
import { BUREAU_CHAT, CAMPAIGN, expected, local, makeWorld, seedWorld, type World } from "./world.js";
import { cardText, harness, outboxMessages } from "./support.js";

const QUARTERS = [
  { key: "2021-Q3", label: "2021年第三季度", firstDay: "2021-07-01", lastDay: "2021-09-30", months: ["2021-07", "2021-08", "2021-09"] },
  { key: "2021-Q4", label: "2021年第四季度", firstDay: "2021-10-01", lastDay: "2021-12-31", months: ["2021-10", "2021-11", "2021-12"] },
  { key: "2022-Q1", label: "2022年第一季度", firstDay: "2022-01-01", lastDay: "2022-03-31", months: ["2022-01", "2022-02", "2022-03"] },
];

describe.each(dbProviders())("quarterly 通报 (%s)", (provider) => {
  let t: TestDb;
  let w: World;
  beforeAll(async () => {
    t = await freshDb(provider);
    w = makeWorld(6, 11);
    await seedWorld(t.db, w);
    const c = await t.db.prisma.campaign.findUniqueOrThrow({ where: { id: CAMPAIGN } });
    const plan = JSON.parse(c.planJson);
    plan.span = { start: "2021-09-14", end: "2022-03-31" };
    plan.deadlines.push({ key: "quarterly-bulletin", title: "每季度末通报各学校学生欺凌事件发生情况", kind: "recurring", rule: { every: "quarter", day: "last" }, action: "happen", assignees: { departments: ["安全科"] } });
    await t.db.prisma.campaign.update({ where: { id: CAMPAIGN }, data: { planJson: JSON.stringify(planSchema.parse(plan)) } });
  }, 60_000);
  afterAll(async () => t?.cleanup());

  it("the job, ticking every 12 hours through the campaign, posts one per quarter at 09:00 on its last day", async () => {
    const h = harness(t.db, "2021-09-14T01:00:00Z");
    for (let at = new Date("2021-09-14T01:00:00Z"); at <= new Date("2022-04-10T01:00:00Z"); at = new Date(at.getTime() + 12 * 3600_000)) {
      h.clock.set(at);
      await runBulletinJob(h, at);
    }
    const rows = await t.db.prisma.bulletin.findMany({ where: { kind: "quarterly" }, orderBy: { dueAt: "asc" } });
    expect(rows.map((r) => r.periodKey)).toEqual(QUARTERS.map((q) => q.key));
    for (const [i, r] of rows.entries()) {
      const due = local(QUARTERS[i].lastDay, "09:00");
      expect(r.dueAt.toISOString()).toBe(due.toISOString());
      expect(r.publishedAt?.toISOString()).toBe(due.toISOString());
      const s = JSON.parse(r.summaryJson) as Summary;
      expect(s.window).toEqual({ key: QUARTERS[i].key, label: QUARTERS[i].label, firstDay: QUARTERS[i].firstDay, lastDay: QUARTERS[i].lastDay });
      // compared with the quarter before
      expect(s.previous?.window.key).toBe(["2021-Q2", "2021-Q3", "2021-Q4"][i]);
      // the quarter's three months, as of the posting instant
      const opened = QUARTERS[i].months.reduce((n, m) => n + expected(w, null, m, due).opened, 0);
      expect(s.totals.cases.opened).toBe(opened);
    }
    // the generated quarter is not degenerate
    expect(JSON.parse(rows[1].summaryJson).totals.cases.opened).toBeGreaterThan(0);
  });

  it("owes only what falls inside the campaign: Q3 asks for September's 月报表, not July's or August's", async () => {
    const q3 = JSON.parse((await t.db.prisma.bulletin.findFirstOrThrow({ where: { kind: "quarterly", periodKey: "2021-Q3" } })).summaryJson) as Summary;
    expect(q3.totals.reports.owed).toBe(w.schools.length);
    for (const u of q3.units.filter((x) => x.kind === "school")) expect(u.items.map((i) => i.due)).toEqual(["2021-09-25"]);
    const q4 = JSON.parse((await t.db.prisma.bulletin.findFirstOrThrow({ where: { kind: "quarterly", periodKey: "2021-Q4" } })).summaryJson) as Summary;
    // October, November and December's 月报表 and the 专项工作报告 of 12-25
    expect(q4.totals.reports.owed).toBe(4 * w.schools.length);
  });

  it("each is posted once to the bureau group and each school's group, under the quarter's title, with valid cards", async () => {
    const msgs = await outboxMessages(t.db);
    for (const q of QUARTERS) {
      const mine = msgs.filter((m) => m.key.startsWith(`bulletin:${CAMPAIGN}:quarterly:${q.key}:`));
      const overview = mine.filter((m) => m.to === BUREAU_CHAT && m.key.endsWith(":0"));
      expect(overview).toHaveLength(1);
      expect(cardText(overview[0].card)).toContain(`学生欺凌事件发生情况通报（${q.label}）`);
      for (const s of w.schools) expect(mine.filter((m) => m.to === s.chatId)).toHaveLength(1);
      for (const m of mine) expect(validateCard(m.card).ok).toBe(true);
    }
  });

  it("a restarted bot posts none of them again, even inside their week", async () => {
    const before = (await outboxMessages(t.db)).length;
    for (const q of QUARTERS) {
      const due = local(q.lastDay, "09:00");
      for (const later of [60_000, 3 * 86_400_000]) {
        const at = new Date(due.getTime() + later);
        const fresh = harness(t.db, at); // a new clock and outbox: the process restarted
        expect((await runBulletinJob(fresh, at)).created).toBe(0);
      }
    }
    expect((await outboxMessages(t.db)).length).toBe(before);
    expect(await t.db.prisma.bulletin.count({ where: { kind: "quarterly" } })).toBe(3);
  });
});
