import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planSchema, type PlanInput } from "../campaigns/schema.js";
import { computeSteps, dueReminders, EMPTY_STATE, type ReminderState, type TrackedView } from "./schedule.js";
import { durationDays, endOfQuiet, isQuiet, isoWithOffset, wallInstant } from "./time.js";

const TZ = "Asia/Shanghai";
const t = (date: string, time = "09:00") => wallInstant(date, time, TZ);
const iso = (d: Date) => isoWithOffset(d, TZ).slice(0, 16);

function plan(over: Partial<PlanInput> = {}) {
  return planSchema.parse({
    id: "p",
    title: "测试行动",
    issuer: "区教育局",
    docNumber: null,
    issuedOn: "2021-09-01",
    span: { start: "2021-09-01", end: "2021-12-31" },
    leadershipGroup: {
      members: [
        { key: "boss", name: "组长", role: "leader", contact: { openId: "ou_boss" } },
        { key: "dir", name: "主任", role: "deputy", concurrent: ["officeDirector"], contact: { openId: "ou_dir" } },
      ],
      office: { department: "安全办", director: "主任" },
    },
    units: [{ key: "a", name: "甲校", kind: "school", admins: [{ key: "p", name: "甲校长", role: "principal" }] }],
    deadlines: [{ key: "d", title: "报表", kind: "once", due: "2021-10-08", assignees: { unitKind: "school" } }],
    ...over,
  });
}

describe("time helpers", () => {
  it("quiet hours across midnight", () => {
    const q = { start: "21:00", end: "07:30" };
    expect(isQuiet(t("2021-10-12", "20:59"), TZ, q)).toBe(false);
    expect(isQuiet(t("2021-10-12", "21:00"), TZ, q)).toBe(true);
    expect(isQuiet(t("2021-10-13", "07:29"), TZ, q)).toBe(true);
    expect(isQuiet(t("2021-10-13", "07:30"), TZ, q)).toBe(false);
    expect(iso(endOfQuiet(t("2021-10-12", "22:15"), TZ, q))).toBe("2021-10-13T07:30");
    expect(iso(endOfQuiet(t("2021-10-13", "03:00"), TZ, q))).toBe("2021-10-13T07:30");
    expect(iso(endOfQuiet(t("2021-10-13", "12:00"), TZ, { start: "12:00", end: "13:30" }))).toBe("2021-10-13T13:30");
  });

  it("ISO with the plan's offset, durations in days", () => {
    expect(isoWithOffset(t("2021-09-14"), TZ)).toBe("2021-09-14T09:00:00+08:00");
    expect(isoWithOffset(new Date("2021-07-01T12:00:00Z"), "Europe/Berlin")).toBe("2021-07-01T14:00:00+02:00");
    expect([durationDays("P7D"), durationDays("P0D"), durationDays("PT12H"), durationDays("P1DT1H")]).toEqual([7, 0, 1, 2]);
  });
});

describe("computeSteps", () => {
  it("a deadline right after National Day: the ladder skips the holiday and lands on working days", () => {
    // due Fri 10-08 (a working day); T-7 10-01 holiday → 9-30; T-3 10-05 → 9-30; T-1 10-07 → 9-30; T-0 10-08
    const steps = computeSteps(plan(), EMPTY_STATE, { from: t("2021-09-01", "00:00"), to: t("2021-10-09", "23:00") });
    expect(steps.filter((s) => s.kind === "deadline").map((s) => `${iso(s.at)} ${s.step}`)).toEqual(["2021-09-30T09:00 T-1", "2021-10-08T09:00 T-0"]);
    // late on Sat 10-09 — a make-up workday — so the first overdue nudge and the escalation are that day
    expect(steps.filter((s) => s.kind !== "deadline").map((s) => `${iso(s.at)} ${s.kind} ${s.recipient}`)).toEqual([
      "2021-10-09T09:00 overdue member:a.p",
    ]);
  });

  it("escalates to the office director, then one working day later to the leader", () => {
    const steps = computeSteps(plan(), EMPTY_STATE, { from: t("2021-10-09", "00:00"), to: t("2021-10-20", "23:00") });
    expect(steps.filter((s) => s.kind === "escalation").map((s) => `${iso(s.at)} ${s.step} ${s.recipient} ${s.lateSubjects!.map((x) => x.name)}`)).toEqual([
      "2021-10-11T09:00 escalate:officeDirector member:office.director 甲校",
      "2021-10-12T09:00 escalate:leader member:lg.boss 甲校",
    ]);
  });

  it("a completion stops everything for that unit, an acknowledgement only the steps before the deadline", () => {
    const done: ReminderState = { ...EMPTY_STATE, completions: [{ itemKey: "d", periodKey: "2021-10", subject: "unit:a" }] };
    expect(computeSteps(plan(), done, { from: t("2021-09-01"), to: t("2021-12-31") })).toEqual([]);
    const acked: ReminderState = { ...EMPTY_STATE, acks: [{ itemKey: "d", periodKey: "2021-10", memberKey: "member:a.p", kind: "ack", at: t("2021-09-30", "10:00") }] };
    const steps = computeSteps(plan(), acked, { from: t("2021-09-01"), to: t("2021-10-09", "23:00") });
    expect(steps.map((s) => s.step)).toEqual(["T-1", "overdue:2021-10-09"]);
  });

  it("a tracked item with a due instant: its steps avoid quiet hours", () => {
    const item: TrackedView = {
      key: "incident:1:investigation",
      title: "调查",
      dueAt: t("2021-10-12", "22:30"),
      dueDate: null,
      openIds: ["ou_x"],
      memberKeys: [],
      unitKey: null,
      escalateTo: ["officeDirector"],
      escalateAfter: "PT1H",
      ladder: ["P1D", "PT2H"],
      critical: true,
      createdAt: t("2021-10-02"),
      closedAt: null,
    };
    const steps = computeSteps(plan({ deadlines: [] }), { ...EMPTY_STATE, tracked: [item] }, { from: t("2021-10-10"), to: t("2021-10-14", "23:00") });
    expect(steps.map((s) => `${iso(s.at)} ${s.kind} ${s.step} ${s.recipient}${s.critical ? " critical" : ""}`)).toEqual([
      // a day before is 10-11 22:30 — quiet — so 07:30 the next morning
      "2021-10-12T07:30 deadline T-P1D user:ou_x critical",
      "2021-10-12T20:30 deadline T-PT2H user:ou_x critical",
      "2021-10-13T07:30 escalation escalate:officeDirector member:office.director critical",
      "2021-10-13T07:30 overdue overdue:2021-10-13 user:ou_x critical",
      "2021-10-14T09:00 overdue overdue:2021-10-14 user:ou_x critical",
    ]);
    const closed = computeSteps(plan({ deadlines: [] }), { ...EMPTY_STATE, tracked: [{ ...item, closedAt: t("2021-10-11") }] }, { from: t("2021-10-10"), to: t("2021-10-14") });
    expect(closed).toEqual([]);
  });
});

describe("dueReminders", () => {
  it("nothing in quiet hours; after downtime only the latest step of a group, the rest skipped", () => {
    const p = plan();
    const since = t("2021-09-01", "00:00");
    expect(dueReminders(p, EMPTY_STATE, t("2021-10-09", "22:00"), { since, recorded: new Set() })).toEqual({ due: [], skipped: [] });
    const r = dueReminders(p, EMPTY_STATE, t("2021-10-09", "11:00"), { since, recorded: new Set() });
    expect(r.due.map((s) => `${s.step} ${s.late}`)).toEqual(["overdue:2021-10-09 true"]);
    expect(r.skipped.map((s) => s.step)).toEqual(["T-1", "T-0"]);
  });

  it("property: whatever the sweep times, a step is sent at most once and the last one due is never lost", () => {
    const p = plan();
    const base = t("2021-09-28", "00:00").getTime();
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 16 * 24 * 4 }), { minLength: 1, maxLength: 40 }), (quarterHours) => {
        const times = quarterHours.sort((a, b) => a - b).map((q) => new Date(base + q * 15 * 60_000));
        const recorded = new Set<string>();
        const sent: string[] = [];
        for (const now of times) {
          const r = dueReminders(p, EMPTY_STATE, now, { since: new Date(base), recorded });
          for (const s of r.due) {
            expect(recorded.has(s.key)).toBe(false);
            recorded.add(s.key);
            sent.push(s.key);
          }
          for (const s of r.skipped) recorded.add(s.key);
        }
        // every step due by the last non-quiet sweep was recorded (sent or superseded)
        const last = [...times].reverse().find((x) => !isQuiet(x, TZ, { start: "21:00", end: "07:30" }));
        if (last) for (const s of computeSteps(p, EMPTY_STATE, { from: new Date(base), to: last })) expect(recorded.has(s.key)).toBe(true);
        expect(new Set(sent).size).toBe(sent.length);
      }),
      { numRuns: 60 },
    );
  });
});
