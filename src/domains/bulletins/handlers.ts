/**
 * Chat commands and card actions of bulletins:
 * - `月报 [2021-10] [计划id]`: bureau roles get the district's figures (overview, table, 通报),
 *   a school's principal/admin gets their own school's card;
 * - `月报审核 开启|关闭`: leader review before posting;
 * - 发布 / 修改 / 保存 on the review draft (office director only).
 */
import type { BotModule, CardActionContext, CardActionResult, CommandContext } from "../../core/bot.js";
import type { CardJson } from "../../core/chat-port.js";
import { UserError } from "../../core/errors.js";
import { bureauCards } from "../../../cards/bulletins/summary.js";
import { schoolCard } from "../../../cards/bulletins/school.js";
import { editCard, publishedCard, reviewCard } from "../../../cards/bulletins/review.js";
import { instantToLocalDate } from "../../core/calendar.js";
import { allBulletinSpecs } from "./schedule.js";
import { asOfText, getBulletin, publishBulletin, reviewViewOf, setBulletinNote, viewOf } from "./flows.js";
import { loadCampaignInfo, summaryFor } from "./service.js";
import { monthWindow } from "./window.js";
import { noteSchema, parseBulletinRef, parseMonthlyArgs } from "./schema.js";
import { BUREAU_ROLES, REVIEWER_ROLES, SCHOOL_ROLES, SETTINGS_ROLES, targetsOf, type Targets } from "./targets.js";
import type { Plan } from "../campaigns/schema.js";

interface Membership {
  campaignId: string;
  role: string;
  unitKey: string | null;
  unitKind: string | null;
  name: string | null;
}

async function membershipsOf(ctx: Pick<CommandContext, "db">, openId: string): Promise<Membership[]> {
  const rows = await ctx.db.prisma.member.findMany({
    where: { openId, campaign: { status: "active" } },
    select: { campaignId: true, role: true, name: true, unit: { select: { key: true, kind: true } } },
  });
  return rows.map((r) => ({ campaignId: r.campaignId, role: r.role, name: r.name, unitKey: r.unit?.key ?? null, unitKind: r.unit?.kind ?? null }));
}

const isBureau = (m: Membership) => BUREAU_ROLES.includes(m.role) || m.unitKind === "bureau" || m.unitKind === "department";

/** Without a month: the latest month whose bulletin time has passed, else the current month. */
export function defaultMonth(plan: Plan, now: Date): string {
  const monthly = allBulletinSpecs(plan).filter((s) => s.kind === "monthly" && s.dueAt <= now);
  return monthly.length ? monthly[monthly.length - 1].window.key : instantToLocalDate(now, plan.timezone).slice(0, 7);
}

function pickCampaign(ms: Membership[], planId: string | null, allowed: (m: Membership) => boolean): Membership | null {
  const ok = ms.filter((m) => allowed(m) && (!planId || m.campaignId === planId));
  return ok[0] ?? null;
}

async function monthlyCommand(ctx: CommandContext): Promise<void> {
  const args = parseMonthlyArgs(ctx.args);
  const ms = await membershipsOf(ctx, ctx.actor.openId);
  const now = ctx.clock.now();
  const bureau = pickCampaign(ms, args.planId, isBureau);
  const school = bureau ? null : pickCampaign(ms, args.planId, (m) => SCHOOL_ROLES.includes(m.role) && !!m.unitKey);
  const who = bureau ?? school;
  if (!who) {
    const notInPlan = args.planId && !ms.some((m) => m.campaignId === args.planId);
    await ctx.reply(notInPlan ? `您不在专项行动“${args.planId}”的名单中。` : "月报仅向教育局领导小组、安全办和学校负责人提供。如需查看，请联系安全办。");
    return;
  }
  const campaign = await loadCampaignInfo(ctx.db.prisma, who.campaignId);
  const month = args.month ?? defaultMonth(campaign.plan, now);
  const summary = await summaryFor(ctx.db.prisma, campaign, monthWindow(month), now);
  const view = { summary, kind: "monthly" as const, asOfText: asOfText(summary.asOf, campaign.plan.timezone) };
  const cards: CardJson[] = bureau
    ? (bureauCards(view) as unknown as CardJson[])
    : summary.units.filter((u) => u.unitKey === who.unitKey).map((u) => schoolCard(view, u) as unknown as CardJson);
  for (const [i, c] of cards.entries()) await ctx.chat.reply(ctx.messageId, { card: c }, { key: `bulletin:ask:${ctx.eventId}:${i}` });
}

async function reviewSettingCommand(ctx: CommandContext): Promise<void> {
  const word = ctx.args.trim();
  const on = /^(开启|打开|开|on)$/i.test(word);
  const off = /^(关闭|关|off)$/i.test(word);
  const ms = await membershipsOf(ctx, ctx.actor.openId);
  const who = ms.find((m) => SETTINGS_ROLES.includes(m.role));
  if (!who) {
    await ctx.reply("只有领导小组办公室主任、安全办或组长可以设置月报审核。");
    return;
  }
  if (!on && !off) {
    const s = await ctx.db.prisma.bulletinSetting.findUnique({ where: { campaignId: who.campaignId } });
    await ctx.reply(`月报审核目前${s?.review ? "已开启：通报先发给办公室主任审核，点“发布”后才发到各群" : "未开启：通报到点直接发布"}。用法：月报审核 开启 / 月报审核 关闭`);
    return;
  }
  await ctx.db.prisma.bulletinSetting.upsert({
    where: { campaignId: who.campaignId },
    create: { campaignId: who.campaignId, review: on, updatedBy: ctx.actor.openId },
    update: { review: on, updatedBy: ctx.actor.openId },
  });
  await ctx.reply(on ? "已开启月报审核：以后的通报先发给办公室主任，点“发布”后才发到各群。" : "已关闭月报审核：以后的通报到点直接发布。");
}

async function reviewerGuard(ctx: CardActionContext, campaignId: string): Promise<string | null> {
  const m = await ctx.db.prisma.member.findFirst({ where: { campaignId, openId: ctx.actor.openId, role: { in: REVIEWER_ROLES } }, select: { name: true } });
  return m ? (m.name ?? "办公室主任") : null;
}

interface Draft {
  row: Awaited<ReturnType<typeof getBulletin>>;
  tz: string;
  reviewer: string;
  targets: Targets;
}

async function withDraft(ctx: CardActionContext, act: (d: Draft) => Promise<CardActionResult>): Promise<CardActionResult> {
  const { bulletinId } = parseBulletinRef(ctx.action.value);
  const row = await getBulletin(ctx.db.prisma, bulletinId);
  const reviewer = await reviewerGuard(ctx, row.campaignId);
  if (!reviewer) return { toast: { type: "error", content: "只有领导小组办公室主任可以审核通报。" } };
  const campaign = await loadCampaignInfo(ctx.db.prisma, row.campaignId);
  const targets = await targetsOf(ctx.db.prisma, row.campaignId, campaign.plan);
  return act({ row, tz: campaign.plan.timezone, reviewer, targets });
}

const atText = (d: Date, tz: string) => asOfText(d.toISOString(), tz).replace(/^截至/, "");

export const bulletinActions: Record<string, (ctx: CardActionContext) => Promise<CardActionResult>> = {
  bulletin_publish: (ctx) =>
    withDraft(ctx, async ({ row, tz, reviewer }) => {
      const r = await publishBulletin(ctx, row.id, ctx.actor.openId, ctx.clock.now());
      const view = reviewViewOf(r.row, tz, r.targets);
      const by = r.publishedNow ? reviewer : r.row.publishedBy === ctx.actor.openId ? reviewer : "其他审核人";
      return {
        toast: r.publishedNow ? { type: "success", content: "已发布" } : { type: "info", content: "这份通报已经发布过了" },
        card: publishedCard(view, by, atText(r.row.publishedAt ?? ctx.clock.now(), tz)) as unknown as CardJson,
      };
    }),
  bulletin_edit: (ctx) =>
    withDraft(ctx, async ({ row, tz, targets }) => {
      if (row.status !== "review") return { toast: { type: "info", content: "这份通报已经发布，不能再修改。" } };
      return { card: editCard(reviewViewOf(row, tz, targets)) as unknown as CardJson };
    }),
  bulletin_note: (ctx) =>
    withDraft(ctx, async ({ row, tz, targets }) => {
      const parsed = noteSchema.safeParse({ note: ctx.action.formValue?.note });
      if (!parsed.success) {
        const typed = String(ctx.action.formValue?.note ?? "");
        return {
          toast: { type: "error", content: parsed.error.issues[0].message },
          card: editCard({ ...reviewViewOf(row, tz, targets), note: typed }, { error: parsed.error.issues[0].message }) as unknown as CardJson,
        };
      }
      try {
        const fresh = await setBulletinNote(ctx, row.id, parsed.data.note, ctx.actor.openId, ctx.clock.now());
        return { toast: { type: "success", content: "按语已保存，请确认后发布" }, card: reviewCard(reviewViewOf(fresh, tz, targets)) as unknown as CardJson };
      } catch (e) {
        if (e instanceof UserError) return { toast: { type: "info", content: e.userMessage } };
        throw e;
      }
    }),
};

export const bulletinsModule: BotModule = {
  name: "bulletins",
  commands: [
    { name: "月报", aliases: ["通报"], summary: "查看月度工作通报，例如：月报 2021-10", roles: [...BUREAU_ROLES, ...SCHOOL_ROLES], run: monthlyCommand },
    { name: "月报审核", summary: "设置通报发布前是否先由办公室主任审核：月报审核 开启/关闭", roles: SETTINGS_ROLES, run: reviewSettingCommand },
  ],
  actions: bulletinActions,
  help: (roles) => (roles.some((r) => BUREAU_ROLES.includes(r.role)) ? ["每月按计划时间自动发布工作通报；发送“月报 2021-10”可随时查看某月情况。"] : []),
};

export { viewOf };
