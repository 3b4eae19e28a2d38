/** Periods of quarterly forms (每季度末), pure: due dates, the period a report is kept under, labels. */
import { describe, expect, it } from "vitest";
import type { PlanInput } from "../campaigns/schema.js";
import { testPlan } from "../../../test/support/plan.js";
import { dueDateOf, formPeriodLabel, formPeriodMonths, formPeriodOf, isLate, quarterLabel } from "./period.js";

const plan = (rule: Record<string, unknown>) =>
  testPlan({
    deadlines: [{ key: "quarterly-report", title: "季度报表", kind: "recurring", rule, form: "self-check", action: "submit" } as NonNullable<PlanInput["deadlines"]>[number]],
    forms: [{ key: "self-check", title: "季度自查表" }],
  });

const q = plan({ every: "quarter", day: "last" });
const m = plan({ every: "month", day: 25 });

describe("quarterly forms", () => {
  it("are due on the quarter's last day in its last month, and owe nothing in the other months", () => {
    const due = (p: string) => dueDateOf(q, "selfCheck", p)?.due ?? null;
    expect(["2021-03", "2021-06", "2021-09", "2021-12"].map(due)).toEqual(["2021-03-31", "2021-06-30", "2021-09-30", "2021-12-31"]);
    expect(["2021-01", "2021-02", "2021-04", "2021-11"].map(due)).toEqual([null, null, null, null]);
    expect(dueDateOf(q, "selfCheck", "2021-03")).toEqual({ deadlineKey: "quarterly-report", due: "2021-03-31", forms: ["selfCheck"] });
    // a monthly rule is untouched
    expect(dueDateOf(m, "selfCheck", "2021-02")?.due).toBe("2021-02-25");
  });

  it("are late only once the quarter's last day is over", () => {
    const due = dueDateOf(q, "selfCheck", "2021-03")!.due;
    expect(isLate(due, new Date("2021-03-31T15:59:00Z"), "Asia/Shanghai")).toBe(false);
    expect(isLate(due, new Date("2021-03-31T16:00:00Z"), "Asia/Shanghai")).toBe(true);
    expect(isLate(dueDateOf(q, "selfCheck", "2021-02")?.due ?? null, new Date("2021-12-31T00:00:00Z"), "Asia/Shanghai")).toBe(false);
  });

  it("are kept under the quarter's last month, labelled by quarter, and cover its three months", () => {
    expect(["2021-01", "2021-02", "2021-03", "2021-10", "2021-12"].map((p) => formPeriodOf(q, "selfCheck", p))).toEqual(["2021-03", "2021-03", "2021-03", "2021-12", "2021-12"]);
    expect(formPeriodLabel(q, "selfCheck", "2021-03")).toBe("2021年第一季度");
    expect(quarterLabel("2021-11")).toBe("2021年第四季度");
    expect(formPeriodMonths(q, "selfCheck", "2021-06")).toEqual(["2021-04", "2021-05", "2021-06"]);
    // monthly forms: the month itself
    expect(formPeriodOf(m, "selfCheck", "2021-02")).toBe("2021-02");
    expect(formPeriodLabel(m, "selfCheck", "2021-02")).toBe("2021年2月");
    expect(formPeriodMonths(m, "selfCheck", "2021-02")).toEqual(["2021-02"]);
  });
});
