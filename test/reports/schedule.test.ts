import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { WorkCalendar, localDateToInstant } from "../../src/core/calendar.js";
import { isQuiet, patrolsOn, slotTimes } from "../../src/domains/reports/patrol-schedule.js";
import { dueDateOf, isLate } from "../../src/domains/reports/period.js";
import { parsePatrolForm } from "../../src/domains/reports/schema.js";
import { luozhuangPlan } from "./support.js";

const cal = new WorkCalendar();
const weekdays = { slot: "afterSchool", startTime: "16:30", endTime: "17:30", weekdays: [1, 2, 3, 4, 5] };

describe("patrol schedule", () => {
  it("follows the official calendar: no patrol in 国庆, one on a 调休 Saturday", () => {
    expect(patrolsOn(weekdays, "2018-10-03", cal)).toBe(false); // Wednesday, 国庆
    expect(patrolsOn(weekdays, "2018-09-29", cal)).toBe(true); // Saturday, 调休 school day
    expect(patrolsOn(weekdays, "2018-10-13", cal)).toBe(false); // ordinary Saturday
    expect(patrolsOn({ ...weekdays, weekdays: [7] }, "2018-10-14", cal)).toBe(true); // a boarding school's Sunday 晚自习
  });

  it("prompts 15 minutes ahead, is due 30 minutes after the slot, escalates 2 hours later", () => {
    const t = slotTimes(weekdays, "2018-10-08", "Asia/Shanghai");
    expect(t.promptAt.toISOString()).toBe("2018-10-08T08:15:00.000Z");
    expect(t.dueAt.toISOString()).toBe("2018-10-08T10:00:00.000Z");
    expect(t.escalateAt.toISOString()).toBe("2018-10-08T12:00:00.000Z");
  });

  it("quiet hours across midnight", () => {
    const tz = "Asia/Shanghai";
    expect(isQuiet(localDateToInstant("2018-10-08", "23:30", tz), tz)).toBe(true);
    expect(isQuiet(localDateToInstant("2018-10-08", "06:59", tz), tz)).toBe(true);
    expect(isQuiet(localDateToInstant("2018-10-08", "07:00", tz), tz)).toBe(false);
    expect(isQuiet(localDateToInstant("2018-10-08", "21:59", tz), tz, { start: "22:00", end: "07:30" })).toBe(false);
  });
});

describe("due dates of the periodic forms (seed 001)", () => {
  const plan = luozhuangPlan();
  it("月报表 and 自查表 share “每月25日前”, and the deadline needs both", () => {
    expect(dueDateOf(plan, "monthlyReport", "2018-10")).toEqual({ deadlineKey: "monthly-report", due: "2018-10-25", forms: ["monthlyReport", "selfCheck"] });
    expect(dueDateOf(plan, "selfCheck", "2018-02")).toEqual({ deadlineKey: "monthly-report", due: "2018-02-25", forms: ["monthlyReport", "selfCheck"] });
  });
  it("late only after the whole due day (local)", () => {
    const tz = "Asia/Shanghai";
    expect(isLate("2018-10-25", localDateToInstant("2018-10-25", "23:59", tz), tz)).toBe(false);
    expect(isLate("2018-10-25", localDateToInstant("2018-10-26", "00:00", tz), tz)).toBe(true);
    expect(isLate(null, new Date(), tz)).toBe(false);
  });
});

describe("patrol card input", () => {
  const now = new Date("2018-10-08T10:00:00Z");
  const areaKeys = ["gate", "toilets"];
  it("never throws and never accepts a forged area or result, whatever arrives", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("areas", "start", "end", "result", "seen", "actionTaken", "followUpNeeded", "followUpDue", "x"), fc.oneof(fc.string(), fc.array(fc.string()), fc.boolean(), fc.constant(null))), (raw) => {
        const r = parsePatrolForm(raw, { now, areaKeys });
        if (r.values) {
          expect(r.values.areas.every((a) => areaKeys.includes(a))).toBe(true);
          expect(["none", "hazard", "earlySign"]).toContain(r.values.result);
        } else expect(r.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
  it("reads Lark's picker format and refuses a patrol that ends in the future", () => {
    const r = parsePatrolForm({ areas: ["gate"], start: "2018-10-08 16:30 +0800", end: "2018-10-08 18:30 +0800", result: "none" }, { now, areaKeys });
    expect(r.errors.map((e) => e.message)).toEqual(["“结束时间”不能晚于当前时间"]);
    const ok = parsePatrolForm({ areas: ["gate"], start: "2018-10-08 16:30 +0800", end: "2018-10-08 17:30 +0800", result: "none" }, { now, areaKeys });
    expect(ok.values?.endedAt.toISOString()).toBe("2018-10-08T09:30:00.000Z");
  });
});
