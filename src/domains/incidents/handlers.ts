/**
 * The incidents module: the `上报` and `案件` commands and the case card actions.
 * Handlers only parse and dispatch; rules live in the service and the state machine.
 */
import type { BotModule, CardActionContext, CardActionResult, CommandContext } from "../../core/bot.js";
import type { CardJson } from "../../core/chat-port.js";
import { A, caseListCard } from "../../../cards/incidents/case.js";
import { INCIDENT_SUBMIT } from "../../../cards/incidents/form.js";
import { DENIED_MESSAGE } from "./access.js";
import { onClose, onCloseForm, onReport, onStep, onTaskForce, onView } from "./disposal.js";
import { groupCard, NOT_A_REPORTER, newReportForm, sendPersonalCard, sendReportForm, settingsFor, submitReport } from "./flows.js";
import { listCases, visibleCaseFilter, type CaseBrief } from "./queries.js";
import { SEVERITIES, type Severity } from "./schema.js";
import { guard, loadCaseByNo, recordView } from "./service.js";
import { fmtDate } from "./views.js";
import { STATUS_TITLES, type CaseStatus } from "./workflow.js";

async function reportCommand(ctx: CommandContext): Promise<void> {
  if (ctx.chatType === "group") {
    // A form in a group would show the case card to the whole group after submitting.
    const sent = await sendReportForm(ctx, ctx.actor.openId, { key: `incident:form:${ctx.eventId}` });
    await ctx.reply(sent ? "已在与机器人的私聊中发送上报表单，请在私聊中填写。" : NOT_A_REPORTER);
    return;
  }
  const f = await newReportForm(ctx, ctx.actor.openId);
  if (!f) return ctx.reply(NOT_A_REPORTER);
  await ctx.replyCard(f.card);
}

async function unitNames(ctx: CommandContext, rows: CaseBrief[], campaignIds: string[]): Promise<Map<string, string>> {
  if (!rows.length) return new Map();
  const units = await ctx.db.prisma.unit.findMany({ where: { campaignId: { in: campaignIds }, key: { in: [...new Set(rows.map((r) => r.unitKey))] } }, select: { key: true, name: true } });
  return new Map(units.map((u) => [u.key, u.name]));
}

function listCard(title: string, rows: CaseBrief[], names: Map<string, string>, tz: string, note?: string): CardJson {
  return caseListCard({
    title,
    counts: {
      open: rows.filter((r) => r.status === "open").length,
      closed: rows.filter((r) => r.status === "closed").length,
      reported: rows.filter((r) => r.status === "reported").length,
      overdue: rows.filter((r) => r.overdue).length,
    },
    rows: rows.map((r) => ({
      caseNo: r.caseNo,
      unit: names.get(r.unitKey) ?? r.unitKey,
      severity: `${SEVERITIES[r.severity as Severity] ?? r.severity}${r.major ? "（重特大）" : ""}`,
      status: `${STATUS_TITLES[r.status as CaseStatus] ?? r.status}${r.overdue ? "（逾期）" : ""}`,
      opened: fmtDate(r.openedAt, tz),
    })),
    ...(note ? { note } : {}),
  }) as unknown as CardJson;
}

/**
 * `案件` lists case numbers and counts; `案件 <编号>` shows one case — in full only in the
 * person's own chat with the bot and only to those allowed, as the group-safe view in the
 * case's own task-force chat, and as numbers only in any other chat.
 */
async function casesCommand(ctx: CommandContext): Promise<void> {
  const now = ctx.clock.now();
  const caseNo = ctx.args.trim().split(/\s+/)[0] ?? "";
  if (caseNo) {
    const c = await loadCaseByNo(ctx.db.prisma, caseNo.slice(0, 80));
    const actor = { openId: ctx.actor.openId, now };
    if (ctx.chatType === "group") {
      if (c && c.taskForceChatId === ctx.chatId) {
        const tz = (await settingsFor(ctx.db.prisma, c.campaignId)).timezone;
        await ctx.replyCard(await groupCard(ctx.db.prisma, c, tz));
        return;
      }
      const binding = await ctx.db.prisma.chatBinding.findUnique({ where: { chatId: ctx.chatId } });
      if (!c || !binding?.campaignId || binding.campaignId !== c.campaignId || (binding.unitKey && binding.unitKey !== c.unitKey)) {
        await ctx.reply("本群无法查看该案件。案件详情请有权限的人员在与机器人的私聊中查看。");
        return;
      }
      const rows = await listCases(ctx.db.prisma, { id: c.id }, now);
      const tz = (await settingsFor(ctx.db.prisma, c.campaignId)).timezone;
      await ctx.replyCard(listCard(`案件 ${c.caseNo}`, rows, await unitNames(ctx, rows, [c.campaignId]), tz));
      return;
    }
    const g = await guard(ctx.db, c?.id ?? `no:${caseNo.slice(0, 60)}`, actor, "status", "command:view");
    if (!g.ok) return ctx.reply(DENIED_MESSAGE);
    // Sent (not replied) so this fresh copy is kept up to date like the others.
    await sendPersonalCard(ctx, g.row, actor.openId, g.access.detail ? "detail" : "reporter", `incident:${g.row.id}:cmd:${ctx.eventId}`);
    await recordView(ctx.db, g.row, actor, g.access.detail ? "detail" : "status");
    return;
  }
  if (ctx.chatType === "group") {
    const binding = await ctx.db.prisma.chatBinding.findUnique({ where: { chatId: ctx.chatId } });
    if (!binding?.campaignId) return ctx.reply("本群尚未关联专项行动，无法列出案件。");
    const where = binding.unitKey ? { campaignId: binding.campaignId, unitKey: binding.unitKey } : { campaignId: binding.campaignId };
    const rows = await listCases(ctx.db.prisma, where, now);
    const tz = (await settingsFor(ctx.db.prisma, binding.campaignId)).timezone;
    await ctx.replyCard(listCard("学生欺凌事件案件", rows, await unitNames(ctx, rows, [binding.campaignId]), tz));
    return;
  }
  const filter = await visibleCaseFilter(ctx.db.prisma, ctx.actor.openId);
  const rows = filter ? await listCases(ctx.db.prisma, filter, now) : [];
  const campaignIds = [...new Set(rows.map((r) => r.campaignId))];
  const tz = campaignIds[0] ? (await settingsFor(ctx.db.prisma, campaignIds[0])).timezone : "Asia/Shanghai";
  await ctx.replyCard(listCard("我可查看的案件", rows, await unitNames(ctx, rows, campaignIds), tz, "发送“案件 案件编号”查看某一案件的详情与处置步骤。"));
}

/** Opens the report form from a button (help card, patrol finding): sent to the person's own chat. */
async function openForm(ctx: CardActionContext): Promise<CardActionResult> {
  const campaignId = typeof ctx.action.value.campaignId === "string" ? ctx.action.value.campaignId : undefined;
  const sent = await sendReportForm(ctx, ctx.actor.openId, { ...(campaignId ? { campaignId } : {}), key: `incident:form:${ctx.eventId}` });
  if (!sent) return { toast: { type: "error", content: NOT_A_REPORTER } };
  return { toast: { type: "info", content: "已在与机器人的私聊中发送上报表单" } };
}

async function submit(ctx: CardActionContext): Promise<CardActionResult> {
  return submitReport(ctx, { openId: ctx.actor.openId, messageId: ctx.messageId, value: ctx.action.value, formValue: ctx.action.formValue });
}

export const incidentsModule: BotModule = {
  name: "incidents",
  commands: [
    { name: "上报", aliases: ["上报事件", "上报欺凌", "report"], summary: "上报学生欺凌事件（填写表单，不填学生姓名）", run: reportCommand },
    {
      name: "案件",
      aliases: ["cases", "查看案件"],
      summary: "查看案件：“案件”列出编号和数量，“案件 编号”查看详情（仅限有权限的人员，私聊中）",
      roles: ["principal", "schoolAdmin", "governanceCommittee", "safetyOffice", "officeDirector", "leader", "teacher"],
      run: casesCommand,
    },
  ],
  actions: {
    [A.openForm]: openForm,
    [INCIDENT_SUBMIT]: submit,
    [A.step]: onStep,
    [A.view]: onView,
    [A.taskforce]: onTaskForce,
    [A.closeForm]: onCloseForm,
    [A.close]: onClose,
    [A.report]: onReport,
  },
  helpButtons: (roles) => (roles.length ? [{ text: "上报欺凌事件", primary: true, value: { action: A.openForm, campaignId: roles[0]!.campaignId } }] : []),
  help(roles) {
    const lines = ["发送“上报”填写学生欺凌事件上报表单；学生只填人数和年级，不填姓名。"];
    if (roles.some((r) => ["principal", "schoolAdmin"].includes(r.role))) lines.push("在案件卡片上勾选处置步骤、成立工作专班（一案一专班）、处置结束后确认报送情况报告。");
    return lines;
  },
};
