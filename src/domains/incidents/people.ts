/**
 * Who is who, from the `Member` rows of active campaigns: the schools a person may report for,
 * and the people a case is routed to.
 */
import type { Db, Prisma } from "../../core/db/client.js";
import { DEFAULT_TIMEZONE } from "../../core/calendar.js";
import type { RouteTarget } from "./routing.js";

type Tx = Db | Prisma.TransactionClient;

/** Bureau roles that may file a case for any school (a tip by phone or a video online). */
const BUREAU_REPORTER_ROLES = ["safetyOffice", "officeDirector", "leader", "deputy"];

export interface ReportScope {
  campaignId: string;
  campaignTitle: string;
  timezone: string;
  units: { key: string; name: string }[];
}

export interface PlanSettings {
  timezone: string;
  investigationDays: number;
  reportDays: number;
  reportDayType: "calendar" | "working";
  holidays: string[];
  workdays: string[];
  /** The plan's own reminder ladder and escalation for the 情况报告, when it sets them. */
  reportLadder?: string[];
  reportEscalate: { to: string[]; after: string };
}

/** Bureau roles a late case is escalated to when the plan does not say. */
export const DEFAULT_CASE_ESCALATION = { to: ["safetyOffice", "officeDirector", "leader"], after: "P1D" };

/** What the plan says about the two clocks; 10 and 5 calendar days unless it says otherwise. */
export function planSettings(planJson: string): PlanSettings {
  let plan: Record<string, unknown> = {};
  try {
    plan = JSON.parse(planJson) as Record<string, unknown>;
  } catch {
    // an unreadable snapshot falls back to the notice's defaults
  }
  const deadlines = Array.isArray(plan.deadlines) ? (plan.deadlines as Record<string, unknown>[]) : [];
  const rel = (event: string[]) => deadlines.find((d) => d.kind === "relative" && typeof d.event === "string" && event.includes(d.event));
  const report = rel(["incidentClosed", "caseClosed"]);
  const inv = rel(["investigationStarted", "incidentOpened", "caseOpened"]);
  const cal = (plan.calendar ?? {}) as { holidays?: string[]; workdays?: string[] };
  const esc = (report?.escalate ?? {}) as { to?: unknown; after?: unknown };
  const strings = (v: unknown) => (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string") ? (v as string[]) : undefined);
  return {
    ...(strings(report?.remind) ? { reportLadder: strings(report?.remind) } : {}),
    reportEscalate: {
      to: strings(esc.to) ?? DEFAULT_CASE_ESCALATION.to,
      after: typeof esc.after === "string" && /^P/.test(esc.after) ? esc.after : DEFAULT_CASE_ESCALATION.after,
    },
    timezone: typeof plan.timezone === "string" ? plan.timezone : DEFAULT_TIMEZONE,
    investigationDays: typeof inv?.days === "number" ? inv.days : 10,
    reportDays: typeof report?.days === "number" ? report.days : 5,
    reportDayType: report?.dayType === "working" ? "working" : "calendar",
    holidays: Array.isArray(cal.holidays) ? cal.holidays : [],
    workdays: Array.isArray(cal.workdays) ? cal.workdays : [],
  };
}

/** The schools this person may report for, per active campaign. */
export async function reportScopes(tx: Tx, openId: string): Promise<ReportScope[]> {
  const members = await tx.member.findMany({
    where: { openId, campaign: { status: "active" } },
    select: { role: true, campaignId: true, unit: { select: { key: true, name: true, kind: true } }, campaign: { select: { title: true, planJson: true } } },
    orderBy: { createdAt: "asc" },
  });
  const byCampaign = new Map<string, ReportScope>();
  for (const m of members) {
    let scope = byCampaign.get(m.campaignId);
    if (!scope) {
      scope = { campaignId: m.campaignId, campaignTitle: m.campaign.title, timezone: planSettings(m.campaign.planJson).timezone, units: [] };
      byCampaign.set(m.campaignId, scope);
    }
    if (m.unit && m.unit.kind === "school") scope.units.push({ key: m.unit.key, name: m.unit.name });
    else if (BUREAU_REPORTER_ROLES.includes(m.role)) {
      const schools = await tx.unit.findMany({ where: { campaignId: m.campaignId, kind: "school" }, select: { key: true, name: true }, orderBy: { key: "asc" } });
      scope.units.push(...schools);
    }
  }
  for (const s of byCampaign.values()) s.units = [...new Map(s.units.map((u) => [u.key, u])).values()];
  return [...byCampaign.values()].filter((s) => s.units.length > 0);
}

export interface Person {
  memberKey: string;
  openId: string;
  name: string | null;
  role: string;
}

/** Members with an open id holding `role`, in the case's school (unit scope) or anywhere in the campaign. */
export async function peopleFor(tx: Tx, campaignId: string, unitKey: string, t: Pick<RouteTarget, "role" | "scope">): Promise<Person[]> {
  const rows = await tx.member.findMany({
    where: { campaignId, role: t.role, openId: { not: null }, ...(t.scope === "unit" ? { unit: { key: unitKey } } : {}) },
    select: { key: true, openId: true, name: true, role: true },
    orderBy: { key: "asc" },
  });
  return rows.map((r) => ({ memberKey: r.key, openId: r.openId!, name: r.name, role: r.role }));
}

/** Who may be picked for the task force: the school's staff and the bureau's safety office. */
export async function taskForceCandidates(tx: Tx, campaignId: string, unitKey: string): Promise<Person[]> {
  const rows = await tx.member.findMany({
    where: { campaignId, openId: { not: null }, OR: [{ unit: { key: unitKey } }, { role: { in: ["safetyOffice", "officeDirector"] } }] },
    select: { key: true, openId: true, name: true, role: true, title: true },
    orderBy: { key: "asc" },
  });
  const seen = new Set<string>();
  return rows
    .filter((r) => (seen.has(r.openId!) ? false : (seen.add(r.openId!), true)))
    .map((r) => ({ memberKey: r.key, openId: r.openId!, name: r.name ?? r.title ?? r.key, role: r.role }));
}

export const ROLE_TITLES: Record<string, string> = {
  principal: "校长",
  schoolAdmin: "学校管理员",
  governanceCommittee: "学生欺凌治理委员会",
  teacher: "教职工",
  safetyOffice: "区教育局安全办",
  officeDirector: "领导小组办公室主任",
  leader: "领导小组组长",
  deputy: "领导小组副组长",
  member: "领导小组成员",
};
