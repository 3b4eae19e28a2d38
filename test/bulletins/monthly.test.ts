/**
 * A month of synthetic activity across 10 schools: the October bulletin's figures match an
 * independent count, it is posted once at the plan's time to the bureau group and each school's
 * group, every card passes the simulator's card rules, and the units that did not submit are named.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbProviders, freshDb, type TestDb } from "../support/db.js";
import { validateCard } from "../../src/sim/rules/index.js";
import { runBulletinJob } from "../../src/domains/bulletins/jobs.js";
import { ensureBulletin } from "../../src/domains/bulletins/flows.js";
import { loadCampaignInfo } from "../../src/domains/bulletins/service.js";
import { monthsWindow } from "../../src/domains/bulletins/window.js";
import { monthlySummary } from "../../src/domains/bulletins/service.js";
import { summaryContract } from "../../src/domains/bulletins/contract.js";
import { BUREAU_CHAT, CAMPAIGN, DIRECTOR, OCT_BULLETIN, SAFETY, TEACHER, expected, makeWorld, seedWorld, type World } from "./world.js";
import { cardText, harness, outboxMessages, tableRows } from "./support.js";

describe.each(dbProviders())("monthly bulletin, 10 schools (%s)", (provider) => {
  let t: TestDb;
  let w: World;
  beforeAll(async () => {
    t = await freshDb(provider);
    w = makeWorld(10, 7);
    await seedWorld(t.db, w);
  });
  afterAll(async () => t?.cleanup());

  it("the generated month is not degenerate (some of everything)", () => {
    const e = expected(w, null, "2021-10", OCT_BULLETIN);
    expect(e.opened).toBeGreaterThan(5);
    expect(e.closed).toBeGreaterThan(0);
    expect(e.overdue).toBeGreaterThan(0);
    expect(e.missing).toBeGreaterThan(0);
    expect(e.late).toBeGreaterThan(0);
    expect(e.onTime).toBeGreaterThan(0);
    expect(e.planned).toBeGreaterThan(e.done);
  });

  it("totals and every unit's figures match the independent count", async () => {
    const s = summaryContract(await monthlySummary(t.db.prisma, CAMPAIGN, "2021-10", OCT_BULLETIN));
    const check = (got: (typeof s)["totals"], e: ReturnType<typeof expected>) => {
      expect(got.cases.opened).toBe(e.opened);
      expect(got.cases.closed).toBe(e.closed);
      expect(got.cases.open).toBe(e.open);
      expect(got.cases.overdue).toBe(e.overdue);
      expect(got.cases.bySeverity).toEqual(e.severity);
      expect(got.cases.byKind).toEqual(e.kinds);
      expect(got.cases.byPlace).toEqual({ inSchool: e.inSchool, offCampus: e.offCampus });
      expect(got.cases.major).toBe(e.major);
      expect(got.patrols.planned).toBe(e.planned);
      expect(got.patrols.done).toBe(e.done);
      expect(got.patrols.missed).toBe(e.missed);
      expect(got.findings).toEqual({ raised: e.raised, closed: e.findingsClosed, open: e.findingsOpen });
      expect(got.reports.onTime).toBe(e.onTime);
      expect(got.reports.late).toBe(e.late);
      expect(got.reports.missing).toBe(e.missing);
    };
    check(s.totals, expected(w, null, "2021-10", OCT_BULLETIN));
    for (const school of w.schools) {
      const u = s.units.find((x) => x.unitKey === school.key)!;
      const e = expected(w, school.key, "2021-10", OCT_BULLETIN);
      check(u, e);
      expect(u.submitted).toBe(e.submitted);
    }
    // the department owes no 月报表: listed, nothing due
    expect(s.units.find((u) => u.unitKey === "dept-edu")!.submitted).toBeNull();
    expect(s.units.some((u) => u.unitKey === "bureau")).toBe(false);
    const missing = w.schools.filter((x) => expected(w, x.key, "2021-10", OCT_BULLETIN).submitted === "missing").map((x) => x.name);
    expect(s.missing.sort()).toEqual(missing.sort());
  });

  it("change against September uses September's own figures", async () => {
    const s = await monthlySummary(t.db.prisma, CAMPAIGN, "2021-10", OCT_BULLETIN);
    const sepCutoff = new Date("2021-09-30T16:00:00Z");
    const sep = expected(w, null, "2021-09", sepCutoff);
    expect(s.previous!.totals.cases.opened).toBe(sep.opened);
    expect(s.change!.opened).toBe(s.totals.cases.opened - sep.opened);
    expect(s.change!.reportsMissing).toBe(s.totals.reports.missing - sep.missing);
    expect(s.series.map((p) => p.month)).toEqual(["2021-09", "2021-10"]);
    expect(s.series[1].opened).toBe(s.totals.cases.opened);
  });

  it("nothing is posted before the plan's time (26th 09:00)", async () => {
    const h = harness(t.db, OCT_BULLETIN);
    const r = await runBulletinJob(h, new Date(OCT_BULLETIN.getTime() - 60_000));
    expect(r.created).toBe(0);
    expect(await outboxMessages(t.db)).toHaveLength(0);
  });

  it("posts at 09:00 on the 26th: bureau table + charts + 通报, each school its own card, all valid cards", async () => {
    const h = harness(t.db, OCT_BULLETIN);
    const r = await runBulletinJob(h, OCT_BULLETIN);
    expect(r.created).toBe(1);
    const msgs = await outboxMessages(t.db);
    expect(msgs.length).toBe(r.queued);
    for (const m of msgs) {
      const v = validateCard(m.card);
      expect(v.ok, `${m.key}: ${JSON.stringify(v)}`).toBe(true);
    }
    const bureau = msgs.filter((m) => m.to === BUREAU_CHAT);
    expect(bureau.length).toBeGreaterThanOrEqual(2);
    const all = bureau.map((m) => cardText(m.card)).join("\n");
    // the table lists all 10 schools and the department
    const rows = bureau.flatMap((m) => tableRows(m.card!));
    expect(rows.map((x) => x.u).sort()).toEqual([...w.schools.map((s) => s.name), "教育股"].sort());
    // charts: cases per month and patrol completion
    const charts = bureau.flatMap((m) => (m.card!.body as { elements: { tag: string }[] }).elements.filter((e) => e.tag === "chart"));
    expect(charts.length).toBe(2);
    // 通报 names the schools that did not submit
    const missing = w.schools.filter((x) => expected(w, x.key, "2021-10", OCT_BULLETIN).submitted === "missing");
    const notice = bureau.find((m) => cardText(m.card).includes("通报：未按时报送单位"))!;
    for (const s of missing) expect(cardText(notice.card)).toContain(s.name);
    for (const s of w.schools.filter((x) => !missing.includes(x))) expect(cardText(notice.card)).not.toContain(`${s.name}：`);
    // each school group: its own card only
    for (const s of w.schools) {
      const own = msgs.filter((m) => m.to === s.chatId);
      expect(own).toHaveLength(1);
      const e = expected(w, s.key, "2021-10", OCT_BULLETIN);
      expect(cardText(own[0].card)).toContain(`本期新增 ${e.opened} 件`);
      expect(cardText(own[0].card)).not.toContain(w.schools.find((x) => x.key !== s.key)!.name + "：");
    }
    // counts only: no case text reaches any chat
    expect(all).not.toContain("张小明");
    expect(msgs.map((m) => cardText(m.card)).join("\n")).not.toContain("敏感原文");
  });

  it("is posted once: a second run, later the same week, queues nothing", async () => {
    const h = harness(t.db, OCT_BULLETIN);
    const before = (await outboxMessages(t.db)).length;
    expect((await runBulletinJob(h, new Date(OCT_BULLETIN.getTime() + 60_000))).created).toBe(0);
    expect((await runBulletinJob(h, new Date(OCT_BULLETIN.getTime() + 3 * 86_400_000))).created).toBe(0);
    expect((await outboxMessages(t.db)).length).toBe(before);
    expect(await t.db.prisma.bulletin.count()).toBe(1);
  });

  it("a bimonthly 通报 covers September and October and is posted under its own title", async () => {
    const h = harness(t.db, new Date("2021-10-31T01:00:00Z"));
    const campaign = await loadCampaignInfo(t.db.prisma, CAMPAIGN);
    const before = (await outboxMessages(t.db)).length;
    const r = await ensureBulletin(h, campaign, { kind: "bimonthly", window: monthsWindow("2021-10", 2), dueAt: h.clock.now() }, h.clock.now());
    expect(r.created).toBe(true);
    const s = JSON.parse(r.row.summaryJson);
    const cutoff = h.clock.now();
    expect(s.totals.cases.opened).toBe(expected(w, null, "2021-09", cutoff).opened + expected(w, null, "2021-10", cutoff).opened);
    const posted = (await outboxMessages(t.db)).slice(before);
    expect(cardText(posted[0].card)).toContain("学生欺凌事件发生情况通报（2021年9月至10月）");
    for (const m of posted) expect(validateCard(m.card).ok).toBe(true);
    // the same again: nothing new
    expect((await ensureBulletin(h, campaign, { kind: "bimonthly", window: monthsWindow("2021-10", 2), dueAt: h.clock.now() }, h.clock.now())).created).toBe(false);
    expect((await outboxMessages(t.db)).length).toBe(before + posted.length);
  });

  it("at the campaign's end: December's bulletin names the missing 专项工作报告, the phase summary follows; November is past its week", async () => {
    const h = harness(t.db, new Date("2021-12-31T01:00:00Z"));
    const before = (await outboxMessages(t.db)).length;
    const r = await runBulletinJob(h, h.clock.now());
    expect(r.created).toBe(2);
    const rows = await t.db.prisma.bulletin.findMany({ orderBy: { createdAt: "asc" } });
    expect(rows.map((x) => `${x.kind}:${x.periodKey}`)).toEqual(expect.arrayContaining(["monthly:2021-12", "phase:inspection"]));
    expect(rows.some((x) => x.periodKey === "2021-11")).toBe(false);
    const posted = (await outboxMessages(t.db)).slice(before);
    for (const m of posted) expect(validateCard(m.card).ok).toBe(true);
    const bureau = posted.filter((m) => m.to === BUREAU_CHAT).map((m) => cardText(m.card)).join("\n");
    expect(bureau).toContain("督导检查阶段工作情况通报");
    expect(bureau).toContain("2021年12月工作月报");
    // both due on the 25th, listed by deadline key
    for (const s of w.schools) expect(bureau).toContain(`${s.name}：专项工作报告、月报表 未报送`);
  });

  it("月报 in chat: bureau gets the district, a principal their school, a teacher is refused", async () => {
    const h = harness(t.db, new Date("2021-10-28T02:00:00Z"));
    const before = (await outboxMessages(t.db)).length;
    expect(await h.say(SAFETY, "月报 2021-10")).toEqual([]);
    const replies = (await outboxMessages(t.db)).slice(before);
    expect(replies.length).toBeGreaterThanOrEqual(2);
    for (const m of replies) expect(validateCard(m.card).ok).toBe(true);
    expect(replies.flatMap((m) => tableRows(m.card!))).toHaveLength(11);

    const mid = (await outboxMessages(t.db)).length;
    await h.say(w.schools[2].principal, "月报 2021年10月");
    const own = (await outboxMessages(t.db)).slice(mid);
    expect(own).toHaveLength(1);
    expect(cardText(own[0].card)).toContain(w.schools[2].name);

    const refused = await h.say(TEACHER, "月报 2021-10");
    expect(refused[0]).toContain("仅向");
    await expect(h.say(SAFETY, "月报 2021-13")).rejects.toThrow(/月份/);
    void DIRECTOR;
  });
});
