/**
 * Hazard screening (隐患排查) on the patrol pattern: one report per school per screening phase,
 * prompted to the school admin when the phase starts, nudged the morning after it ends, then
 * escalated to the bureau's safety office.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, type TestDb } from "../support/db.js";
import { ManualClock } from "../../src/core/clock.js";
import { localDateToInstant } from "../../src/core/calendar.js";
import { validateCard } from "../../src/sim/rules/card.js";
import { runPatrolJobs } from "../../src/domains/reports/jobs.js";
import { submitPatrol } from "../../src/domains/reports/patrol-flows.js";
import { activateLuozhuang, depsFor, sent, fieldOf, ADMIN_A, PRINCIPAL_B, SAFETY, TEACHER_A, CAMPAIGN } from "./support.js";
import { setRoster } from "../../src/domains/reports/patrol-service.js";

const at = (date: string, time: string) => localDateToInstant(date, time, "Asia/Shanghai");

describe("hazard screening phases", () => {
  let t: TestDb;
  const clock = new ManualClock(at("2018-09-25", "09:00"));
  let deps: ReturnType<typeof depsFor>;

  beforeAll(async () => {
    t = await freshDb("sqlite");
    deps = depsFor(t.db, clock);
    await activateLuozhuang(t.db, clock.now(), (p) => {
      p.phases = [
        { key: "deploy", name: "安排部署阶段", start: "2018-09-14", end: "2018-09-25" },
        { key: "rectify", name: "攻坚整治阶段", start: "2018-09-26", end: "2018-11-30" },
      ];
    });
  }, 60_000);
  afterAll(async () => t?.cleanup());

  it("prompts each school's admin once when a screening phase starts (not for other phases)", async () => {
    expect((await runPatrolJobs(deps)).prompted).toBe(0); // 安排部署阶段 is not a screening phase
    clock.set(at("2018-09-26", "08:00"));
    expect((await runPatrolJobs(deps)).prompted).toBe(2);
    expect((await runPatrolJobs(deps)).prompted).toBe(0);
    const prompts = (await sent(t.db)).filter((m) => m.key.startsWith("patrol:prompt:"));
    expect(prompts.map((m) => m.to).sort()).toEqual([ADMIN_A, PRINCIPAL_B].sort());
    for (const p of prompts) expect(validateCard(p.card)).toMatchObject({ ok: true });
    const card = prompts[0].card!;
    expect(JSON.stringify(card)).toContain("攻坚整治阶段 隐患排查");
    expect(JSON.stringify(fieldOf(card, "areas"))).toContain("涉校涉生矛盾纠纷");
  });

  it("a filed screening with a hazard becomes a finding; the silent school is nudged, then the safety office is told", async () => {
    const a = await t.db.prisma.patrol.findFirstOrThrow({ where: { unitKey: "school-a", kind: "screening" } });
    clock.set(at("2018-10-15", "11:00"));
    const r = await submitPatrol(deps, {
      openId: ADMIN_A,
      value: { patrolId: a.id },
      formValue: { areas: ["conflicts", "hotspots"], start: "2018-10-15 08:30 +0800", end: "2018-10-15 10:30 +0800", result: "hazard", seen: "操场东北角监控盲区", actionTaken: "已报修", followUpDue: "2018-10-31 +0800" },
    });
    expect(r.toast?.type).toBe("success");
    const f = await t.db.prisma.finding.findFirstOrThrow({ where: { patrolId: a.id } });
    expect(f).toMatchObject({ kind: "hazard", dueDate: "2018-10-31", ownerOpenId: ADMIN_A });

    clock.set(at("2018-12-01", "08:59"));
    expect((await runPatrolJobs(deps)).nudged).toBe(0);
    clock.set(at("2018-12-01", "09:01"));
    expect(await runPatrolJobs(deps)).toMatchObject({ nudged: 1, escalated: 0 });
    clock.set(at("2018-12-01", "11:02"));
    expect(await runPatrolJobs(deps)).toMatchObject({ escalated: 1 });
    const msgs = await sent(t.db);
    expect(msgs.filter((m) => m.key.startsWith("patrol:nudge:")).map((m) => m.to)).toEqual([PRINCIPAL_B]);
    const esc = msgs.filter((m) => m.key.startsWith("patrol:escalate:"));
    expect(esc.map((m) => m.to)).toEqual([SAFETY]);
    expect(JSON.stringify(esc[0].card)).toContain("隐患排查未完成");
  });

  it("a late 晚自习 patrol is not chased at night: nudged at 07:00, escalated two hours after the nudge", async () => {
    await setRoster(t.db, { campaignId: CAMPAIGN, unitKey: "school-a", entries: [{ slot: "evening", start: "20:00", end: "21:40", weekdays: [1, 2, 3, 4, 5], areas: ["dormitory"], patrollerOpenId: TEACHER_A }], actor: ADMIN_A, source: "chat", now: clock.now() });
    clock.set(at("2018-12-03", "19:50"));
    expect((await runPatrolJobs(deps)).prompted).toBe(1);
    clock.set(at("2018-12-03", "22:15"));
    expect(await runPatrolJobs(deps)).toMatchObject({ nudged: 0, escalated: 0 });
    clock.set(at("2018-12-04", "06:59"));
    expect(await runPatrolJobs(deps)).toMatchObject({ nudged: 0 });
    clock.set(at("2018-12-04", "07:00"));
    expect(await runPatrolJobs(deps)).toMatchObject({ nudged: 1, escalated: 0 });
    clock.set(at("2018-12-04", "08:30"));
    expect(await runPatrolJobs(deps)).toMatchObject({ escalated: 0 });
    clock.set(at("2018-12-04", "09:01"));
    expect(await runPatrolJobs(deps)).toMatchObject({ escalated: 1 });
  });
});
