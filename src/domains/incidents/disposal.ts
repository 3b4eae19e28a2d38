/**
 * Card actions on a case after it was filed: ticking steps, the task force (一案一专班),
 * closing with the 情况报告, submitting it, and viewing details. Every action re-checks access
 * in the service (a forged value for someone else's case is refused and audited) and answers
 * within the callback budget; creating the group chat is deferred.
 */
import type { BotDeps, CardActionContext, CardActionResult } from "../../core/bot.js";
import type { CardJson } from "../../core/chat-port.js";
import { appendAuditTx } from "../../core/audit.js";
import { closingFormCard } from "../../../cards/incidents/case.js";
import { caseActionValue, closingDraftFromForm, LIMITS, parseClosing, stepActionValue } from "./schema.js";
import { addTaskForce, closeCase, ENTITY, guard, loadCase, recordView, recordStep, setTaskForceChat, stateOf, submitCaseReport, type CaseRow, type Tx } from "./service.js";
import { answerCard, clickedView, groupCard, refreshCards, reportCardFor, sendPersonalCard, settingsFor } from "./flows.js";
import { peopleFor, taskForceCandidates } from "./people.js";
import { apply, stepDef, type Flow } from "./workflow.js";
import { unitName } from "./views.js";
import type { Prisma } from "../../core/db/client.js";

const BAD_ACTION = { toast: { type: "error" as const, content: "操作无效或已过期，请在最新的案件卡片上操作" } };
const refusal = (message: string): CardActionResult => ({ toast: { type: "error", content: message } });

const actorOf = (ctx: CardActionContext) => ({ openId: ctx.actor.openId, now: ctx.clock.now() });

export async function onStep(ctx: CardActionContext): Promise<CardActionResult> {
  const v = stepActionValue.safeParse(ctx.action.value);
  if (!v.success) return BAD_ACTION;
  const r = await recordStep(ctx.db, v.data.caseId, actorOf(ctx), v.data.step, v.data.op, (tx, row) => refreshCards(ctx, tx, row));
  if (!r.ok) return refusal(r.message);
  const title = stepDef(r.row.flow as Flow, v.data.step)?.title ?? v.data.step;
  const where = await clickedView(ctx, r.row, ctx.messageId, ctx.actor.openId);
  const notice = `已记录：${v.data.op === "skip" ? "（不适用）" : ""}${title}`;
  return { toast: { type: "success", content: notice.slice(0, 60) }, card: await answerCard(ctx, r.row, where, ctx.actor.openId, notice) };
}

/** Sends the details to the person's own chat: a click in a group must never open details there. */
export async function onView(ctx: CardActionContext): Promise<CardActionResult> {
  const v = caseActionValue.safeParse(ctx.action.value);
  if (!v.success) return BAD_ACTION;
  const actor = actorOf(ctx);
  const g = await guard(ctx.db, v.data.caseId, actor, "status", "view");
  if (!g.ok) return refusal(g.message);
  await sendPersonalCard(ctx, g.row, actor.openId, g.access.detail ? "detail" : "reporter", `incident:${g.row.id}:view:${ctx.eventId}`);
  await recordView(ctx.db, g.row, actor, g.access.detail ? "detail" : "status");
  return { toast: { type: "info", content: `已在与机器人的私聊中发送案件 ${g.row.caseNo}` } };
}

// ── 一案一专班 ─────────────────────────────────────────────────────────────

const pickList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" && v ? [v] : []);

export async function onTaskForce(ctx: CardActionContext): Promise<CardActionResult> {
  const v = caseActionValue.safeParse(ctx.action.value);
  if (!v.success) return BAD_ACTION;
  const actor = actorOf(ctx);
  const g = await guard(ctx.db, v.data.caseId, actor, "lead", "taskforce");
  if (!g.ok) return refusal(g.message);
  if (g.row.taskForceChatId) return { toast: { type: "info", content: "本案工作专班群已建立" } };
  if (g.row.members.length > 0) {
    // Members were chosen but the chat was not created (Lark refused or the process stopped): try again.
    ctx.defer(() => createTaskForceChat(ctx, g.row.id, actor.openId));
    return { toast: { type: "info", content: "正在重新建立专班群…" } };
  }
  const picked = pickList(ctx.action.formValue?.members);
  if (picked.length === 0) return refusal("请选择专班成员");
  const candidates = await taskForceCandidates(ctx.db.prisma, g.row.campaignId, g.row.unitKey);
  const byKey = new Map(candidates.map((c) => [c.memberKey, c]));
  if (picked.some((k) => !byKey.has(k))) return refusal("专班成员的选项无效，请重新选择");
  const members = [{ openId: actor.openId, role: "lead" as const }, ...picked.map((k) => ({ openId: byKey.get(k)!.openId, role: "member" as const }))];
  const unique = [...new Map(members.map((m) => [m.openId, m])).values()];
  const r = await addTaskForce(ctx.db, g.row.id, actor, unique, (tx, row) => refreshCards(ctx, tx, row));
  if (!r.ok) return refusal(r.message);
  ctx.defer(() => createTaskForceChat(ctx, g.row.id, actor.openId));
  const where = await clickedView(ctx, r.row, ctx.messageId, actor.openId);
  return { toast: { type: "success", content: `已成立工作专班（${unique.length} 人），正在建群…` }, card: await answerCard(ctx, r.row, where, actor.openId) };
}

/** Creates the case's group chat (slow: runs after the callback answered) and posts the case card there. */
export async function createTaskForceChat(deps: BotDeps, caseId: string, by: string): Promise<void> {
  const c = await loadCase(deps.db.prisma, caseId);
  if (!c || c.taskForceChatId || c.members.length === 0) return;
  const lead = c.members.find((m) => m.role === "lead") ?? c.members[0];
  const created = await deps.chat.createGroupChat({
    // The case number only: a group name is seen by every member and in search.
    name: `欺凌事件专班 ${c.caseNo}`,
    memberOpenIds: c.members.map((m) => m.openId),
    ownerOpenId: lead.openId,
    description: "一案一专班。请勿在群内发布学生姓名、家庭信息或录音录像。",
    key: `incident:${c.id}:taskforce`,
  });
  const tz = (await settingsFor(deps.db.prisma, c.campaignId)).timezone;
  await setTaskForceChat(deps.db, caseId, created.chatId, by, deps.clock.now(), async (tx, row) => {
    await refreshCards(deps, tx, row);
    await tx.chatBinding.upsert({
      where: { chatId: created.chatId },
      create: { chatId: created.chatId, name: `欺凌事件专班 ${c.caseNo}`, campaignId: c.campaignId, unitKey: c.unitKey, purpose: "taskforce" },
      update: { campaignId: c.campaignId, unitKey: c.unitKey, purpose: "taskforce" },
    });
    const card = await groupCard(tx, row, tz);
    const q = await deps.chat.send({ chat: created.chatId }, { card }, { key: `incident:${c.id}:tfcard`, tx });
    await tx.caseCard.create({ data: { caseId: c.id, view: "taskforce", recipient: `chat:${created.chatId}`, outboxId: q.outboxId, createdAt: deps.clock.now() } });
    if (created.invalidMemberIds.length) {
      await deps.chat.send(
        { user: lead.openId },
        { text: `案件 ${c.caseNo} 的专班群已建立，但有 ${created.invalidMemberIds.length} 名成员未能加入（可能不在机器人的可用范围内），请在群内手动邀请。` },
        { key: `incident:${c.id}:tf-invalid`, tx },
      );
    }
  });
  deps.log.info({ caseId, chatId: created.chatId, invalid: created.invalidMemberIds.length }, "task force chat created");
}

// ── closing and the 情况报告 ─────────────────────────────────────────────────

function reportDaysText(s: { reportDays: number; reportDayType: string }): string {
  return `处置结束后${s.reportDays}${s.reportDayType === "working" ? "个工作日" : "日"}`;
}

export async function onCloseForm(ctx: CardActionContext): Promise<CardActionResult> {
  const v = caseActionValue.safeParse(ctx.action.value);
  if (!v.success) return BAD_ACTION;
  const actor = actorOf(ctx);
  const g = await guard(ctx.db, v.data.caseId, actor, "lead", "closeForm");
  if (!g.ok) return refusal(g.message);
  // A dry run of the state machine tells which steps are still open before the form is shown.
  const dry = apply(stateOf(g.row), { type: "close", by: actor.openId, at: actor.now });
  if (!dry.ok) return refusal(dry.message);
  const settings = await settingsFor(ctx.db.prisma, g.row.campaignId);
  return {
    card: closingFormCard({ caseId: g.row.id, caseNo: g.row.caseNo, unitName: await unitName(ctx.db.prisma, g.row.campaignId, g.row.unitKey), draft: {}, limit: LIMITS.closingText, reportDays: reportDaysText(settings) }) as unknown as CardJson,
  };
}

export async function onClose(ctx: CardActionContext): Promise<CardActionResult> {
  const v = caseActionValue.safeParse(ctx.action.value);
  if (!v.success) return BAD_ACTION;
  const actor = actorOf(ctx);
  const draft = closingDraftFromForm(ctx.action.formValue);
  const parsed = parseClosing(draft);
  const settings = await settingsFor(ctx.db.prisma, (await ctx.db.prisma.incidentCase.findUnique({ where: { id: v.data.caseId }, select: { campaignId: true } }))?.campaignId ?? "");
  if (!parsed.ok) {
    const g = await guard(ctx.db, v.data.caseId, actor, "lead", "close");
    if (!g.ok) return refusal(g.message);
    return {
      toast: { type: "error", content: `请修改标红的 ${parsed.errors.length} 处内容` },
      card: closingFormCard({ caseId: g.row.id, caseNo: g.row.caseNo, unitName: await unitName(ctx.db.prisma, g.row.campaignId, g.row.unitKey), draft, errors: parsed.errors, limit: LIMITS.closingText, reportDays: reportDaysText(settings) }) as unknown as CardJson,
    };
  }
  const r = await closeCase(ctx.db, v.data.caseId, actor, parsed.value, settings, async (tx, row) => {
    await refreshCards(ctx, tx, row);
    await postReportCard(ctx, tx, row, settings.timezone);
  });
  if (!r.ok) return refusal(r.message);
  // The clicked card is the closing form, which replaced a copy of the case card: answer with that copy's view.
  const where = await clickedView(ctx, r.row, ctx.messageId, actor.openId);
  return {
    toast: { type: "success", content: `案件 ${r.row.caseNo} 处置结束，情况报告须于 ${r.row.reportDueDate} 前报送` },
    card: await answerCard(ctx, r.row, where.view === "brief" && !where.group ? { view: "detail", group: false, report: false } : where, actor.openId),
  };
}

/** The assembled 情况报告 goes to the case chat (or, without one, to the school's leads) for confirmation. */
async function postReportCard(deps: BotDeps, tx: Prisma.TransactionClient, c: CaseRow, tz: string): Promise<void> {
  const card = await reportCardFor(tx, c, true, tz);
  const targets: string[] = c.taskForceChatId
    ? [`chat:${c.taskForceChatId}`]
    : (await peopleFor(tx, c.campaignId, c.unitKey, { role: "principal", scope: "unit" })).map((p) => `user:${p.openId}`);
  if (targets.length === 0) targets.push(`user:${c.closedBy}`);
  for (const t of targets) {
    const to = t.startsWith("chat:") ? { chat: t.slice(5) } : { user: t.slice(5) };
    const q = await deps.chat.send(to, { card }, { key: `incident:${c.id}:report-card:${t}`, tx });
    await tx.caseCard.upsert({
      where: { caseId_recipient_view: { caseId: c.id, recipient: t, view: "report" } },
      create: { caseId: c.id, view: "report", recipient: t, outboxId: q.outboxId, createdAt: c.closedAt ?? deps.clock.now() },
      update: {},
    });
  }
}

export async function onReport(ctx: CardActionContext): Promise<CardActionResult> {
  const v = caseActionValue.safeParse(ctx.action.value);
  if (!v.success) return BAD_ACTION;
  const actor = actorOf(ctx);
  const r = await submitCaseReport(ctx.db, v.data.caseId, actor, async (tx, row) => {
    await refreshCards(ctx, tx, row);
    await sendReportToBureau(ctx, tx, row);
  });
  if (!r.ok) return refusal(r.message);
  const where = await clickedView(ctx, r.row, ctx.messageId, actor.openId);
  return { toast: { type: "success", content: `案件 ${r.row.caseNo} 的情况报告已报送区教育局` }, card: await answerCard(ctx, r.row, where, actor.openId) };
}

/** 报所属教育行政部门: the submitted report reaches the bureau safety office. */
async function sendReportToBureau(deps: BotDeps, tx: Prisma.TransactionClient, c: CaseRow): Promise<void> {
  const tz = (await settingsFor(tx, c.campaignId)).timezone;
  const card = await reportCardFor(tx, c, false, tz);
  for (const p of await peopleFor(tx, c.campaignId, c.unitKey, { role: "safetyOffice", scope: "bureau" })) {
    await deps.chat.send({ user: p.openId }, { card }, { key: `incident:${c.id}:report-to:${p.openId}`, tx });
    await appendAuditTx(tx, deps.db.provider, {
      actor: "bot",
      action: "case.notify",
      entityType: ENTITY,
      entityId: c.id,
      campaignId: c.campaignId,
      before: null,
      after: { to: p.openId, view: "report" },
      at: c.reportSubmittedAt ?? c.updatedAt,
    });
  }
}

export type { Tx };
