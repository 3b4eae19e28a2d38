/** When bulletins go out (pure): the plan's day/time, the default after the monthly deadline, 通报 and phase ends. */
import { describe, expect, it } from "vitest";
import type { PlanInput } from "../../src/domains/campaigns/schema.js";
import { testPlan } from "../support/plan.js";
import { allBulletinSpecs, dueBulletinSpecs, monthlyPostDate } from "../../src/domains/bulletins/schedule.js";
import { monthsWindow, previousWindow } from "../../src/domains/bulletins/window.js";
import { normalizeMonth, parseMonthlyArgs } from "../../src/domains/bulletins/schema.js";

const base = (over: Partial<PlanInput> = {}) =>
  testPlan({
    span: { start: "2021-09-14", end: "2021-12-31" },
    deadlines: [{ key: "monthly", title: "月报表", kind: "recurring", rule: { every: "month", day: 25 }, form: "monthlyReport", action: "submit" }],
    forms: [{ key: "monthlyReport", title: "月报表" }],
    ...over,
  });

describe("monthly posting time", () => {
  it("defaults to the day after the monthly deadline, 09:00 local", () => {
    const plan = base();
    expect(monthlyPostDate(plan, "2021-10")).toBe("2021-10-26");
    const oct = allBulletinSpecs(plan).find((s) => s.kind === "monthly" && s.window.key === "2021-10")!;
    expect(oct.dueAt.toISOString()).toBe("2021-10-26T01:00:00.000Z");
  });

  it("uses the plan's bulletins day and time; a day before the deadline moves to the next month", () => {
    expect(monthlyPostDate(base({ bulletins: { day: 27, time: "15:30", to: [] } }), "2021-10")).toBe("2021-10-27");
    const plan = base({ bulletins: { day: 5, time: "15:30", to: [] } });
    expect(monthlyPostDate(plan, "2021-10")).toBe("2021-11-05");
    const oct = allBulletinSpecs(plan).find((s) => s.window.key === "2021-10")!;
    expect(oct.dueAt.toISOString()).toBe("2021-11-05T07:30:00.000Z");
  });

  it("without a monthly deadline: the 1st of the next month", () => {
    expect(monthlyPostDate(base({ deadlines: [], forms: [] }), "2021-12")).toBe("2022-01-01");
  });

  it("one monthly bulletin per month of the span", () => {
    expect(allBulletinSpecs(base()).filter((s) => s.kind === "monthly").map((s) => s.window.key)).toEqual(["2021-09", "2021-10", "2021-11", "2021-12"]);
  });

  it("is due from its time for a week, not before and not after", () => {
    const plan = base();
    expect(dueBulletinSpecs(plan, new Date("2021-10-26T00:59:00Z")).map((s) => s.window.key)).not.toContain("2021-10");
    expect(dueBulletinSpecs(plan, new Date("2021-10-26T01:00:00Z")).map((s) => s.window.key)).toContain("2021-10");
    expect(dueBulletinSpecs(plan, new Date("2021-11-02T00:59:00Z")).map((s) => s.window.key)).toContain("2021-10");
    expect(dueBulletinSpecs(plan, new Date("2021-11-02T01:00:00Z")).map((s) => s.window.key)).not.toContain("2021-10");
  });
});

describe("bimonthly 通报 and phase-end summaries", () => {
  it("an every-2-months 通报 covers the two months up to it; none without an anchor", () => {
    const d = { key: "bimonthly-bulletin", title: "通报各学校学生欺凌事件发生情况", kind: "recurring" as const, action: "happen" as const };
    const anchored = base({ deadlines: [{ ...d, rule: { every: "2 months", anchor: "2021-10-31" } }], forms: [] });
    const b = allBulletinSpecs(anchored).filter((s) => s.kind === "bimonthly");
    expect(b.map((s) => [s.window.key, s.postDate])).toEqual([["2021-09~2021-10", "2021-10-31"], ["2021-11~2021-12", "2021-12-31"]]);
    expect(b[0].window.label).toBe("2021年9月至10月");
    const unanchored = base({ deadlines: [{ ...d, rule: { every: "2 months", anchor: null } }], forms: [] });
    expect(allBulletinSpecs(unanchored).filter((s) => s.kind === "bimonthly")).toEqual([]);
  });

  it("a phase that asks for 通报 gets a summary the day after it ends", () => {
    const plan = base({
      phases: [
        { key: "rectification", name: "攻坚整治阶段", start: "2021-09-26", end: "2021-11-30" },
        { key: "inspection", name: "督导检查阶段", start: "2021-12-01", end: "2021-12-30", tasks: "督导检查并通报" },
      ],
    });
    const p = allBulletinSpecs(plan).filter((s) => s.kind === "phase");
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ postDate: "2021-12-31", window: { key: "inspection", firstDay: "2021-12-01", lastDay: "2021-12-30" } });
  });

  it("previous windows: month before, and the N months before", () => {
    expect(previousWindow(monthsWindow("2021-10", 1))!.key).toBe("2021-09");
    expect(previousWindow(monthsWindow("2021-12", 2))!.key).toBe("2021-09~2021-10");
    expect(previousWindow({ key: "inspection", label: "x", firstDay: "2021-12-01", lastDay: "2021-12-30" })).toBeNull();
  });
});

describe("月报 arguments", () => {
  it("accepts the usual ways of writing a month", () => {
    expect(normalizeMonth("2021-10")).toBe("2021-10");
    expect(normalizeMonth("2021-1")).toBe("2021-01");
    expect(normalizeMonth("2021年10月")).toBe("2021-10");
    expect(normalizeMonth("2021/10")).toBe("2021-10");
    expect(normalizeMonth("2021-13")).toBeNull();
    expect(parseMonthlyArgs("2021-10 beiguan-2021")).toEqual({ month: "2021-10", planId: "beiguan-2021" });
    expect(parseMonthlyArgs("")).toEqual({ month: null, planId: null });
    expect(() => parseMonthlyArgs("十月")).toThrow(/无法识别/);
  });
});
