/**
 * The thin service: loads a campaign and the rows of a window (and the previous one), then
 * hands them to the pure aggregation.
 */
import type { Db, Prisma } from "../../core/db/client.js";
import { UserError } from "../../core/errors.js";
import { planSchema, type Plan } from "../campaigns/schema.js";
import { summaryFromDb } from "./counts.js";
import { monthWindow, MONTH_RE, previousWindow } from "./window.js";
import type { Summary, Window } from "./types.js";

type Tx = Db | Prisma.TransactionClient;

export interface CampaignInfo {
  id: string;
  title: string;
  status: string;
  plan: Plan;
}

export async function loadCampaignInfo(tx: Tx, campaignId: string): Promise<CampaignInfo> {
  const c = await tx.campaign.findUnique({ where: { id: campaignId } });
  if (!c) throw new UserError(`找不到专项行动“${campaignId}”，请检查计划 id`, { field: "plan", code: "not_found" });
  const parsed = planSchema.safeParse(JSON.parse(c.planJson));
  if (!parsed.success) throw new UserError(`专项行动“${campaignId}”的计划无法读取，请重新导入计划`, { field: "planJson" });
  return { id: c.id, title: c.title, status: c.status, plan: parsed.data };
}

export function parseMonth(s: string | undefined, field = "month"): string {
  if (!s || !MONTH_RE.test(s)) throw new UserError(`月份格式不正确：${s ?? "（未填写）"}，应为 YYYY-MM，例如 2021-10`, { field });
  return s;
}

export async function summaryFor(tx: Tx, campaign: CampaignInfo, window: Window, now: Date, opts: { compare?: boolean } = {}): Promise<Summary> {
  const previous = opts.compare === false ? null : previousWindow(window);
  // Counted in SQL (counts.ts); the row-based path stays as the reference the tests compare with.
  return summaryFromDb(tx, campaign, window, previous, now);
}

export async function monthlySummary(tx: Tx, campaignId: string, month: string, now: Date): Promise<Summary> {
  const campaign = await loadCampaignInfo(tx, campaignId);
  return summaryFor(tx, campaign, monthWindow(parseMonth(month)), now);
}
