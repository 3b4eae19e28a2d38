/** Number and state wording shared by the bulletin cards, the CLI and the DOCX. */
import type { Change, Figures, SubmittedState } from "../../src/domains/bulletins/types.js";

export const SUBMITTED_TITLES: Record<SubmittedState, string> = { "on-time": "按时报送", late: "迟报", missing: "未报送" };

export function submittedText(s: SubmittedState | null): string {
  return s ? SUBMITTED_TITLES[s] : "本期无报送事项";
}

export const pct = (r: number | null) => (r === null ? "—" : `${r}%`);

/** “+2”, “-1”, “持平”. */
export function delta(n: number | null, unit = ""): string {
  if (n === null) return "—";
  if (n === 0) return "持平";
  return `${n > 0 ? "增加" : "减少"} ${Math.abs(n)}${unit}`;
}

export function patrolText(f: Figures): string {
  return `${f.patrols.done}/${f.patrols.planned}`;
}

export function findingText(f: Figures): string {
  return `${f.findings.closed}/${f.findings.raised}`;
}

/** The lines of an overall summary, in Chinese, counts only. */
export function figureLines(t: Figures): string[] {
  const c = t.cases;
  return [
    `**欺凌事件**：本期新增 ${c.opened} 件（情节轻微 ${c.bySeverity.minor}、情节较重 ${c.bySeverity.serious}、涉嫌违法犯罪 ${c.bySeverity.criminal}；其中重特大 ${c.major}），本期办结 ${c.closed} 件，在办 ${c.open} 件，逾期 ${c.overdue} 件`,
    `**欺凌方式**：肢体 ${c.byKind.physical}、言语 ${c.byKind.verbal}、网络 ${c.byKind.cyber}、财物 ${c.byKind.property}、排斥孤立 ${c.byKind.exclusion}；**发生地点**：校园内 ${c.byPlace.inSchool}、校园外 ${c.byPlace.offCampus}`,
    `**日常巡查**：应巡查 ${t.patrols.planned} 次，已完成 ${t.patrols.done} 次，未完成 ${t.patrols.missed} 次，完成率 ${pct(t.patrols.rate)}`,
    `**问题隐患**：本期发现 ${t.findings.raised} 项，整改完成 ${t.findings.closed} 项，尚未整改 ${t.findings.open} 项`,
    `**报表报送**：应报 ${t.reports.owed} 份，按时 ${t.reports.onTime}、迟报 ${t.reports.late}、未报 ${t.reports.missing}${t.reports.pending ? `、未到期 ${t.reports.pending}` : ""}`,
  ];
}

export function changeLine(c: Change, prevLabel: string): string {
  return `**较${prevLabel}**：新增事件${delta(c.opened, " 件")}，办结${delta(c.closed, " 件")}，逾期${delta(c.overdue, " 件")}，巡查完成率${c.patrolRate === null ? "—" : delta(c.patrolRate, " 个百分点")}，发现问题隐患${delta(c.findingsRaised, " 项")}，未报单位数${delta(c.reportsMissing, " 个")}`;
}
