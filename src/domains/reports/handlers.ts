/**
 * Commands and card actions of the reports domain → flows. Commands:
 *   月报表 [YYYY-MM] / 自查表 [YYYY-MM] — the form for the admin's school (default: this month)
 *   巡查排班                            — the patrol roster card of the admin's school
 *   巡查                                — the person's patrols / screenings not yet filed
 *   跟进事项                            — open findings the person answers for
 */
import type { BotModule, CommandContext } from "../../core/bot.js";
import { deadlineOfForm, formPeriodOf, isPeriod, periodOf, planFormOf } from "./period.js";
import { loadCampaign } from "./context.js";
import { fillableUnits, parseFormRef, periodicFormCardFor, submitPeriodic, assertMayFill } from "./form-flows.js";
import { closeFindingFlow, findingCardFor, findingToIncident, openPatrol, patrolFormCardFor, submitPatrol } from "./patrol-flows.js";
import { rosterCardFor, rosterSlotGroups, saveRoster } from "./roster-flows.js";
import type { PeriodicFormKey } from "./forms/index.js";

async function formCommand(ctx: CommandContext, form: PeriodicFormKey, name: string): Promise<void> {
  const units = await fillableUnits(ctx, ctx.actor.openId);
  if (!units.length) return ctx.reply(`只有学校管理员或校长可以填报${name}。如需开通，请联系区教育局安全科。`);
  const arg = ctx.args.trim();
  if (arg && !isPeriod(arg)) return ctx.reply(`月份格式应为 YYYY-MM，例如“${name} 2018-10”。`);
  let sent = 0;
  for (const u of units.slice(0, 5)) {
    const c = await loadCampaign(ctx.db.prisma, u.campaignId);
    // Only campaigns whose notice asks for this form (seed 001 does; seed 000 does not).
    if (!planFormOf(c.plan, form) && !deadlineOfForm(c.plan, form)) continue;
    // A quarterly form is kept under its quarter's last month, whichever month of the quarter is asked for.
    const period = formPeriodOf(c.plan, form, arg || periodOf(ctx.clock.now(), c.tz));
    await ctx.replyCard(await periodicFormCardFor(ctx, { campaignId: u.campaignId, form, unitKey: u.unitKey, period }));
    sent++;
  }
  if (!sent) await ctx.reply(`你所在的专项行动没有要求填报${name}。`);
}

async function rosterCommand(ctx: CommandContext): Promise<void> {
  const units = await fillableUnits(ctx, ctx.actor.openId);
  if (!units.length) return ctx.reply("只有学校管理员或校长可以设置巡查排班。");
  for (const u of units.slice(0, 5))
    for (const slots of await rosterSlotGroups(ctx, u.campaignId, u.unitKey)) await ctx.replyCard(await rosterCardFor(ctx, u.campaignId, u.unitKey, { slots }));
}

/** The person's patrols still to be filed (a prompt scrolled away or was missed). */
async function patrolsCommand(ctx: CommandContext): Promise<void> {
  const open = await ctx.db.prisma.patrol.findMany({ where: { patrollerOpenId: ctx.actor.openId, status: { in: ["planned", "missed"] } }, orderBy: { dueAt: "desc" }, take: 5 });
  if (!open.length) return ctx.reply("目前没有需要你填报的巡查或隐患排查。巡查排班由学校管理员发送“巡查排班”设置。");
  for (const p of open) await ctx.replyCard(await patrolFormCardFor(ctx, p));
}

async function findingsCommand(ctx: CommandContext): Promise<void> {
  const open = await ctx.db.prisma.finding.findMany({ where: { ownerOpenId: ctx.actor.openId, status: "open" }, orderBy: { dueDate: "asc" }, take: 10 });
  if (!open.length) return ctx.reply("你没有待跟进的巡查事项。");
  for (const f of open) await ctx.replyCard(await findingCardFor(ctx, f));
}

const flowInput = (ctx: { actor: { openId: string }; action: { value: Record<string, unknown>; formValue?: Record<string, unknown> } }) => ({
  openId: ctx.actor.openId,
  value: ctx.action.value,
  formValue: ctx.action.formValue,
});

export const reportsModule: BotModule = {
  name: "reports",
  commands: [
    { name: "月报表", aliases: ["monthly"], summary: "填报本校本月的月报表（可加月份，如 月报表 2018-10）", roles: ["schoolAdmin", "principal"], run: (ctx) => formCommand(ctx, "monthlyReport", "月报表") },
    { name: "自查表", aliases: ["selfcheck"], summary: "填报本校本月的自查表（可加月份）", roles: ["schoolAdmin", "principal"], run: (ctx) => formCommand(ctx, "selfCheck", "自查表") },
    { name: "巡查排班", aliases: ["roster"], summary: "设置本校各时段的巡查人和巡查区域", roles: ["schoolAdmin", "principal"], run: rosterCommand },
    { name: "巡查", aliases: ["patrol"], summary: "填报安排给你、尚未填报的巡查或隐患排查记录", run: patrolsCommand },
    { name: "跟进事项", aliases: ["findings"], summary: "查看由你负责整改的巡查发现", run: findingsCommand },
  ],
  actions: {
    report_open: async (ctx) => {
      const ref = parseFormRef(ctx.action.value);
      await assertMayFill(ctx, ctx.actor.openId, ref);
      return { card: await periodicFormCardFor(ctx, ref) };
    },
    report_submit: (ctx) => submitPeriodic(ctx, flowInput(ctx)),
    patrol_open: (ctx) => openPatrol(ctx, flowInput(ctx)),
    patrol_submit: (ctx) => submitPatrol(ctx, flowInput(ctx)),
    finding_close: (ctx) => closeFindingFlow(ctx, flowInput(ctx)),
    finding_to_incident: (ctx) => findingToIncident(ctx, flowInput(ctx)),
    roster_save: (ctx) => saveRoster(ctx, flowInput(ctx)),
  },
  help: (roles) =>
    roles.some((r) => r.role === "schoolAdmin" || r.role === "principal")
      ? // the help card knows no plan: the due day (每月25日前, 每季度末, …) is on the form card itself
        ["按活动方案规定的期限提交“月报表”和“自查表”（发送“月报表”打开表单，卡片上有截止日）；系统会按本期案件记录预填事件数，请核对后提交。"]
      : [],
};
