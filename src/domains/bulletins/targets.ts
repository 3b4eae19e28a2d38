/**
 * Where a campaign's bulletins go and who reviews them. Bureau groups: the plan's
 * `bulletins.to` chat keys (else every plan chat with purpose bulletin) plus any group the bot
 * was added to and bound as the campaign's bulletin chat. School groups: each unit's own chat.
 */
import type { Db, Prisma } from "../../core/db/client.js";
import type { Plan } from "../campaigns/schema.js";

type Tx = Db | Prisma.TransactionClient;

export interface Targets {
  bureauChats: string[];
  unitChats: { unitKey: string; chatId: string }[];
}

export async function targetsOf(tx: Tx, campaignId: string, plan: Plan): Promise<Targets> {
  const wanted = plan.bulletins?.to;
  const fromPlan = plan.chats.filter((c) => c.chatId && (wanted ? wanted.includes(c.key) : c.purpose === "bulletin")).map((c) => c.chatId!);
  const [bound, units, schoolBindings] = await Promise.all([
    tx.chatBinding.findMany({ where: { campaignId, purpose: "bulletin" }, select: { chatId: true } }),
    tx.unit.findMany({ where: { campaignId, kind: { not: "bureau" } }, select: { key: true, chatId: true }, orderBy: { key: "asc" } }),
    tx.chatBinding.findMany({ where: { campaignId, purpose: "school", unitKey: { not: null } }, select: { chatId: true, unitKey: true } }),
  ]);
  const bureauChats = [...new Set([...fromPlan, ...bound.map((b) => b.chatId)])];
  const unitChats = new Map<string, string>();
  for (const u of units) if (u.chatId) unitChats.set(u.key, u.chatId);
  for (const b of schoolBindings) if (b.unitKey && !unitChats.has(b.unitKey)) unitChats.set(b.unitKey, b.chatId);
  // A unit chat that is also the bureau group gets the bureau's bulletin only.
  for (const c of bureauChats) for (const [k, v] of unitChats) if (v === c) unitChats.delete(k);
  return { bureauChats, unitChats: [...unitChats].map(([unitKey, chatId]) => ({ unitKey, chatId })) };
}

export function audienceText(t: Targets): string {
  const parts = [];
  if (t.bureauChats.length) parts.push(`局工作群 ${t.bureauChats.length} 个`);
  if (t.unitChats.length) parts.push(`各单位工作群 ${t.unitChats.length} 个`);
  return parts.length ? parts.join("、") : "（尚未绑定任何工作群）";
}

/** Who may review, publish and change settings: the office director, else the group leader. */
export const REVIEWER_ROLES = ["officeDirector"];
/** Who may ask for the whole district's 月报 in chat. */
export const BUREAU_ROLES = ["leader", "deputy", "member", "officeDirector", "safetyOffice"];
export const SETTINGS_ROLES = ["officeDirector", "safetyOffice", "leader"];
export const SCHOOL_ROLES = ["principal", "schoolAdmin"];

export async function reviewersOf(tx: Tx, campaignId: string): Promise<string[]> {
  const rows = await tx.member.findMany({ where: { campaignId, role: { in: REVIEWER_ROLES }, openId: { not: null } }, select: { openId: true } });
  return [...new Set(rows.map((r) => r.openId!))];
}

export async function reviewEnabled(tx: Tx, campaignId: string): Promise<boolean> {
  const s = await tx.bulletinSetting.findUnique({ where: { campaignId } });
  return !!s?.review;
}
