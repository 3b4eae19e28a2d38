/** The pure aggregation: states as of the cutoff, owed items from ItemCompletion, pending vs missing. */
import { describe, expect, it } from "vitest";
import { planSchema } from "../../src/domains/campaigns/schema.js";
import { summarize, type CaseFact, type Facts } from "../../src/domains/bulletins/aggregate.js";
import { assignedUnits } from "../../src/domains/bulletins/owed.js";
import { monthWindow } from "../../src/domains/bulletins/window.js";

const plan = planSchema.parse({
  id: "p",
  title: "专项行动",
  issuer: null,
  docNumber: null,
  issuedOn: null,
  span: { start: "2021-09-14", end: "2021-12-31" },
  deadlines: [
    // not a reports-domain form: its completion is an ItemCompletion (reminders' 已完成)
    { key: "check", title: "月度排查情况", kind: "recurring", rule: { every: "month", day: 25 }, form: "monthly-check", action: "submit", assignees: { unitKind: "school" } },
    { key: "weekly", title: "周报", kind: "recurring", rule: { every: "week", weekday: 5 }, action: "submit" },
    { key: "bulletin", title: "通报", kind: "recurring", rule: { every: "2 months", anchor: "2021-10-31" }, action: "happen", assignees: { departments: ["安全科"] } },
  ],
  forms: [{ key: "monthly-check", title: "月度排查情况" }],
});

const L = (s: string) => new Date(`${s}+08:00`);
const kase = (over: Partial<CaseFact>): CaseFact => ({
  unitKey: "a",
  severity: "minor",
  major: false,
  kindPhysical: true,
  kindVerbal: false,
  kindCyber: false,
  kindProperty: false,
  kindExclusion: false,
  location: "inSchool",
  openedAt: L("2021-10-03T10:00:00"),
  closedAt: null,
  investigatedAt: null,
  investigationDueAt: L("2021-10-13T10:00:00"),
  reportDueAt: null,
  reportSubmittedAt: null,
  ...over,
});

const facts = (over: Partial<Facts> = {}): Facts => ({
  units: [
    { key: "a", name: "甲校", kind: "school" },
    { key: "b", name: "乙校", kind: "school" },
    { key: "d", name: "教育股", kind: "department" },
  ],
  cases: [],
  patrols: [],
  findings: [],
  submissions: [],
  completions: [],
  memberUnits: { "b.principal": "b" },
  ...over,
});

const run = (f: Facts, now: string) => summarize({ campaignId: "p", campaignTitle: "专项行动", plan, facts: f, window: monthWindow("2021-10"), now: new Date(now) });

describe("as of the cutoff", () => {
  it("a case closed in November is open (and overdue) in October's figures, whenever computed", () => {
    const f = facts({ cases: [kase({ closedAt: L("2021-11-05T10:00:00"), investigatedAt: L("2021-11-01T10:00:00"), reportDueAt: L("2021-11-10T10:00:00") })] });
    for (const now of ["2021-11-01T00:00:00Z", "2021-12-25T00:00:00Z"]) {
      const s = run(f, now);
      expect(s.totals.cases).toMatchObject({ opened: 1, closed: 0, open: 1, overdue: 1 });
      expect(s.asOf).toBe("2021-10-31T16:00:00.000Z");
    }
    // mid-October, before the 10-day investigation clock ran out: not overdue yet
    expect(run(f, "2021-10-12T00:00:00Z").totals.cases.overdue).toBe(0);
  });

  it("closed without its 情况报告 is overdue after the report due; reported in time is not", () => {
    const closed = { closedAt: L("2021-10-05T10:00:00"), investigatedAt: L("2021-10-04T10:00:00"), reportDueAt: L("2021-10-10T10:00:00") };
    const s = run(facts({ cases: [kase(closed), kase({ ...closed, unitKey: "b", reportSubmittedAt: L("2021-10-08T10:00:00") })] }), "2021-10-26T01:00:00Z");
    expect(s.units.find((u) => u.unitKey === "a")!.cases.overdue).toBe(1);
    expect(s.units.find((u) => u.unitKey === "b")!.cases.overdue).toBe(0);
    expect(s.totals.cases.closed).toBe(2);
  });
});

describe("owed reports", () => {
  it("pending until the due day is over, then missing; a completion by a unit's member counts for the unit", () => {
    const completions = [{ itemKey: "check", periodKey: "2021-10", subject: "member:b.principal", at: L("2021-10-24T10:00:00"), late: false }];
    const onDue = run(facts({ completions }), "2021-10-25T12:00:00Z"); // 20:00 local on the 25th
    expect(onDue.units.find((u) => u.unitKey === "a")!.items[0].state).toBe("pending");
    expect(onDue.units.find((u) => u.unitKey === "a")!.submitted).toBeNull();
    const after = run(facts({ completions }), "2021-10-26T01:00:00Z");
    expect(after.units.find((u) => u.unitKey === "a")!.submitted).toBe("missing");
    expect(after.units.find((u) => u.unitKey === "b")!.submitted).toBe("on-time");
    expect(after.missing).toEqual([{ unitKey: "a", unit: "甲校", items: ["月度排查情况"] }]);
    // weekly items and the bureau's own 通报 are not owed by anyone here; the department owes nothing
    expect(after.totals.reports.owed).toBe(2);
    expect(after.units.find((u) => u.unitKey === "d")!.submitted).toBeNull();
  });

  it("a completion after the cutoff does not count; one after the due day is late", () => {
    const completions = [
      { itemKey: "check", periodKey: "2021-10", subject: "unit:a", at: L("2021-10-26T08:00:00"), late: false },
      { itemKey: "check", periodKey: "2021-10", subject: "unit:b", at: L("2021-10-27T08:00:00"), late: true },
    ];
    const s = run(facts({ completions }), "2021-10-26T01:00:00Z");
    expect(s.units.map((u) => u.submitted)).toEqual(["late", "missing", null]);
  });

  it("assignment: unit kinds and keys, departments-only means no school, default is schools", () => {
    const units = facts().units;
    expect(assignedUnits(plan.deadlines[0], units).map((u) => u.key)).toEqual(["a", "b"]);
    expect(assignedUnits(plan.deadlines[2], units)).toEqual([]);
    expect(assignedUnits({ ...plan.deadlines[0], assignees: { units: ["d"] } }, units).map((u) => u.key)).toEqual(["d"]);
    expect(assignedUnits({ ...plan.deadlines[0], assignees: undefined }, units).map((u) => u.key)).toEqual(["a", "b"]);
  });
});

describe("patrols and findings", () => {
  it("a patrol not yet due is not owed; the rate is done/planned", () => {
    const patrols = [
      { unitKey: "a", date: "2021-10-20", status: "done", dueAt: L("2021-10-20T18:00:00") },
      { unitKey: "a", date: "2021-10-21", status: "missed", dueAt: L("2021-10-21T18:00:00") },
      { unitKey: "a", date: "2021-10-22", status: "planned", dueAt: L("2021-10-22T18:00:00") },
      { unitKey: "a", date: "2021-10-29", status: "planned", dueAt: L("2021-10-29T18:00:00") },
      { unitKey: "a", date: "2021-09-29", status: "done", dueAt: L("2021-09-29T18:00:00") },
    ];
    const s = run(facts({ patrols }), "2021-10-26T01:00:00Z");
    expect(s.units[0].patrols).toEqual({ planned: 3, done: 1, missed: 1, rate: 33.3 });
    expect(s.units[1].patrols.rate).toBeNull();
  });

  it("findings raised and closed in the month, open at the cutoff", () => {
    const findings = [
      { unitKey: "a", createdAt: L("2021-09-20T10:00:00"), closedAt: L("2021-10-02T10:00:00") },
      { unitKey: "a", createdAt: L("2021-10-05T10:00:00"), closedAt: null },
      { unitKey: "a", createdAt: L("2021-10-06T10:00:00"), closedAt: L("2021-11-01T10:00:00") },
    ];
    expect(run(facts({ findings }), "2021-12-01T00:00:00Z").totals.findings).toEqual({ raised: 2, closed: 1, open: 2 });
  });
});
