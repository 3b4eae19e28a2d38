/** Quarterly (每季度末) 通报, pure: when they are posted, what they cover, their keys and labels. */
import { describe, expect, it } from "vitest";
import type { PlanInput } from "../campaigns/schema.js";
import { testPlan } from "../../../test/support/plan.js";
import { bulletinTitle } from "../../../cards/bulletins/summary.js";
import { allBulletinSpecs, dueBulletinSpecs, periodicNotice } from "./schedule.js";
import { owedItems } from "./owed.js";
import { previousWindow, quarterWindow } from "./window.js";
import type { Summary } from "./types.js";

const quarterly = { key: "quarterly-bulletin", title: "每季度末通报各学校学生欺凌事件发生情况", kind: "recurring" as const, rule: { every: "quarter" as const, day: "last" as const }, action: "happen" as const };
const monthly = { key: "monthly", title: "月报表", kind: "recurring" as const, rule: { every: "month" as const, day: 25 }, form: "monthlyReport", action: "submit" as const };

const plan = (over: Partial<PlanInput> = {}) => testPlan({ deadlines: [monthly, quarterly], forms: [{ key: "monthlyReport", title: "月报表" }], ...over });

const quarters = (p: ReturnType<typeof plan>) => allBulletinSpecs(p).filter((s) => s.kind === "quarterly");

describe("quarterly 通报", () => {
  it("one per quarter, posted on the quarter's last day at the bulletin time, covering its three months", () => {
    const q = quarters(plan());
    expect(q.map((s) => [s.window.key, s.window.label, s.window.firstDay, s.window.lastDay, s.postDate])).toEqual([
      ["2021-Q1", "2021年第一季度", "2021-01-01", "2021-03-31", "2021-03-31"],
      ["2021-Q2", "2021年第二季度", "2021-04-01", "2021-06-30", "2021-06-30"],
      ["2021-Q3", "2021年第三季度", "2021-07-01", "2021-09-30", "2021-09-30"],
      ["2021-Q4", "2021年第四季度", "2021-10-01", "2021-12-31", "2021-12-31"],
    ]);
    // 09:00 Asia/Shanghai
    expect(q[0].dueAt.toISOString()).toBe("2021-03-31T01:00:00.000Z");
    expect(quarters(plan({ bulletins: { time: "15:30", to: [] } }))[1].dueAt.toISOString()).toBe("2021-06-30T07:30:00.000Z");
  });

  it("only inside the plan's span: a campaign from 09-14 to the next March gets Q3, Q4 and Q1", () => {
    expect(quarters(plan({ span: { start: "2021-09-14", end: "2022-03-31" } })).map((s) => s.window.key)).toEqual(["2021-Q3", "2021-Q4", "2022-Q1"]);
  });

  it("is due from its instant for the grace week, like the others", () => {
    const p = plan();
    const keys = (iso: string) => dueBulletinSpecs(p, new Date(iso)).filter((s) => s.kind === "quarterly").map((s) => s.window.key);
    expect(keys("2021-03-31T00:59:00Z")).toEqual([]);
    expect(keys("2021-03-31T01:00:00Z")).toEqual(["2021-Q1"]);
    expect(keys("2021-04-07T00:59:00Z")).toEqual(["2021-Q1"]);
    expect(keys("2021-04-07T01:00:00Z")).toEqual([]);
  });

  it("a quarterly deadline that is not a 通报 (a 季度报表 to submit) posts nothing; every 3 months stays an N-months 通报", () => {
    const form = { ...quarterly, key: "quarterly-form", title: "季度报表", action: "submit" as const, form: "monthlyReport" };
    expect(quarters(plan({ deadlines: [monthly, form] }))).toEqual([]);
    expect(periodicNotice(form)).toBeNull();
    expect(periodicNotice(monthly)).toBeNull();
    const every3 = { ...quarterly, key: "every3", rule: { every: "3 months", anchor: "2021-03-31" } };
    const s = allBulletinSpecs(plan({ deadlines: [every3] })).filter((x) => x.kind === "bimonthly");
    expect(s[0].window).toMatchObject({ key: "2021-01~2021-03", label: "2021年1月至3月" });
  });

  it("a notice that asks twice (two quarterly 通报 deadlines) still gets one bulletin per quarter", () => {
    const twice = plan({ deadlines: [quarterly, { ...quarterly, key: "again", title: "季度通报" }] });
    expect(quarters(twice).map((s) => s.window.key)).toEqual(["2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4"]);
  });

  it("compares with the previous quarter, across the year too", () => {
    expect(previousWindow(quarterWindow("2021-08"))).toEqual(quarterWindow("2021-04"));
    expect(previousWindow(quarterWindow("2021-01"))).toMatchObject({ key: "2020-Q4", label: "2020年第四季度", firstDay: "2020-10-01", lastDay: "2020-12-31" });
  });

  it("is titled as a 通报 of the quarter", () => {
    const summary = { window: quarterWindow("2021-03") } as Summary;
    expect(bulletinTitle({ summary, kind: "quarterly" })).toBe("学生欺凌事件发生情况通报（2021年第一季度）");
  });
});

describe("what a quarter's bulletin counts as owed", () => {
  const units = [{ key: "s1", name: "一中", kind: "school" }];
  it("only what falls inside the campaign: Q3 of a campaign starting 09-14 owes September's 月报表, not July's or August's", () => {
    const p = plan({ span: { start: "2021-09-14", end: "2022-03-31" } });
    expect(owedItems(p, units, quarterWindow("2021-09")).map((i) => i.due)).toEqual(["2021-09-25"]);
    expect(owedItems(p, units, quarterWindow("2021-12")).map((i) => i.due)).toEqual(["2021-10-25", "2021-11-25", "2021-12-25"]);
    expect(owedItems(p, units, quarterWindow("2022-06"))).toEqual([]);
  });

  it("a quarterly form is owed once, under its quarter's last month", () => {
    const form = { ...quarterly, key: "quarterly-form", title: "季度报表", action: "submit" as const, form: "selfCheck" };
    const items = owedItems(plan({ deadlines: [form], forms: [{ key: "selfCheck", title: "季度自查表" }] }), units, quarterWindow("2021-05"));
    expect(items.map((i) => [i.due, i.periodKey, i.submissionPeriod])).toEqual([["2021-06-30", "2021-06", "2021-06"]]);
  });
});
