/**
 * Reads of the campaign side (plan, units, people) that every reports flow needs. Only reads:
 * campaigns and members are written by the campaigns domain (issue 4).
 */
import type { Db, Prisma } from "../../core/db/client.js";
import { UserError } from "../../core/errors.js";
import { planSchema, type Plan } from "../campaigns/schema.js";

type Tx = Db | Prisma.TransactionClient;

export interface CampaignCtx {
  id: string;
  title: string;
  plan: Plan;
  tz: string;
}

export async function loadCampaign(tx: Tx, campaignId: string): Promise<CampaignCtx> {
  const c = await tx.campaign.findUnique({ where: { id: campaignId } });
  if (!c) throw new UserError(`找不到专项行动 ${campaignId}`, { field: "campaignId", code: "not_found" });
  const parsed = planSchema.safeParse(JSON.parse(c.planJson));
  if (!parsed.success) throw new UserError(`专项行动 ${campaignId} 的计划无法读取，请重新导入计划`, { field: "planJson" });
  return { id: c.id, title: c.title, plan: parsed.data, tz: parsed.data.timezone };
}

/** People who answer for a school: 校长 and school admins, first the admins. */
export const SCHOOL_ADMIN_ROLES = ["schoolAdmin", "principal"];

export interface Person {
  memberKey: string;
  openId: string | null;
  name: string | null;
  role: string;
}

export async function unitAdmins(tx: Tx, campaignId: string, unitKey: string): Promise<Person[]> {
  const rows = await tx.member.findMany({
    where: { campaignId, role: { in: SCHOOL_ADMIN_ROLES }, unit: { key: unitKey } },
    orderBy: [{ role: "desc" }, { key: "asc" }], // schoolAdmin before principal
  });
  return rows.map((m) => ({ memberKey: m.key, openId: m.openId, name: m.name, role: m.role }));
}

export async function unitName(tx: Tx, campaignId: string, unitKey: string): Promise<string> {
  const u = await tx.unit.findUnique({ where: { campaignId_key: { campaignId, key: unitKey } } });
  return u?.name ?? unitKey;
}

/** The units (campaign, unit) a person belongs to in active campaigns, with their role. */
export async function unitsOfPerson(tx: Tx, openId: string): Promise<{ campaignId: string; unitKey: string; unitName: string; role: string; memberKey: string }[]> {
  const rows = await tx.member.findMany({
    where: { openId, unitId: { not: null }, campaign: { status: "active" } },
    include: { unit: true },
  });
  return rows.filter((r) => r.unit).map((r) => ({ campaignId: r.campaignId, unitKey: r.unit!.key, unitName: r.unit!.name, role: r.role, memberKey: r.key }));
}

export function isSchoolAdmin(role: string): boolean {
  return SCHOOL_ADMIN_ROLES.includes(role);
}
