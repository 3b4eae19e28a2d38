/**
 * Who is told about a new case, and how (pure). The school's principal and governance
 * committee get every case; 情节较重 also goes to the bureau safety office; 涉嫌违法犯罪 or any
 * 重特大 marker goes at once, as urgent (加急) with the first-hour checklist, to the safety
 * office, the office director and the group leader; 舆论高度关注 flags the case for a report to
 * the higher authority, which the safety office makes.
 */
import type { MajorMarker, Severity } from "./schema.js";

/** Member roles of the school that receive and may see every case of the school. */
export const SCHOOL_ADMIN_ROLES = ["principal", "schoolAdmin", "governanceCommittee"] as const;
/** Roles that lead the case (create the task force, close, submit the report). */
export const CASE_LEAD_ROLES = ["principal", "schoolAdmin"] as const;
/** The bureau role that sees every case of the campaign. */
export const BUREAU_VIEW_ROLES = ["safetyOffice"] as const;

export type Audience = "detail" | "brief";

export interface RouteTarget {
  role: string;
  /** unit: members of the case's school; bureau: members of the campaign anywhere. */
  scope: "unit" | "bureau";
  /** detail = may see the case; brief = case number, school, severity and counts only. */
  audience: Audience;
  urgent: boolean;
}

export interface RoutePlan {
  targets: RouteTarget[];
  urgent: boolean;
  /** 120, 110, phone report to the bureau, notify every family. */
  firstHourChecklist: boolean;
  /** 舆论高度关注: report to the higher authority. */
  higherAuthority: boolean;
}

export function routeCase(c: { severity: Severity; major: readonly MajorMarker[]; publicAttention: boolean }): RoutePlan {
  const urgent = c.severity === "criminal" || c.major.length > 0;
  const targets: RouteTarget[] = [
    { role: "principal", scope: "unit", audience: "detail", urgent: false },
    { role: "governanceCommittee", scope: "unit", audience: "detail", urgent: false },
  ];
  if (urgent) {
    targets.push(
      { role: "safetyOffice", scope: "bureau", audience: "detail", urgent: true },
      { role: "officeDirector", scope: "bureau", audience: "brief", urgent: true },
      { role: "leader", scope: "bureau", audience: "brief", urgent: true },
    );
  } else if (c.severity === "serious" || c.publicAttention) {
    targets.push({ role: "safetyOffice", scope: "bureau", audience: "detail", urgent: false });
  }
  return { targets, urgent, firstHourChecklist: urgent, higherAuthority: c.publicAttention };
}

export const FIRST_HOUR_CHECKLIST = [
  "立即安排校医救治，必要时拨打 120 急救电话",
  "向公安机关 110 报警",
  "电话报告区教育局（安全办），随后书面报告",
  "第一时间通知所有涉事学生家长",
  "关注是否有学生录音录像，防止扩散，避免二次伤害",
];
