/**
 * Orchestration of a case: services + ChatPort. Every message is queued through the outbox
 * inside the same transaction as the change that caused it, with an idempotency key derived
 * from the case and its version, so a retried event posts nothing twice.
 */
import { randomUUID } from "node:crypto";
import type { BotDeps, CardActionResult } from "../../core/bot.js";
import type { CardJson, MessageRef } from "../../core/chat-port.js";
import type { Prisma } from "../../core/db/client.js";
import { appendAuditTx } from "../../core/audit.js";
import { caseCard, caseReportCard, type CaseView } from "../../../cards/incidents/case.js";
import { reportFormCard } from "../../../cards/incidents/form.js";
import { accessFrom, accessTo, loadRoles, NO_ACCESS, type CaseAccess } from "./access.js";
import { peopleFor, planSettings, reportScopes, type PlanSettings, type ReportScope } from "./people.js";
import { routeCase } from "./routing.js";
import { draftFromForm, parseIntake, type IntakeDraft } from "./schema.js";
import { createCase, ENTITY, loadCase, majorOf, type CaseRow, type Tx } from "./service.js";
import { caseCardModel, caseReportModel, formLimits, formOptions, loadViewContext, type ViewContext } from "./views.js";

export async function settingsFor(tx: Tx, campaignId: string): Promise<PlanSettings> {
  const c = await tx.campaign.findUnique({ where: { id: campaignId }, select: { planJson: true } });
  return planSettings(c?.planJson ?? "{}");
}

const asCard = (c: unknown) => c as CardJson;

// ── the report form ─────────────────────────────────────────────────────────

export const NOT_A_REPORTER = "你不在任何进行中的专项行动的人员名单中，无法上报。请联系学校管理员或区教育局安全办。";

export function buildReportForm(scope: ReportScope, formId: string, draft: IntakeDraft, errors?: { field: string; message: string }[], origin?: string, findingId?: string): CardJson {
  return asCard(
    reportFormCard({
      formId,
      campaignId: scope.campaignId,
      campaignTitle: scope.campaignTitle,
      units: scope.units.map((u) => ({ value: u.key, text: u.name })),
      draft,
      ...(errors ? { errors } : {}),
      ...(origin ? { origin } : {}),
      ...(findingId ? { findingId } : {}),
      options: formOptions(),
      limits: formLimits,
    }),
  );
}

/** A fresh form for this person (null when they may not report). */
export async function newReportForm(deps: Pick<BotDeps, "db">, openId: string, opts: { campaignId?: string; prefill?: IntakeDraft; origin?: string; findingId?: string } = {}): Promise<{ card: CardJson; formId: string } | null> {
  const scopes = await reportScopes(deps.db.prisma, openId);
  const scope = scopes.find((s) => s.campaignId === opts.campaignId) ?? scopes[0];
  if (!scope) return null;
  const formId = randomUUID();
  return { formId, card: buildReportForm(scope, formId, opts.prefill ?? {}, undefined, opts.origin, opts.findingId) };
}

/** Sends the form to the person's chat with the bot. */
export async function sendReportForm(deps: BotDeps, openId: string, opts: { campaignId?: string; prefill?: IntakeDraft; origin?: string; findingId?: string; key?: string } = {}): Promise<{ formId: string } | null> {
  const f = await newReportForm(deps, openId, opts);
  if (!f) return null;
  await deps.chat.send({ user: openId }, { card: f.card }, { key: opts.key ?? `incident:form:${f.formId}` });
  return { formId: f.formId };
}

export interface SubmitInput {
  openId: string;
  messageId?: string;
  value: Record<string, unknown>;
  formValue?: Record<string, unknown>;
}

/** The submit of the report form: the form back with errors, or the new case's card. */
export async function submitReport(deps: BotDeps, input: SubmitInput): Promise<CardActionResult> {
  const now = deps.clock.now();
  const formId = typeof input.value.formId === "string" && /^[A-Za-z0-9-]{1,64}$/.test(input.value.formId) ? input.value.formId : null;
  if (!formId) return { toast: { type: "error", content: "表单已失效，请重新发送“上报”获取新的表单" } };
  const submissionKey = `${input.openId}:${formId}`;
  const existing = await deps.db.prisma.incidentCase.findUnique({ where: { submissionKey }, select: { id: true } });
  if (existing) {
    // The same form submitted again (double click, retry): the first case, unchanged.
    const row = (await loadCase(deps.db.prisma, existing.id))!;
    return { toast: { type: "info", content: `该事件已上报，案件编号 ${row.caseNo}` }, card: await cardFor(deps, row, input.openId, "reporter") };
  }
  const scopes = await reportScopes(deps.db.prisma, input.openId);
  const scope = scopes.find((s) => s.campaignId === input.value.campaignId) ?? scopes[0];
  if (!scope) return { toast: { type: "error", content: NOT_A_REPORTER } };
  const draft = draftFromForm(input.formValue);
  const findingId = typeof input.value.findingId === "string" && input.value.findingId.length <= 64 ? input.value.findingId : null;
  const parsed = parseIntake(draft, { now, tz: scope.timezone, unitKeys: scope.units.map((u) => u.key) });
  if (!parsed.ok) {
    return {
      toast: { type: "error", content: `请修改标红的 ${parsed.errors.length} 处内容：${parsed.errors[0].message}` },
      card: buildReportForm(scope, formId, draft, parsed.errors, undefined, findingId ?? undefined),
    };
  }
  const settings = await settingsFor(deps.db.prisma, scope.campaignId);
  const { row, created } = await createCase(
    deps.db,
    {
      campaignId: scope.campaignId,
      unitKey: parsed.value.unit,
      reporterOpenId: input.openId,
      submissionKey,
      reporterMessageId: input.messageId ?? null,
      intake: parsed.value,
      now,
      settings,
    },
    async (tx, c) => {
      await routeNewCase(deps, tx, c, settings);
      if (findingId) await linkFinding(tx, findingId, c);
    },
  );
  const card = await cardFor(deps, row, input.openId, "reporter");
  if (!created) return { toast: { type: "info", content: `该事件已上报，案件编号 ${row.caseNo}` }, card };
  deps.log.info({ caseId: row.id, caseNo: row.caseNo, severity: row.severity, urgent: row.severity === "criminal" || row.major }, "incident case filed");
  return { toast: { type: "success", content: `已上报，案件编号 ${row.caseNo}` }, card };
}

/**
 * A report opened from a patrol's 苗头 finding points back at it. The id comes from a card
 * value, so it is trusted only for an open finding of the same campaign and school not yet linked.
 */
async function linkFinding(tx: Prisma.TransactionClient, findingId: string, c: CaseRow): Promise<void> {
  await tx.finding.updateMany({ where: { id: findingId, campaignId: c.campaignId, unitKey: c.unitKey, incidentCaseId: null }, data: { incidentCaseId: c.id } });
}

// ── routing ────────────────────────────────────────────────────────────────

/**
 * Tells the right people, each with the view they are allowed: one card per person (the most
 * privileged of their roles), buzzed (加急) when the case is urgent for that role.
 */
export async function routeNewCase(deps: BotDeps, tx: Prisma.TransactionClient, c: CaseRow, settings: PlanSettings): Promise<void> {
  const plan = routeCase({ severity: c.severity as "minor", major: majorOf(c), publicAttention: c.publicAttention });
  const people = new Map<string, { urgent: boolean; roles: string[] }>();
  for (const t of plan.targets) {
    for (const p of await peopleFor(tx, c.campaignId, c.unitKey, t)) {
      const e = people.get(p.openId) ?? { urgent: false, roles: [] };
      e.urgent ||= t.urgent;
      e.roles.push(t.role);
      people.set(p.openId, e);
    }
  }
  if (c.reporterMessageId) {
    await tx.caseCard.create({ data: { caseId: c.id, view: "reporter", recipient: `user:${c.reporterOpenId}`, messageId: c.reporterMessageId, createdAt: c.openedAt } });
  }
  const vc = await loadViewContext(tx, c, settings.timezone);
  const roles = await loadRoles(tx, c.campaignId, [...people.keys()]);
  for (const [openId, p] of people) {
    const access = accessFrom(roles, c, openId);
    const view: CaseView = access.detail ? "detail" : "brief";
    const card = renderCard(vc, c, access, view);
    const q = await deps.chat.send({ user: openId }, { card }, { key: `incident:${c.id}:route:${openId}`, tx, critical: p.urgent });
    await tx.caseCard.create({ data: { caseId: c.id, view, recipient: `user:${openId}`, outboxId: q.outboxId, createdAt: c.openedAt } });
    if (p.urgent) await deps.chat.urgent({ outboxId: q.outboxId }, "app", [openId], { key: `incident:${c.id}:urgent:${openId}`, tx, critical: true });
    await appendAuditTx(tx, deps.db.provider, {
      actor: "bot",
      action: "case.notify",
      entityType: ENTITY,
      entityId: c.id,
      campaignId: c.campaignId,
      before: null,
      after: { to: openId, roles: p.roles, view, urgent: p.urgent },
      at: c.openedAt,
    });
  }
}

// ── cards ───────────────────────────────────────────────────────────────────

/** Group chats get a fixed view: details the task force may see, never the private note. */
const GROUP_ACCESS: CaseAccess = { status: true, detail: true, act: true, lead: true, privateNote: false };
const STATUS_ONLY: CaseAccess = { ...NO_ACCESS, status: true };

function renderCard(vc: ViewContext, c: CaseRow, access: CaseAccess, view: CaseView, notice?: string): CardJson {
  const a = view === "taskforce" ? GROUP_ACCESS : view === "reporter" ? STATUS_ONLY : view === "brief" ? NO_ACCESS : access;
  return asCard(caseCard(caseCardModel(vc, c, a, view, { ...(notice ? { notice } : {}), inGroup: view === "taskforce" })));
}

/** The copy of the case card in the task-force chat. */
export async function groupCard(tx: Tx, c: CaseRow, tz: string): Promise<CardJson> {
  return renderCard(await loadViewContext(tx, c, tz), c, GROUP_ACCESS, "taskforce");
}

/** The view a person gets in their own chat with the bot: the best one they may have. */
function personalView(access: CaseAccess, preferred: CaseView): CaseView {
  if (preferred === "reporter") return "reporter";
  return access.detail ? (preferred === "brief" ? "detail" : preferred) : access.status ? "reporter" : "brief";
}

/** The card for this person in their own chat with the bot. */
export async function cardFor(deps: Pick<BotDeps, "db">, c: CaseRow, openId: string, preferred: CaseView, notice?: string): Promise<CardJson> {
  const tz = (await settingsFor(deps.db.prisma, c.campaignId)).timezone;
  const [vc, access] = await Promise.all([loadViewContext(deps.db.prisma, c, tz), accessTo(deps.db.prisma, c, openId)]);
  return renderCard(vc, c, access, personalView(access, preferred), notice);
}

export async function reportCardFor(tx: Tx, c: CaseRow, canSubmit: boolean, tz: string): Promise<CardJson> {
  return asCard(caseReportCard(await caseReportModel(tx, c, canSubmit, tz)));
}

/** A day short of Lark's 14-day window for updating a sent card, so a patch is never refused. */
export const PATCH_WINDOW_MS = 13 * 86_400_000;

/**
 * Sends a fresh copy of the case card to a person's own chat and keeps it up to date from now
 * on (it replaces the copy that person had in that view, which may be too old to patch).
 */
export async function sendPersonalCard(deps: BotDeps, c: CaseRow, openId: string, preferred: CaseView, key: string): Promise<void> {
  const tz = (await settingsFor(deps.db.prisma, c.campaignId)).timezone;
  const [vc, access] = await Promise.all([loadViewContext(deps.db.prisma, c, tz), accessTo(deps.db.prisma, c, openId)]);
  const view = personalView(access, preferred);
  const card = renderCard(vc, c, access, view);
  await deps.db.prisma.$transaction(async (tx) => {
    const q = await deps.chat.send({ user: openId }, { card }, { key, tx });
    const now = deps.clock.now();
    await tx.caseCard.upsert({
      where: { caseId_recipient_view: { caseId: c.id, recipient: `user:${openId}`, view } },
      create: { caseId: c.id, view, recipient: `user:${openId}`, outboxId: q.outboxId, createdAt: now },
      update: { outboxId: q.outboxId, messageId: null, createdAt: now },
    });
  });
}

/**
 * Re-renders every copy of the case card (each in its own view) and queues the in-place
 * updates. Access is re-checked per copy: someone who lost access gets the brief view.
 */
export async function refreshCards(deps: BotDeps, tx: Prisma.TransactionClient, c: CaseRow): Promise<void> {
  const tz = (await settingsFor(tx, c.campaignId)).timezone;
  // Lark patches only cards up to 14 days old; older copies stay as they are (`案件 编号` sends a fresh one).
  const since = new Date(deps.clock.now().getTime() - PATCH_WINDOW_MS);
  const cards = await tx.caseCard.findMany({ where: { caseId: c.id, createdAt: { gt: since } }, orderBy: { createdAt: "asc" } });
  if (!cards.length) return;
  const users = cards.filter((r) => r.recipient.startsWith("user:")).map((r) => r.recipient.slice(5));
  const [vc, roles] = await Promise.all([loadViewContext(tx, c, tz), loadRoles(tx, c.campaignId, users)]);
  let report: CardJson | null = null;
  for (const row of cards) {
    const ref: MessageRef | null = row.messageId ? { messageId: row.messageId } : row.outboxId ? { outboxId: row.outboxId } : null;
    if (!ref) continue;
    let card: CardJson;
    if (row.view === "report") card = report ??= await reportCardFor(tx, c, true, tz);
    else if (row.recipient.startsWith("chat:")) card = renderCard(vc, c, GROUP_ACCESS, "taskforce");
    else {
      const access = accessFrom(roles, c, row.recipient.slice(5));
      card = renderCard(vc, c, access, row.view === "reporter" ? "reporter" : access.detail ? (row.view as CaseView) : "brief");
    }
    // One key per card per case version: every change bumps the version, so each change patches once.
    await deps.chat.updateCard(ref, card, { key: `incident:${c.id}:v${c.version}:card:${row.id}`, tx });
  }
}

/**
 * Which copy of the case card was clicked, so the callback answers with that copy's view
 * (a group must never get a detail view back). Only copies that could be the clicker's are
 * looked at; an unknown message (a card forwarded to someone else) gets `brief`.
 */
export async function clickedView(deps: BotDeps, c: CaseRow, messageId: string | undefined, openId: string): Promise<{ view: CaseView; group: boolean; report: boolean }> {
  const none = { view: "brief" as CaseView, group: false, report: false };
  if (!messageId) return none;
  const rows = await deps.db.prisma.caseCard.findMany({ where: { caseId: c.id, OR: [{ messageId }, { messageId: null }] } });
  for (const r of rows) {
    let mid = r.messageId;
    if (!mid && r.outboxId && (r.recipient === `user:${openId}` || r.recipient.startsWith("chat:"))) {
      mid = await deps.chat.messageIdOf(r.outboxId);
      if (mid) await deps.db.prisma.caseCard.update({ where: { id: r.id }, data: { messageId: mid } });
    }
    if (mid !== messageId) continue;
    if (r.recipient.startsWith("chat:")) return { view: "taskforce", group: true, report: r.view === "report" };
    // Someone else's copy (forwarded to them) is shown as brief.
    if (r.recipient !== `user:${openId}`) return { view: "brief", group: false, report: r.view === "report" };
    return { view: r.view === "report" ? "detail" : (r.view as CaseView), group: false, report: r.view === "report" };
  }
  return none;
}

/** The answer card for a click on a copy of the case card, in that copy's view. */
export async function answerCard(deps: BotDeps, c: CaseRow, where: { view: CaseView; group: boolean; report: boolean }, openId: string, notice?: string): Promise<CardJson> {
  const tz = (await settingsFor(deps.db.prisma, c.campaignId)).timezone;
  if (where.report) return reportCardFor(deps.db.prisma, c, true, tz);
  const vc = await loadViewContext(deps.db.prisma, c, tz);
  if (where.group) return renderCard(vc, c, GROUP_ACCESS, "taskforce", notice);
  if (where.view === "brief") return renderCard(vc, c, NO_ACCESS, "brief", notice);
  const access = await accessTo(deps.db.prisma, c, openId);
  return renderCard(vc, c, access, personalView(access, where.view), notice);
}
