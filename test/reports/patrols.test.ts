/**
 * A month of patrols (October 2018, seed 001's campaign) driven by the patrol job at the
 * instants that matter each day: prompts before the slot, a nudge when the report is overdue,
 * then the school admin. Some reports are filed on time, some late after the nudge, some never.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, dbProviders, type TestDb } from "../support/db.js";
import { ManualClock } from "../../src/core/clock.js";
import { localDateToInstant, addDays } from "../../src/core/calendar.js";
import { validateCard } from "../../src/sim/rules/card.js";
import { runPatrolJobs } from "../../src/domains/reports/jobs.js";
import { unitReportStats } from "../../src/domains/reports/api.js";
import { setRoster, patrolFacts } from "../../src/domains/reports/patrol-service.js";
import { submitPatrol, closeFindingFlow } from "../../src/domains/reports/patrol-flows.js";
import { saveRoster } from "../../src/domains/reports/roster-flows.js";
import { activateLuozhuang, depsFor, sent, CAMPAIGN, TEACHER_A, ADMIN_A, PRINCIPAL_A } from "./support.js";

const at = (date: string, time: string) => localDateToInstant(date, time, "Asia/Shanghai");

describe.each(dbProviders())("a month of patrols (%s)", (provider) => {
  let t: TestDb;
  const clock = new ManualClock(at("2018-09-28", "09:00"));
  let deps: ReturnType<typeof depsFor>;
  const filed: Record<string, "onTime" | "late"> = {};
  const never = ["2018-10-16", "2018-10-24"];
  const lateDays = ["2018-10-10", "2018-10-19", "2018-10-30"];
  let findingId = "";

  beforeAll(async () => {
    t = await freshDb(provider);
    deps = depsFor(t.db, clock);
    await activateLuozhuang(t.db, clock.now());
    await setRoster(t.db, {
      campaignId: CAMPAIGN,
      unitKey: "school-a",
      entries: [{ slot: "afterSchool", start: "16:30", end: "17:30", weekdays: [1, 2, 3, 4, 5], areas: ["gate", "routes", "toilets"], patrollerOpenId: TEACHER_A }],
      actor: ADMIN_A,
      source: "chat",
      now: clock.now(),
    });
  }, 60_000);
  afterAll(async () => t?.cleanup());

  async function file(patrolId: string, date: string, result = "none", seen = "") {
    return submitPatrol(deps, {
      openId: TEACHER_A,
      value: { action: "patrol_submit", patrolId },
      formValue: { areas: ["gate", "routes"], start: `${date} 16:31 +0800`, end: `${date} 17:05 +0800`, result, seen, actionTaken: seen ? "当场制止并教育" : "", followUpNeeded: false },
    });
  }

  it("prompts before every school-day slot, nudges late patrollers, then tells the school admins", async () => {
    for (let d = "2018-10-01"; d <= "2018-10-31"; d = addDays(d, 1)) {
      clock.set(at(d, "16:20"));
      const r1 = await runPatrolJobs(deps);
      const patrol = await t.db.prisma.patrol.findFirst({ where: { date: d, unitKey: "school-a" } });
      if (!patrol) {
        expect(r1.prompted).toBe(0);
        continue;
      }
      expect(r1.prompted).toBe(1);
      // a second run in the same minute sends nothing more
      expect((await runPatrolJobs(deps)).prompted).toBe(0);
      if (!never.includes(d) && !lateDays.includes(d)) {
        clock.set(at(d, "17:10"));
        const res = await file(patrol.id, d, d === "2018-10-11" ? "earlySign" : "none", d === "2018-10-11" ? "厕所附近有高年级学生围堵低年级学生" : "");
        expect(res.toast?.type).toBe("success");
        filed[d] = "onTime";
        if (d === "2018-10-11") findingId = (await t.db.prisma.finding.findFirstOrThrow({ where: { patrolId: patrol.id } })).id;
      }
      clock.set(at(d, "18:05"));
      const r2 = await runPatrolJobs(deps);
      expect(r2.nudged).toBe(filed[d] ? 0 : 1);
      if (lateDays.includes(d)) {
        clock.set(at(d, "19:00"));
        const res = await file(patrol.id, d);
        expect(res.toast?.type).toBe("warning");
        filed[d] = "late";
      }
      clock.set(at(d, "20:10"));
      const r3 = await runPatrolJobs(deps);
      expect(r3.escalated).toBe(never.includes(d) ? 1 : 0);
    }
  }, 120_000);

  it("counts planned, done and missed patrols for the month (no patrol during 国庆)", async () => {
    const facts = await patrolFacts(t.db.prisma, { campaignId: CAMPAIGN, unitKey: "school-a", period: "2018-10" });
    // 8–31 October 2018: 18 school days (1–7 国庆)
    expect(facts).toEqual({ planned: 18, done: 16, missed: 2, findings: 1 });
    const late = await t.db.prisma.patrol.count({ where: { period: "2018-10", late: true } });
    expect(late).toBe(3);
    const early = await t.db.prisma.patrol.count({ where: { date: { lt: "2018-10-08" } } });
    expect(early).toBe(0);
    // what bulletins read
    const stats = await unitReportStats(t.db.prisma, { campaignId: CAMPAIGN, period: "2018-10", today: "2018-10-31" });
    expect(stats.find((s) => s.unitKey === "school-a")).toMatchObject({
      patrols: { planned: 18, done: 16, missed: 2, late: 3 },
      findings: { raised: 1, closed: 0, open: 1, overdue: 1 },
      monthlyReport: "missing",
      selfCheck: "missing",
    });
    expect(stats.find((s) => s.unitKey === "school-b")?.patrols).toEqual({ planned: 0, done: 0, missed: 0, late: 0 });
  });

  it("sent each prompt, nudge and escalation once, to the right people, as valid cards", async () => {
    const msgs = await sent(t.db);
    const prompts = msgs.filter((m) => m.key.startsWith("patrol:prompt:"));
    const nudges = msgs.filter((m) => m.key.startsWith("patrol:nudge:"));
    const escalations = msgs.filter((m) => m.key.startsWith("patrol:escalate:"));
    expect(prompts).toHaveLength(18);
    expect(prompts.every((m) => m.to === TEACHER_A)).toBe(true);
    expect(nudges).toHaveLength(5);
    expect(nudges.every((m) => m.to === TEACHER_A)).toBe(true);
    // two missed patrols × two school admins (the patroller is not told about herself)
    expect(escalations.map((m) => m.to).sort()).toEqual([ADMIN_A, ADMIN_A, PRINCIPAL_A, PRINCIPAL_A]);
    for (const m of msgs) if (m.card) expect(validateCard(m.card)).toMatchObject({ ok: true });
    expect(JSON.stringify(escalations[0].card)).toContain("刘老师");
  });

  it("a 苗头 finding became a follow-up item for the school admin, tracked until closed", async () => {
    const f = await t.db.prisma.finding.findUniqueOrThrow({ where: { id: findingId } });
    expect(f).toMatchObject({ kind: "earlySign", ownerOpenId: ADMIN_A, status: "open", dueDate: "2018-10-14" });
    const item = await t.db.prisma.trackedItem.findUniqueOrThrow({ where: { key: `finding:${findingId}` } });
    expect(item.closedAt).toBeNull();
    const msgs = await sent(t.db);
    const assigned = msgs.find((m) => m.key === `finding:assigned:${findingId}`);
    expect(assigned?.to).toBe(ADMIN_A);
    expect(JSON.stringify(assigned?.card)).toContain("finding_to_incident");

    // the teacher may not close it; the owner may, once
    await expect(closeFindingFlow(deps, { openId: "ou_stranger", value: { findingId } })).rejects.toThrow("负责人");
    clock.set(at("2018-11-02", "10:00"));
    const r = await closeFindingFlow(deps, { openId: ADMIN_A, value: { findingId }, formValue: { note: "已加强该时段厕所巡查" } });
    expect(r.toast?.content).toBe("跟进事项已关闭");
    expect((await closeFindingFlow(deps, { openId: ADMIN_A, value: { findingId }, formValue: { note: "x" } })).toast?.content).toContain("已经关闭");
    expect((await t.db.prisma.trackedItem.findUniqueOrThrow({ where: { key: `finding:${findingId}` } })).closedAt).not.toBeNull();
  });

  it("a patrol card with errors comes back with what was typed and nothing is saved", async () => {
    const p = await t.db.prisma.patrol.findFirstOrThrow({ where: { date: "2018-10-16" } });
    const before = JSON.stringify(p);
    const r = await submitPatrol(deps, {
      openId: TEACHER_A,
      value: { patrolId: p.id },
      formValue: { areas: ["gate", "forged"], start: "2018-10-16 17:00 +0800", end: "2018-10-16 16:00 +0800", result: "hazard", seen: "", actionTaken: "我写的处置" },
    });
    expect(r.toast?.type).toBe("error");
    const cardText = JSON.stringify(r.card);
    expect(cardText).toContain("我写的处置");
    expect(cardText).toContain("“结束时间”不能早于“开始时间”");
    expect(cardText).toContain("请填写“发现情况”");
    expect(validateCard(r.card)).toMatchObject({ ok: true });
    expect(JSON.stringify(await t.db.prisma.patrol.findUniqueOrThrow({ where: { id: p.id } }))).toBe(before);
  });

  it("the roster card refuses an unknown patroller and keeps the typed values", async () => {
    const r = await saveRoster(deps, { openId: ADMIN_A, value: { campaignId: CAMPAIGN, unitKey: "school-a" }, formValue: { beforeSchool_who: "ou_nobody", beforeSchool_areas: ["gate"], afterSchool_who: TEACHER_A, afterSchool_areas: ["gate"], afterSchool_start: "25:00" } });
    expect(r.toast?.type).toBe("error");
    expect(JSON.stringify(r.card)).toContain("不在本校人员名单中");
    expect(validateCard(r.card)).toMatchObject({ ok: true });
    await expect(saveRoster(deps, { openId: TEACHER_A, value: { campaignId: CAMPAIGN, unitKey: "school-a" }, formValue: {} })).rejects.toThrow("学校管理员");
  });
});
