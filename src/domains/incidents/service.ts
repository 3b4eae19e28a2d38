/**
 * Reads and writes of cases, each change in one transaction together with its audit row
 * (old → new) and the reminder-clock bookkeeping. Access is checked here, not in the handlers,
 * so no path can change a case without it; a refusal is itself audited.
 *
 * Sensitive free text (summary, private note, measures, the closing texts) never goes into the
 * audit log in clear: the log records a digest and the length, enough to show that and when it
 * changed without copying a child's story into a second table.
 */
import { createHash } from "node:crypto";
import type { Database, Db, Prisma } from "../../core/db/client.js";
import { isUniqueViolation } from "../../core/db/client.js";
import { appendAuditTx, appendAudit } from "../../core/audit.js";
import { addDays, instantToLocalDate, localDateToInstant, WorkCalendar } from "../../core/calendar.js";
import { closeTrackedItem, upsertTrackedItem } from "../reminders/api.js";
import { accessTo, DENIED_MESSAGE, type CaseAccess } from "./access.js";
import type { Closing, Intake, MajorMarker, Kind } from "./schema.js";
import { apply, flowFor, type CaseCommand, type CaseEvent, type CaseState, type Flow, type CaseStatus } from "./workflow.js";
import { DEFAULT_CASE_ESCALATION, peopleFor } from "./people.js";
import type { PlanSettings } from "./people.js";
import { decryptField, encryptField } from "../../core/crypto/field-crypto.js";

export type Tx = Prisma.TransactionClient | Db;

export type CaseRow = Prisma.IncidentCaseGetPayload<{ include: { steps: true; members: true } }>;

export const ENTITY = "IncidentCase";

export function digest(text: string | null | undefined): { sha256: string; chars: number } | null {
  if (text === null || text === undefined || text === "") return null;
  return { sha256: createHash("sha256").update(text).digest("hex").slice(0, 16), chars: Array.from(text).length };
}

export function kindsOf(c: Pick<CaseRow, "kindPhysical" | "kindVerbal" | "kindCyber" | "kindProperty" | "kindExclusion">): Kind[] {
  const out: Kind[] = [];
  if (c.kindPhysical) out.push("physical");
  if (c.kindVerbal) out.push("verbal");
  if (c.kindCyber) out.push("cyber");
  if (c.kindProperty) out.push("property");
  if (c.kindExclusion) out.push("exclusion");
  return out;
}

export function majorOf(c: Pick<CaseRow, "majorCasualty" | "majorWeapon" | "majorOnline" | "majorGroup">): MajorMarker[] {
  const out: MajorMarker[] = [];
  if (c.majorCasualty) out.push("casualty");
  if (c.majorWeapon) out.push("weapon");
  if (c.majorOnline) out.push("online");
  if (c.majorGroup) out.push("group");
  return out;
}

export function stateOf(c: CaseRow): CaseState {
  return {
    flow: c.flow as Flow,
    status: c.status as CaseStatus,
    steps: Object.fromEntries(c.steps.map((s) => [s.key, { state: s.state as "done" | "skipped", by: s.byOpenId, at: s.at, note: s.note }])),
  };
}

/** Non-sensitive fields as the audit log shows them. */
function auditView(c: Omit<CaseRow, "steps" | "members">) {
  return {
    caseNo: c.caseNo,
    unitKey: c.unitKey,
    flow: c.flow,
    status: c.status,
    occurredAt: c.occurredAt.toISOString(),
    location: c.location,
    place: c.place,
    kinds: kindsOf(c),
    severity: c.severity,
    major: majorOf(c),
    source: c.source,
    publicAttention: c.publicAttention,
    victimCount: c.victimCount,
    actorCount: c.actorCount,
    grades: c.grades,
    summary: digest(c.summary),
    privateNote: digest(c.privateNote),
    measures: digest(c.measures),
  };
}

/**
 * The case's free-text fields are encrypted at rest (AES-256-GCM, src/core/crypto): written
 * through `sealed()`, read through `opened()`; every read of a whole case goes through here.
 */
export const SENSITIVE_FIELDS = ["summary", "privateNote", "measures", "resultText", "causeText", "nextStepsText"] as const;
export type SensitiveField = (typeof SENSITIVE_FIELDS)[number];

export function sealed<T extends Partial<Record<SensitiveField, unknown>>>(data: T): T {
  const out: Record<string, unknown> = { ...data };
  for (const f of SENSITIVE_FIELDS) if (typeof out[f] === "string") out[f] = encryptField(f, out[f] as string);
  return out as T;
}

export function opened<T extends Partial<Record<SensitiveField, string | null>>>(row: T): T;
export function opened<T extends Partial<Record<SensitiveField, string | null>>>(row: T | null): T | null;
export function opened<T extends Partial<Record<SensitiveField, string | null>>>(row: T | null): T | null {
  if (!row) return row;
  const out: Record<string, unknown> = { ...row };
  for (const f of SENSITIVE_FIELDS) if (typeof out[f] === "string") out[f] = decryptField(f, out[f] as string);
  return out as T;
}

export async function loadCase(tx: Tx, id: string): Promise<CaseRow | null> {
  return opened(await tx.incidentCase.findUnique({ where: { id }, include: { steps: { orderBy: { at: "asc" } }, members: { orderBy: { addedAt: "asc" } } } }));
}

export async function loadCaseByNo(tx: Tx, caseNo: string): Promise<CaseRow | null> {
  return opened(await tx.incidentCase.findUnique({ where: { caseNo }, include: { steps: { orderBy: { at: "asc" } }, members: { orderBy: { addedAt: "asc" } } } }));
}

export function formatCaseNo(unitKey: string, year: number, seq: number): string {
  return `${unitKey}-${year}-${String(seq).padStart(3, "0")}`;
}

/** Local due date `days` after the event date, in calendar or working days. */
export function dueDateAfter(event: Date, days: number, dayType: "calendar" | "working", s: Pick<PlanSettings, "timezone" | "holidays" | "workdays">): string {
  const d = instantToLocalDate(event, s.timezone);
  return dayType === "working" ? new WorkCalendar({ holidays: s.holidays, workdays: s.workdays }).addWorkdays(d, days) : addDays(d, days);
}

/** The instant a due date is late after: the start of the next local day (the whole day counts). */
export function endOfDueDate(date: string, tz: string): Date {
  return localDateToInstant(addDays(date, 1), "00:00", tz);
}

export const clockKeys = {
  investigation: (caseNo: string) => `incident:${caseNo}:investigation`,
  report: (caseNo: string) => `incident:${caseNo}:report`,
};

async function leadKeys(tx: Tx, c: { campaignId: string; unitKey: string }): Promise<string[]> {
  const p = await peopleFor(tx, c.campaignId, c.unitKey, { role: "principal", scope: "unit" });
  return p.length ? p.map((x) => x.memberKey) : (await peopleFor(tx, c.campaignId, c.unitKey, { role: "schoolAdmin", scope: "unit" })).map((x) => x.memberKey);
}

export interface NewCase {
  campaignId: string;
  unitKey: string;
  reporterOpenId: string;
  /** reporter + form id: the same form submitted twice is one case */
  submissionKey: string;
  reporterMessageId?: string | null;
  intake: Intake;
  now: Date;
  settings: PlanSettings;
}

export type AfterHook = (tx: Prisma.TransactionClient, c: CaseRow, events: CaseEvent[]) => Promise<void>;

/**
 * Files a case: number, row, investigation clock and audit in one transaction. A second call
 * with the same submission key returns the first case (`created: false`) and changes nothing.
 */
export async function createCase(db: Database, n: NewCase, after?: AfterHook): Promise<{ row: CaseRow; created: boolean }> {
  const existing = await db.prisma.incidentCase.findUnique({ where: { submissionKey: n.submissionKey }, select: { id: true } });
  if (existing) return { row: (await loadCase(db.prisma, existing.id))!, created: false };
  const year = Number(instantToLocalDate(n.now, n.settings.timezone).slice(0, 4));
  const i = n.intake;
  const invDue = dueDateAfter(n.now, n.settings.investigationDays, "calendar", n.settings);
  for (let attempt = 0; ; attempt++) {
    try {
      const row = await db.prisma.$transaction(async (tx) => {
        const max = await tx.incidentCase.aggregate({ where: { campaignId: n.campaignId, unitKey: n.unitKey, year }, _max: { seq: true } });
        const seq = (max._max.seq ?? 0) + 1;
        const caseNo = formatCaseNo(n.unitKey, year, seq);
        const created = await tx.incidentCase.create({
          data: sealed({
            caseNo,
            campaignId: n.campaignId,
            unitKey: n.unitKey,
            year,
            seq,
            submissionKey: n.submissionKey,
            reporterOpenId: n.reporterOpenId,
            reporterMessageId: n.reporterMessageId ?? null,
            flow: flowFor(i.location, i.severity),
            status: "open",
            occurredAt: i.occurredAt,
            location: i.location,
            place: i.place,
            kindPhysical: i.kinds.includes("physical"),
            kindVerbal: i.kinds.includes("verbal"),
            kindCyber: i.kinds.includes("cyber"),
            kindProperty: i.kinds.includes("property"),
            kindExclusion: i.kinds.includes("exclusion"),
            severity: i.severity,
            major: i.major.length > 0,
            majorCasualty: i.major.includes("casualty"),
            majorWeapon: i.major.includes("weapon"),
            majorOnline: i.major.includes("online"),
            majorGroup: i.major.includes("group"),
            source: i.source,
            publicAttention: i.publicAttention,
            victimCount: i.victims,
            actorCount: i.actors,
            grades: i.grades,
            summary: i.summary,
            privateNote: i.privateNote || null,
            measures: i.measures || null,
            openedAt: n.now,
            investigationDueAt: endOfDueDate(invDue, n.settings.timezone),
          }),
        });
        await appendAuditTx(tx, db.provider, {
          actor: n.reporterOpenId,
          action: "case.create",
          entityType: ENTITY,
          entityId: created.id,
          campaignId: n.campaignId,
          before: null,
          after: auditView(opened(created)),
          at: n.now,
        });
        const urgent = created.severity === "criminal" || created.major;
        await upsertTrackedItem(tx, {
          campaignId: n.campaignId,
          key: clockKeys.investigation(caseNo),
          title: `案件 ${caseNo} 调查处理（${n.settings.investigationDays}日内完成）`,
          dueAt: invDue,
          memberKeys: await leadKeys(tx, created),
          unitKey: n.unitKey,
          escalateTo: DEFAULT_CASE_ESCALATION.to,
          escalateAfter: DEFAULT_CASE_ESCALATION.after,
          critical: urgent,
          source: { type: "incident", id: created.id },
          timezone: n.settings.timezone,
        });
        const full = (await loadCase(tx, created.id))!;
        await after?.(tx, full, []);
        return full;
      });
      return { row, created: true };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      const dup = await db.prisma.incidentCase.findUnique({ where: { submissionKey: n.submissionKey }, select: { id: true } });
      if (dup) return { row: (await loadCase(db.prisma, dup.id))!, created: false };
      // Another school's clerk took the same number at the same moment: take the next one.
      if (attempt >= 5) throw e;
    }
  }
}

export type Outcome<T = CaseRow> = { ok: true; row: T; events: CaseEvent[] } | { ok: false; code: string; message: string };

export interface Actor {
  openId: string;
  now: Date;
}

/** Audits an attempt the person had no right to make (forged or stale card actions included). */
export async function recordDenied(db: Database, c: { id: string; campaignId: string }, actor: Actor, what: string): Promise<void> {
  await appendAudit(db, { actor: actor.openId, action: "case.denied", entityType: ENTITY, entityId: c.id, campaignId: c.campaignId, before: null, after: { attempted: what }, at: actor.now });
}

/** A view of a case's details by a person who may see them. */
export async function recordView(db: Database, c: { id: string; campaignId: string }, actor: Actor, view: string): Promise<void> {
  await appendAudit(db, { actor: actor.openId, action: "case.view", entityType: ENTITY, entityId: c.id, campaignId: c.campaignId, before: null, after: { view }, at: actor.now });
}

/**
 * Loads the case and checks `need`; refuses (and audits the refusal) when the person lacks it.
 * A case id that does not exist gets the same refusal, so ids cannot be probed.
 */
export async function guard(db: Database, caseId: string, actor: Actor, need: keyof CaseAccess, what: string): Promise<{ ok: true; row: CaseRow; access: CaseAccess } | { ok: false; code: string; message: string }> {
  const row = await loadCase(db.prisma, caseId);
  if (!row) {
    await appendAudit(db, { actor: actor.openId, action: "case.denied", entityType: ENTITY, entityId: caseId.slice(0, 64), campaignId: null, before: null, after: { attempted: what, reason: "not_found" }, at: actor.now });
    return { ok: false, code: "denied", message: DENIED_MESSAGE };
  }
  const access = await accessTo(db.prisma, row, actor.openId);
  if (!access[need]) {
    await recordDenied(db, row, actor, what);
    return { ok: false, code: "denied", message: DENIED_MESSAGE };
  }
  return { ok: true, row, access };
}

/** Bumps the version only if nobody else changed the case since it was read. */
async function bump(tx: Prisma.TransactionClient, c: CaseRow, data: Prisma.IncidentCaseUpdateManyMutationInput): Promise<void> {
  const r = await tx.incidentCase.updateMany({ where: { id: c.id, version: c.version }, data: { ...data, version: c.version + 1 } });
  if (r.count !== 1) throw new ConcurrentChange();
}

class ConcurrentChange extends Error {}

const CONFLICT = { ok: false as const, code: "conflict", message: "案件刚被他人更新，请查看最新的案件卡片后再操作" };

/** Ticks or skips a step (who, when), through the state machine. */
export async function recordStep(db: Database, caseId: string, actor: Actor, step: string, op: "done" | "skip", after?: AfterHook, note?: string): Promise<Outcome> {
  const g = await guard(db, caseId, actor, "act", `step:${step}:${op}`);
  if (!g.ok) return g;
  const cmd: CaseCommand = { type: op === "done" ? "tick" : "skip", step, by: actor.openId, at: actor.now, ...(note ? { note } : {}) };
  const r = apply(stateOf(g.row), cmd);
  if (!r.ok) return r;
  try {
    const row = await db.prisma.$transaction(async (tx) => {
      await tx.caseStep.create({ data: { caseId, key: step, state: r.state.steps[step].state, byOpenId: actor.openId, at: actor.now, note: note ?? null } });
      const finished = r.events.some((e) => e.type === "investigationFinished");
      await bump(tx, g.row, finished ? { investigatedAt: actor.now } : {});
      if (finished) await closeTrackedItem(tx, clockKeys.investigation(g.row.caseNo), actor.now);
      await appendAuditTx(tx, db.provider, {
        actor: actor.openId,
        action: "case.step",
        entityType: ENTITY,
        entityId: caseId,
        campaignId: g.row.campaignId,
        before: { step, state: "open" },
        after: { step, state: r.state.steps[step].state, at: actor.now.toISOString() },
        at: actor.now,
      });
      const full = (await loadCase(tx, caseId))!;
      await after?.(tx, full, r.events);
      return full;
    });
    return { ok: true, row, events: r.events };
  } catch (e) {
    if (e instanceof ConcurrentChange) return CONFLICT;
    if (isUniqueViolation(e)) return { ok: false, code: "already", message: "该步骤已由他人记录，无需重复操作" };
    throw e;
  }
}

/** Adds task-force members (the lead first). Existing members are kept. */
export async function addTaskForce(db: Database, caseId: string, actor: Actor, members: { openId: string; role: "lead" | "member" }[], after?: AfterHook): Promise<Outcome> {
  const g = await guard(db, caseId, actor, "lead", "taskforce");
  if (!g.ok) return g;
  if (g.row.status !== "open") return { ok: false, code: "closed", message: "案件已处置结束，不能再调整工作专班" };
  const before = g.row.members.map((m) => m.openId);
  const row = await db.prisma.$transaction(async (tx) => {
    for (const m of members) {
      await tx.caseMember.upsert({
        where: { caseId_openId: { caseId, openId: m.openId } },
        create: { caseId, openId: m.openId, role: m.role, addedBy: actor.openId, addedAt: actor.now },
        update: {},
      });
    }
    await tx.incidentCase.update({ where: { id: caseId }, data: { version: { increment: 1 } } });
    const after2 = (await tx.caseMember.findMany({ where: { caseId }, select: { openId: true } })).map((m) => m.openId);
    await appendAuditTx(tx, db.provider, { actor: actor.openId, action: "case.taskforce", entityType: ENTITY, entityId: caseId, campaignId: g.row.campaignId, before: { members: before }, after: { members: after2 }, at: actor.now });
    const full = (await loadCase(tx, caseId))!;
    await after?.(tx, full, []);
    return full;
  });
  return { ok: true, row, events: [] };
}

/** Records the task-force chat once Lark created it; ticks the 专班 step when still open. */
export async function setTaskForceChat(db: Database, caseId: string, chatId: string, by: string, now: Date, after?: AfterHook): Promise<CaseRow | null> {
  return db.prisma.$transaction(async (tx) => {
    const c = await loadCase(tx, caseId);
    if (!c || c.taskForceChatId) return c;
    await tx.incidentCase.update({ where: { id: caseId }, data: { taskForceChatId: chatId, version: { increment: 1 } } });
    const events: CaseEvent[] = [];
    if (c.status === "open" && !c.steps.some((s) => s.key === "taskforce")) {
      await tx.caseStep.create({ data: { caseId, key: "taskforce", state: "done", byOpenId: by, at: now, note: "专班群已建立" } });
      events.push({ type: "stepDone", step: "taskforce", state: "done" });
    }
    await appendAuditTx(tx, db.provider, { actor: by, action: "case.taskforceChat", entityType: ENTITY, entityId: caseId, campaignId: c.campaignId, before: { taskForceChatId: null }, after: { taskForceChatId: chatId }, at: now });
    const full = (await loadCase(tx, caseId))!;
    await after?.(tx, full, events);
    return full;
  });
}

export async function setTaskForceCard(db: Database, caseId: string, messageId: string): Promise<void> {
  await db.prisma.incidentCase.update({ where: { id: caseId }, data: { taskForceCardId: messageId } });
}

/** 处置结束: result, cause, next steps; starts the 5-day 情况报告 clock. */
export async function closeCase(db: Database, caseId: string, actor: Actor, closing: Closing, settings: PlanSettings, after?: AfterHook): Promise<Outcome> {
  const g = await guard(db, caseId, actor, "lead", "close");
  if (!g.ok) return g;
  const r = apply(stateOf(g.row), { type: "close", by: actor.openId, at: actor.now });
  if (!r.ok) return r;
  const dueDate = dueDateAfter(actor.now, settings.reportDays, settings.reportDayType, settings);
  try {
    const row = await db.prisma.$transaction(async (tx) => {
      await bump(tx, g.row, sealed({
        status: "closed",
        closedAt: actor.now,
        closedBy: actor.openId,
        resultText: closing.result,
        causeText: closing.cause,
        nextStepsText: closing.nextSteps,
        reportDueDate: dueDate,
        reportDueAt: endOfDueDate(dueDate, settings.timezone),
      }));
      // A case closed without the investigation step ticked (cannot happen through the flow) still stops that clock.
      await closeTrackedItem(tx, clockKeys.investigation(g.row.caseNo), actor.now);
      await upsertTrackedItem(tx, {
        campaignId: g.row.campaignId,
        key: clockKeys.report(g.row.caseNo),
        title: `案件 ${g.row.caseNo} 情况报告（处置结束后${settings.reportDays}${settings.reportDayType === "working" ? "个工作日" : "日"}内报送）`,
        dueAt: dueDate,
        memberKeys: await leadKeys(tx, g.row),
        unitKey: g.row.unitKey,
        escalateTo: settings.reportEscalate.to,
        escalateAfter: settings.reportEscalate.after,
        ...(settings.reportLadder ? { ladder: settings.reportLadder } : {}),
        critical: g.row.severity === "criminal" || g.row.major,
        source: { type: "incident", id: caseId },
        timezone: settings.timezone,
      });
      await appendAuditTx(tx, db.provider, {
        actor: actor.openId,
        action: "case.close",
        entityType: ENTITY,
        entityId: caseId,
        campaignId: g.row.campaignId,
        before: { status: g.row.status },
        after: { status: "closed", reportDueDate: dueDate, result: digest(closing.result), cause: digest(closing.cause), nextSteps: digest(closing.nextSteps) },
        at: actor.now,
      });
      const full = (await loadCase(tx, caseId))!;
      await after?.(tx, full, r.events);
      return full;
    });
    return { ok: true, row, events: r.events };
  } catch (e) {
    if (e instanceof ConcurrentChange) return CONFLICT;
    throw e;
  }
}

/** The principal confirms the assembled 情况报告 and submits it to the bureau: the 5-day clock stops. */
export async function submitCaseReport(db: Database, caseId: string, actor: Actor, after?: AfterHook): Promise<Outcome> {
  const g = await guard(db, caseId, actor, "lead", "report");
  if (!g.ok) return g;
  const r = apply(stateOf(g.row), { type: "submitReport", by: actor.openId, at: actor.now });
  if (!r.ok) return r;
  try {
    const row = await db.prisma.$transaction(async (tx) => {
      await bump(tx, g.row, { status: "reported", reportSubmittedAt: actor.now, reportSubmittedBy: actor.openId });
      await closeTrackedItem(tx, clockKeys.report(g.row.caseNo), actor.now);
      const late = !!g.row.reportDueAt && actor.now.getTime() >= g.row.reportDueAt.getTime();
      await appendAuditTx(tx, db.provider, { actor: actor.openId, action: "case.report", entityType: ENTITY, entityId: caseId, campaignId: g.row.campaignId, before: { status: g.row.status }, after: { status: "reported", late }, at: actor.now });
      const full = (await loadCase(tx, caseId))!;
      await after?.(tx, full, r.events);
      return full;
    });
    return { ok: true, row, events: r.events };
  } catch (e) {
    if (e instanceof ConcurrentChange) return CONFLICT;
    throw e;
  }
}
