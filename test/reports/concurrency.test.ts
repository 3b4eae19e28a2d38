/** Double clicks that arrive together: one patrol report, one finding, one submission row. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDb, dbProviders, type TestDb } from "../support/db.js";
import { ManualClock } from "../../src/core/clock.js";
import { localDateToInstant } from "../../src/core/calendar.js";
import { runPatrolJobs } from "../../src/domains/reports/jobs.js";
import { setRoster } from "../../src/domains/reports/patrol-service.js";
import { submitPatrol } from "../../src/domains/reports/patrol-flows.js";
import { submitPeriodic } from "../../src/domains/reports/form-flows.js";
import { selfCheckItems } from "../../src/domains/reports/forms/self-check.js";
import { activateLuozhuang, depsFor, CAMPAIGN, ADMIN_A, PRINCIPAL_A, TEACHER_A } from "./support.js";

const at = (date: string, time: string) => localDateToInstant(date, time, "Asia/Shanghai");

describe.each(dbProviders())("concurrent submits (%s)", (provider) => {
  let t: TestDb;
  const clock = new ManualClock(at("2018-10-08", "16:20"));
  let deps: ReturnType<typeof depsFor>;
  beforeAll(async () => {
    t = await freshDb(provider);
    deps = depsFor(t.db, clock);
    await activateLuozhuang(t.db, clock.now());
    await setRoster(t.db, { campaignId: CAMPAIGN, unitKey: "school-a", entries: [{ slot: "afterSchool", weekdays: [1, 2, 3, 4, 5], areas: ["gate"], patrollerOpenId: TEACHER_A }], actor: ADMIN_A, source: "chat", now: clock.now() });
  }, 60_000);
  afterAll(async () => t?.cleanup());

  it("two submits of one patrol card make one report and one finding", async () => {
    await Promise.all([runPatrolJobs(deps), runPatrolJobs(deps)]);
    const patrols = await t.db.prisma.patrol.findMany();
    expect(patrols).toHaveLength(1);
    expect(await t.db.prisma.outboxMessage.count({ where: { idempotencyKey: { startsWith: "patrol:prompt:" } } })).toBe(1);
    clock.set(at("2018-10-08", "17:40"));
    const fv = { areas: ["gate"], start: "2018-10-08 16:30 +0800", end: "2018-10-08 17:30 +0800", result: "hazard", seen: "校门口护栏松动" };
    const rs = await Promise.all([1, 2, 3].map(() => submitPatrol(deps, { openId: TEACHER_A, value: { patrolId: patrols[0].id }, formValue: fv })));
    expect(rs.every((r) => r.toast?.type !== "error")).toBe(true);
    expect(await t.db.prisma.finding.count()).toBe(1);
    expect(await t.db.prisma.trackedItem.count({ where: { sourceType: "finding" } })).toBe(1);
  });

  it("simultaneous edits of one 自查表 become successive versions of one row", async () => {
    clock.set(at("2018-10-20", "10:00"));
    const base: Record<string, string> = { principalName: "张校长", studentCount: "860", teacherCount: "52", contactPerson: "王主任", contactPhone: "13900000001", teacherTrainingTimes: "1", teacherTrainingPeople: "52", studentEducationTimes: "1", studentEducationPeople: "860", parentLecturesTimes: "0", parentLecturesPeople: "0" };
    for (const i of selfCheckItems) if (i.type === "yes_no") base[i.fields[0].key] = "yes";
    const value = { campaignId: CAMPAIGN, form: "selfCheck", unitKey: "school-a", period: "2018-10" };
    await Promise.all([PRINCIPAL_A, ADMIN_A].map((who) => submitPeriodic(deps, { openId: who, value, formValue: base })));
    expect(await t.db.prisma.reportSubmission.count()).toBe(1);
    const edits = await Promise.all(["甲", "乙", "丙"].map((x) => submitPeriodic(deps, { openId: ADMIN_A, value, formValue: { ...base, specialWork: x } })));
    expect(edits.every((r) => r.toast?.type === "success")).toBe(true);
    const row = await t.db.prisma.reportSubmission.findFirstOrThrow();
    expect(row.version).toBe(4);
  });
});
