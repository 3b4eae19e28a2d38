/**
 * The disposal procedure of seed 000 附件2 as a pure state machine: three flows, their steps,
 * which steps wait for which (discipline only after the police have finished), and what a
 * command does to a case. No I/O: the service persists what `apply` returns, and the clocks
 * react to its events.
 */
import type { Location, Severity } from "./schema.js";

export type Flow = "inSchool" | "inSchoolCriminal" | "offCampus";
export type CaseStatus = "open" | "closed" | "reported";

export const FLOW_TITLES: Record<Flow, string> = {
  inSchool: "校园内一般欺凌事件处置流程",
  inSchoolCriminal: "校园内违反治安管理或涉嫌违法犯罪的欺凌事件处置流程",
  offCampus: "校园外欺凌事件处置流程",
};

export const STATUS_TITLES: Record<CaseStatus, string> = {
  open: "处置中",
  closed: "处置结束，待报送情况报告",
  reported: "情况报告已报送",
};

export interface StepDef {
  key: string;
  title: string;
  /** Steps that must be done (not skipped) first. */
  requires?: string[];
  /** May be marked 不适用 (e.g. nobody was hurt, no discipline because it was not bullying). */
  skippable?: boolean;
  /** Ticking it means the investigation is finished: the 10-day clock stops. */
  endsInvestigation?: boolean;
}

// Step texts follow 附件2 closely so the school recognises its own procedure.
const TASKFORCE: StepDef = { key: "taskforce", title: "成立由校长牵头的工作专班（一案一专班）" };
const COUNSELING: StepDef = { key: "counseling", title: "安排心理老师对受害学生进行心理疏导" };
const POLICE_DONE: StepDef = { key: "policeDone", title: "公安等相关部门处理结束" };
const DISCIPLINE_AFTER_POLICE: StepDef = {
  key: "discipline",
  title: "依据校规校纪和《中小学教育惩戒规则》对施暴学生实施纪律处分和教育惩戒",
  requires: ["policeDone"],
  skippable: true,
};

export const FLOWS: Record<Flow, StepDef[]> = {
  inSchool: [
    { key: "medical", title: "校医医治受伤害学生、及时送医检查，第一时间告知家长", skippable: true },
    TASKFORCE,
    { key: "investigated", title: "调查清楚事件经过（治理委员会认定，10日内完成）", endsInvestigation: true },
    { key: "parents", title: "调查清楚后与涉事家长交流沟通", requires: ["investigated"] },
    COUNSELING,
    {
      key: "discipline",
      title: "依据校规校纪和《中小学教育惩戒规则》对施暴学生实施纪律处分和教育惩戒",
      requires: ["investigated"],
      skippable: true,
    },
  ],
  inSchoolCriminal: [
    { key: "emergency", title: "校医医治，拨打120急救电话，向公安110报警，同时电话报告教育行政部门并及时书面报告" },
    { key: "parentsAll", title: "第一时间通知所有涉事学生家长，做好接待和解释工作" },
    TASKFORCE,
    { key: "police", title: "主动与公安机关对接协助调查；关注是否有学生录音录像，防止扩散，避免二次伤害" },
    { key: "investigated", title: "学校调查（配合调查）完成（10日内）", endsInvestigation: true },
    COUNSELING,
    POLICE_DONE,
    DISCIPLINE_AFTER_POLICE,
  ],
  offCampus: [
    { key: "verify", title: "迅速核查：是否涉及本校学生或案发地在本辖区" },
    { key: "police", title: "第一时间向公安机关报警", requires: ["verify"] },
    TASKFORCE,
    { key: "parents", title: "配合公安机关做好所有涉事学生家长的接待和解释工作" },
    { key: "investigated", title: "配合公安机关的调查完成（10日内）", endsInvestigation: true },
    COUNSELING,
    POLICE_DONE,
    DISCIPLINE_AFTER_POLICE,
  ],
};

/** The flow a case follows, from where it happened and how serious it is. */
export function flowFor(location: Location, severity: Severity): Flow {
  if (location === "offCampus") return "offCampus";
  return severity === "criminal" ? "inSchoolCriminal" : "inSchool";
}

export interface StepRecord {
  state: "done" | "skipped";
  by: string;
  at: Date;
  note?: string | null;
}

export interface CaseState {
  flow: Flow;
  status: CaseStatus;
  steps: Record<string, StepRecord>;
}

export type StepStatus = "done" | "skipped" | "open" | "locked";

export interface StepView {
  key: string;
  title: string;
  status: StepStatus;
  skippable: boolean;
  /** Titles of the steps it waits for (locked only). */
  waitingFor: string[];
  record?: StepRecord;
}

export function stepDef(flow: Flow, key: string): StepDef | undefined {
  return FLOWS[flow].find((s) => s.key === key);
}

export function stepViews(state: CaseState): StepView[] {
  return FLOWS[state.flow].map((d) => {
    const rec = state.steps[d.key];
    const missing = (d.requires ?? []).filter((r) => state.steps[r]?.state !== "done");
    const status: StepStatus = rec ? rec.state : missing.length ? "locked" : "open";
    return {
      key: d.key,
      title: d.title,
      status,
      skippable: !!d.skippable,
      waitingFor: status === "locked" ? missing.map((m) => stepDef(state.flow, m)?.title ?? m) : [],
      ...(rec ? { record: rec } : {}),
    };
  });
}

export type CaseCommand =
  | { type: "tick"; step: string; by: string; at: Date; note?: string }
  | { type: "skip"; step: string; by: string; at: Date; note?: string }
  | { type: "close"; by: string; at: Date }
  | { type: "submitReport"; by: string; at: Date };

/** What happened, for the clocks and the cards. */
export type CaseEvent =
  | { type: "stepDone"; step: string; state: "done" | "skipped" }
  | { type: "investigationFinished" }
  | { type: "closed" }
  | { type: "reportSubmitted" };

export type ApplyResult = { ok: true; state: CaseState; events: CaseEvent[] } | { ok: false; code: string; message: string };

const refuse = (code: string, message: string): ApplyResult => ({ ok: false, code, message });

export function apply(state: CaseState, cmd: CaseCommand): ApplyResult {
  switch (cmd.type) {
    case "tick":
    case "skip": {
      if (state.status !== "open") return refuse("closed", "案件已处置结束，步骤不能再修改");
      const def = stepDef(state.flow, cmd.step);
      if (!def) return refuse("unknown_step", "该步骤不属于本案的处置流程");
      if (state.steps[cmd.step]) return refuse("already", `「${def.title}」已于此前记录，无需重复操作`);
      if (cmd.type === "skip" && !def.skippable) return refuse("not_skippable", `「${def.title}」是必经步骤，不能标为不适用`);
      const missing = (def.requires ?? []).filter((r) => state.steps[r]?.state !== "done");
      if (missing.length)
        return refuse("locked", `「${def.title}」须待「${missing.map((m) => stepDef(state.flow, m)?.title ?? m).join("」「")}」完成后才能进行`);
      const st: StepRecord["state"] = cmd.type === "tick" ? "done" : "skipped";
      const next: CaseState = { ...state, steps: { ...state.steps, [cmd.step]: { state: st, by: cmd.by, at: cmd.at, note: cmd.note ?? null } } };
      const events: CaseEvent[] = [{ type: "stepDone", step: cmd.step, state: st }];
      if (def.endsInvestigation) events.push({ type: "investigationFinished" });
      return { ok: true, state: next, events };
    }
    case "close": {
      if (state.status !== "open") return refuse("closed", "案件已处置结束");
      const pending = stepViews(state).filter((s) => s.status === "open" || s.status === "locked");
      if (pending.length) return refuse("pending_steps", `还有 ${pending.length} 个处置步骤未完成：${pending.map((p) => `「${p.title}」`).join("")}`);
      return { ok: true, state: { ...state, status: "closed" }, events: [{ type: "closed" }] };
    }
    case "submitReport": {
      if (state.status === "open") return refuse("open", "案件尚未处置结束，不能报送情况报告");
      if (state.status === "reported") return refuse("already", "情况报告已报送，无需重复操作");
      return { ok: true, state: { ...state, status: "reported" }, events: [{ type: "reportSubmitted" }] };
    }
  }
}

/** Progress for cards and briefs: "3/6". */
export function progress(state: CaseState): { done: number; total: number } {
  const v = stepViews(state);
  return { done: v.filter((s) => s.status === "done" || s.status === "skipped").length, total: v.length };
}
