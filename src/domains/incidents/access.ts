/**
 * Who may see and do what on a case. Details of a case (place, summary, measures) are for the
 * case's school admins, its task force and the bureau safety office only; the private note is
 * for the task force (and the school's lead, who heads it). The reporter sees the status of
 * their own case. Everyone else gets a refusal — and the refusal is audited.
 *
 * `decideAccess` is pure (facts → rights); `loadAccessFacts` reads the facts.
 */
import type { Db, Prisma } from "../../core/db/client.js";
import { BUREAU_VIEW_ROLES, CASE_LEAD_ROLES, SCHOOL_ADMIN_ROLES } from "./routing.js";

type Tx = Db | Prisma.TransactionClient;

export interface AccessFacts {
  /** Roles the person holds in the case's campaign, with the unit they hold it for. */
  roles: { role: string; unitKey: string | null }[];
  taskForce: boolean;
  reporter: boolean;
}

export interface CaseAccess {
  /** Case number, status, progress. */
  status: boolean;
  /** Place, summary, measures, closing texts, the steps with who and when. */
  detail: boolean;
  /** Tick steps. */
  act: boolean;
  /** Create the task force, close the case, submit the 情况报告. */
  lead: boolean;
  privateNote: boolean;
}

export function decideAccess(f: AccessFacts, unitKey: string): CaseAccess {
  const has = (roles: readonly string[], sameUnit: boolean) =>
    f.roles.some((r) => roles.includes(r.role) && (!sameUnit || r.unitKey === unitKey));
  const schoolAdmin = has(SCHOOL_ADMIN_ROLES, true);
  const lead = has(CASE_LEAD_ROLES, true);
  const bureau = has(BUREAU_VIEW_ROLES, false);
  const detail = schoolAdmin || f.taskForce || bureau;
  return {
    status: detail || f.reporter,
    detail,
    act: schoolAdmin || f.taskForce,
    lead,
    privateNote: f.taskForce || lead,
  };
}

export const NO_ACCESS: CaseAccess = { status: false, detail: false, act: false, lead: false, privateNote: false };

export async function loadAccessFacts(tx: Tx, c: { id: string; campaignId: string; reporterOpenId: string }, openId: string): Promise<AccessFacts> {
  const [members, tf] = await Promise.all([
    tx.member.findMany({ where: { campaignId: c.campaignId, openId }, select: { role: true, unit: { select: { key: true } } } }),
    tx.caseMember.findUnique({ where: { caseId_openId: { caseId: c.id, openId } }, select: { id: true } }),
  ]);
  return {
    roles: members.map((m) => ({ role: m.role, unitKey: m.unit?.key ?? null })),
    taskForce: !!tf,
    reporter: c.reporterOpenId === openId,
  };
}

export async function accessTo(tx: Tx, c: { id: string; campaignId: string; unitKey: string; reporterOpenId: string }, openId: string): Promise<CaseAccess> {
  return decideAccess(await loadAccessFacts(tx, c, openId), c.unitKey);
}

/** Roles of several people in one campaign, in one query (for re-rendering every copy of a card). */
export async function loadRoles(tx: Tx, campaignId: string, openIds: string[]): Promise<Map<string, AccessFacts["roles"]>> {
  const out = new Map<string, AccessFacts["roles"]>();
  if (!openIds.length) return out;
  const rows = await tx.member.findMany({ where: { campaignId, openId: { in: [...new Set(openIds)] } }, select: { openId: true, role: true, unit: { select: { key: true } } } });
  for (const r of rows) {
    const list = out.get(r.openId!) ?? [];
    list.push({ role: r.role, unitKey: r.unit?.key ?? null });
    out.set(r.openId!, list);
  }
  return out;
}

/** Access from pre-loaded roles and the case's own task-force rows. */
export function accessFrom(roles: Map<string, AccessFacts["roles"]>, c: { unitKey: string; reporterOpenId: string; members: { openId: string }[] }, openId: string): CaseAccess {
  return decideAccess({ roles: roles.get(openId) ?? [], taskForce: c.members.some((m) => m.openId === openId), reporter: c.reporterOpenId === openId }, c.unitKey);
}

export const DENIED_MESSAGE = "你无权查看或处理该案件。案件详情仅限本校管理人员、案件工作专班和区教育局安全办查看。";
