import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { apply, flowFor, FLOWS, stepViews, progress, type CaseState, type CaseCommand, type Flow } from "../../src/domains/incidents/workflow.js";
import { routeCase } from "../../src/domains/incidents/routing.js";

const at = new Date("2021-10-12T02:00:00Z");
const fresh = (flow: Flow): CaseState => ({ flow, status: "open", steps: {} });

function run(state: CaseState, cmds: CaseCommand[]): CaseState {
  for (const c of cmds) {
    const r = apply(state, c);
    if (!r.ok) throw new Error(r.message);
    state = r.state;
  }
  return state;
}

describe("flow selection", () => {
  it("picks the flow from place and severity", () => {
    expect(flowFor("inSchool", "minor")).toBe("inSchool");
    expect(flowFor("inSchool", "serious")).toBe("inSchool");
    expect(flowFor("inSchool", "criminal")).toBe("inSchoolCriminal");
    expect(flowFor("offCampus", "minor")).toBe("offCampus");
    expect(flowFor("offCampus", "criminal")).toBe("offCampus");
  });
});

describe("disposal state machine", () => {
  it("locks discipline until the police have finished (criminal and off-campus flows)", () => {
    for (const flow of ["inSchoolCriminal", "offCampus"] as const) {
      const s = fresh(flow);
      const r = apply(s, { type: "tick", step: "discipline", by: "u", at });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe("locked");
        expect(r.message).toContain("公安等相关部门处理结束");
      }
      expect(stepViews(s).find((v) => v.key === "discipline")?.status).toBe("locked");
      const after = run(s, [{ type: "tick", step: "policeDone", by: "u", at }]);
      expect(stepViews(after).find((v) => v.key === "discipline")?.status).toBe("open");
      expect(apply(after, { type: "tick", step: "discipline", by: "u", at }).ok).toBe(true);
    }
  });

  it("a skipped precondition does not unlock (skipping is not finishing)", () => {
    const s = run(fresh("inSchool"), []);
    // investigated is not skippable at all
    const r = apply(s, { type: "skip", step: "investigated", by: "u", at });
    expect(r.ok).toBe(false);
    expect(apply(s, { type: "tick", step: "parents", by: "u", at }).ok).toBe(false);
  });

  it("records who and when, refuses a second tick, and reports the end of the investigation", () => {
    const r = apply(fresh("inSchool"), { type: "tick", step: "investigated", by: "ou_p", at });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.state.steps.investigated).toMatchObject({ state: "done", by: "ou_p", at });
    expect(r.events.map((e) => e.type)).toEqual(["stepDone", "investigationFinished"]);
    const again = apply(r.state, { type: "tick", step: "investigated", by: "ou_p", at });
    expect(again.ok).toBe(false);
  });

  it("closes only when every step is done or marked 不适用, then takes the report once", () => {
    const s = fresh("inSchool");
    const early = apply(s, { type: "close", by: "u", at });
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.message).toContain("6 个处置步骤未完成");
    const done = run(s, [
      { type: "skip", step: "medical", by: "u", at },
      { type: "tick", step: "taskforce", by: "u", at },
      { type: "tick", step: "investigated", by: "u", at },
      { type: "tick", step: "parents", by: "u", at },
      { type: "tick", step: "counseling", by: "u", at },
      { type: "tick", step: "discipline", by: "u", at },
    ]);
    expect(progress(done)).toEqual({ done: 6, total: 6 });
    expect(apply(done, { type: "submitReport", by: "u", at }).ok).toBe(false);
    const closed = run(done, [{ type: "close", by: "u", at }]);
    expect(closed.status).toBe("closed");
    expect(apply(closed, { type: "tick", step: "medical", by: "u", at }).ok).toBe(false);
    const reported = run(closed, [{ type: "submitReport", by: "u", at }]);
    expect(reported.status).toBe("reported");
    expect(apply(reported, { type: "submitReport", by: "u", at }).ok).toBe(false);
  });

  it("refuses steps of another flow and unknown steps", () => {
    expect(apply(fresh("inSchool"), { type: "tick", step: "policeDone", by: "u", at }).ok).toBe(false);
    expect(apply(fresh("offCampus"), { type: "tick", step: "__proto__", by: "u", at }).ok).toBe(false);
  });

  it("property: whatever is clicked in whatever order, no step is ever done before what it requires", () => {
    const flows = Object.keys(FLOWS) as Flow[];
    const cmd = fc.record({
      type: fc.constantFrom("tick", "skip", "close", "submitReport"),
      step: fc.constantFrom(...new Set(Object.values(FLOWS).flatMap((f) => f.map((s) => s.key)))),
    });
    fc.assert(
      fc.property(fc.constantFrom(...flows), fc.array(cmd, { maxLength: 40 }), (flow, cmds) => {
        let s = fresh(flow);
        let t = 0;
        const order: string[] = [];
        for (const c of cmds) {
          const r = apply(s, { ...(c as { type: "tick"; step: string }), by: "u", at: new Date(at.getTime() + t++ * 1000) });
          if (r.ok) {
            s = r.state;
            for (const e of r.events) if (e.type === "stepDone") order.push(e.step);
          }
        }
        for (const def of FLOWS[flow]) {
          const i = order.indexOf(def.key);
          if (i < 0 || s.steps[def.key].state !== "done") continue;
          for (const req of def.requires ?? []) {
            const j = order.indexOf(req);
            expect(j).toBeGreaterThanOrEqual(0);
            expect(j).toBeLessThan(i);
            expect(s.steps[req].state).toBe("done");
          }
        }
        if (s.status !== "open") expect(progress(s).done).toBe(progress(s).total);
      }),
      { numRuns: 300 },
    );
  });
});

describe("routing", () => {
  const targets = (p: ReturnType<typeof routeCase>) => p.targets.map((t) => `${t.role}:${t.audience}${t.urgent ? ":urgent" : ""}`).sort();

  it("minor: the school's principal and governance committee only", () => {
    const p = routeCase({ severity: "minor", major: [], publicAttention: false });
    expect(targets(p)).toEqual(["governanceCommittee:detail", "principal:detail"]);
    expect(p.urgent).toBe(false);
  });

  it("serious: also the bureau safety office, not urgent", () => {
    expect(targets(routeCase({ severity: "serious", major: [], publicAttention: false }))).toEqual(["governanceCommittee:detail", "principal:detail", "safetyOffice:detail"]);
  });

  it("criminal or any 重特大 marker: safety office, office director and leader at once, urgent, with the checklist", () => {
    for (const c of [
      { severity: "criminal" as const, major: [] },
      { severity: "minor" as const, major: ["weapon" as const] },
    ]) {
      const p = routeCase({ ...c, publicAttention: false });
      expect(p.urgent).toBe(true);
      expect(p.firstHourChecklist).toBe(true);
      expect(targets(p)).toEqual(["governanceCommittee:detail", "leader:brief:urgent", "officeDirector:brief:urgent", "principal:detail", "safetyOffice:detail:urgent"]);
    }
  });

  it("舆论高度关注 flags the case for the higher authority", () => {
    const p = routeCase({ severity: "minor", major: [], publicAttention: true });
    expect(p.higherAuthority).toBe(true);
    expect(targets(p)).toContain("safetyOffice:detail");
  });
});
