/**
 * Read-only queries over cases for lists, the 月报表 prefill (issue 8), bulletins (issue 9) and
 * the 回头看清单 export. They return numbers and non-sensitive columns unless a caller asks for
 * the export rows explicitly.
 */
import type { Db, Prisma } from "../../core/db/client.js";
import { localDateToInstant } from "../../core/calendar.js";

type Tx = Db | Prisma.TransactionClient;

/** Sources that count as 接收举报 (someone reported it) in the 月报表. */
export const REPORTED_SOURCES = ["student", "parent", "hotline"] as const;

export interface MonthCounts {
  /** 本月校园欺凌发生事件数: cases that happened in the month. */
  occurred: number;
  /** 其中接收举报发现数: of those, found through a report (student, parent, box/phone). */
  reported: number;
  /** 其中构成刑事案件数: of those, 涉嫌违法犯罪. */
  criminal: number;
  /** 本月处理校园欺凌事件数: cases whose disposal ended in the month. */
  handled: number;
}

function monthRange(month: string, tz: string): { from: Date; to: Date } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new Error(`bad month ${month}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const next = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, "0")}-01`;
  return { from: localDateToInstant(`${month}-01`, "00:00", tz), to: localDateToInstant(next, "00:00", tz) };
}

/** The four 月报表 numbers of one school for one month (YYYY-MM, local to `tz`). */
export async function countCasesForMonth(tx: Tx, campaignId: string, unitKey: string, month: string, tz = "Asia/Shanghai"): Promise<MonthCounts> {
  const { from, to } = monthRange(month, tz);
  const inMonth = { campaignId, unitKey, occurredAt: { gte: from, lt: to } };
  const [occurred, reported, criminal, handled] = await Promise.all([
    tx.incidentCase.count({ where: inMonth }),
    tx.incidentCase.count({ where: { ...inMonth, source: { in: [...REPORTED_SOURCES] } } }),
    tx.incidentCase.count({ where: { ...inMonth, severity: "criminal" } }),
    tx.incidentCase.count({ where: { campaignId, unitKey, closedAt: { gte: from, lt: to } } }),
  ]);
  return { occurred, reported, criminal, handled };
}

export interface CaseBrief {
  id: string;
  campaignId: string;
  caseNo: string;
  unitKey: string;
  status: string;
  severity: string;
  major: boolean;
  openedAt: Date;
  overdue: boolean;
}

/** A case is overdue when its investigation or its 情况报告 is past due and not done. */
export function isOverdue(c: { status: string; investigatedAt: Date | null; investigationDueAt: Date; reportDueAt: Date | null }, now: Date): boolean {
  if (c.status === "open" && !c.investigatedAt && now >= c.investigationDueAt) return true;
  return c.status === "closed" && !!c.reportDueAt && now >= c.reportDueAt;
}

export async function listCases(tx: Tx, where: Prisma.IncidentCaseWhereInput, now: Date, take = 200): Promise<CaseBrief[]> {
  const rows = await tx.incidentCase.findMany({
    where,
    orderBy: { openedAt: "desc" },
    take,
    select: { id: true, campaignId: true, caseNo: true, unitKey: true, status: true, severity: true, major: true, openedAt: true, investigatedAt: true, investigationDueAt: true, reportDueAt: true },
  });
  return rows.map((r) => ({ id: r.id, campaignId: r.campaignId, caseNo: r.caseNo, unitKey: r.unitKey, status: r.status, severity: r.severity, major: r.major, openedAt: r.openedAt, overdue: isOverdue(r, now) }));
}

/** Cases a person may see in detail: their schools' (as admin), their task forces', all (safety office). */
export async function visibleCaseFilter(tx: Tx, openId: string): Promise<Prisma.IncidentCaseWhereInput | null> {
  const members = await tx.member.findMany({ where: { openId, campaign: { status: "active" } }, select: { campaignId: true, role: true, unit: { select: { key: true } } } });
  const or: Prisma.IncidentCaseWhereInput[] = [{ members: { some: { openId } } }];
  for (const m of members) {
    if (m.role === "safetyOffice") or.push({ campaignId: m.campaignId });
    else if (["principal", "schoolAdmin", "governanceCommittee"].includes(m.role) && m.unit) or.push({ campaignId: m.campaignId, unitKey: m.unit.key });
  }
  return { OR: or };
}
