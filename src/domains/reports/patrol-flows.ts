/**
 * Patrols and hazard screening in chat: the prompt card, filling it in (errors next to the
 * fields, what was typed kept), findings that become follow-up items, closing them, and turning
 * a 苗头 into an incident report prefilled from the patrol.
 */
import { z } from "zod";
import type { BotDeps, CardActionResult } from "../../core/bot.js";
import type { CardJson } from "../../core/chat-port.js";
import { addDays, instantToLocalDate } from "../../core/calendar.js";
import { UserError } from "../../core/errors.js";
import { findingCard, patrolFormCard, patrolReceiptCard, type PatrolFormView } from "../../../cards/reports/patrol.js";
import { openReportForm } from "../incidents/api.js";
import { isSchoolAdmin, loadCampaign, unitAdmins, unitName, unitsOfPerson } from "./context.js";
import type { FieldError } from "./forms/fields.js";
import { slotName } from "./patrol-schedule.js";
import { closeFinding, getFinding, getPatrol, listRoster, savePatrolReport, type FindingRow, type PatrolRow } from "./patrol-service.js";
import { findingCloseSchema, parsePatrolForm, patrolAreas, patrolResults, screeningAreas, type PatrolResult } from "./schema.js";

/** Days to fix a finding when the patroller sets no date. */
export const DEFAULT_FOLLOW_UP_DAYS = 3;
const FINDING_ESCALATE_TO = ["safetyOffice", "officeDirector"];

const asCard = (c: unknown) => c as CardJson;
const areaMap = (kind: string) => (kind === "screening" ? screeningAreas : patrolAreas);
const hhmm = (d: Date, tz: string) => new Intl.DateTimeFormat("en-GB", { timeZone: tz, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(d);
const larkDateTime = (d: Date, tz: string) => `${instantToLocalDate(d, tz)} ${hhmm(d, tz)}`;

export function whenOf(p: Pick<PatrolRow, "kind" | "slot" | "date">, extra?: { phaseName?: string }): string {
  const [y, m, d] = p.date.split("-").map(Number);
  const day = `${y}年${m}月${d}日`;
  return p.kind === "screening" ? `${extra?.phaseName ?? p.slot} 隐患排查（${day}起）` : `${day} ${slotName(p.slot)}`;
}

async function phaseName(deps: Pick<BotDeps, "db">, p: PatrolRow): Promise<string | undefined> {
  if (p.kind !== "screening") return undefined;
  const c = await loadCampaign(deps.db.prisma, p.campaignId);
  return c.plan.phases.find((ph) => ph.key === p.slot)?.name;
}

/** The patroller of the patrol or an admin of its school. */
async function assertMayFile(deps: Pick<BotDeps, "db">, openId: string, p: { patrollerOpenId: string; campaignId: string; unitKey: string }): Promise<void> {
  if (openId === p.patrollerOpenId) return;
  const units = await unitsOfPerson(deps.db.prisma, openId);
  if (!units.some((u) => u.campaignId === p.campaignId && u.unitKey === p.unitKey && isSchoolAdmin(u.role)))
    throw new UserError("这次巡查不是安排给你的；如需代填，请联系学校管理员", { code: "forbidden" });
}

export async function patrolFormCardFor(deps: Pick<BotDeps, "db" | "clock">, p: PatrolRow, opts: { typed?: Record<string, string>; errors?: FieldError[] } = {}): Promise<CardJson> {
  const c = await loadCampaign(deps.db.prisma, p.campaignId);
  const roster = p.kind === "patrol" ? (await listRoster(deps.db.prisma, { campaignId: p.campaignId, unitKey: p.unitKey })).find((r) => r.slot === p.slot) : undefined;
  const areas = areaMap(p.kind);
  const t = opts.typed;
  let values: PatrolFormView["values"];
  if (t) {
    values = { areas: t.areas ? t.areas.split(",") : [], start: t.start.slice(0, 16), end: t.end.slice(0, 16), result: t.result, seen: t.seen, actionTaken: t.actionTaken, followUpNeeded: t.followUpNeeded === "true", followUpDue: t.followUpDue.slice(0, 10) };
  } else if (p.status === "done") {
    values = {
      areas: JSON.parse(p.areas ?? "[]") as string[],
      start: p.startedAt ? larkDateTime(p.startedAt, c.tz) : "",
      end: p.endedAt ? larkDateTime(p.endedAt, c.tz) : "",
      result: p.result ?? "",
      seen: p.seen ?? "",
      actionTaken: p.actionTaken ?? "",
      followUpNeeded: p.followUpNeeded,
      followUpDue: "",
    };
  } else {
    const start = roster ? `${p.date} ${roster.startTime}` : "";
    const end = roster ? `${p.date} ${roster.endTime}` : "";
    values = { areas: roster?.areas ?? Object.keys(areas), start, end, result: "", seen: "", actionTaken: "", followUpNeeded: false, followUpDue: "" };
  }
  return asCard(
    patrolFormCard({
      kind: p.kind as "patrol" | "screening",
      patrolId: p.id,
      unitName: await unitName(deps.db.prisma, p.campaignId, p.unitKey),
      when: whenOf(p, { phaseName: await phaseName(deps, p) }),
      areaOptions: Object.entries(areas).map(([value, text]) => ({ value, text })),
      values,
      errors: opts.errors,
      late: p.status !== "done" && deps.clock.now() > p.dueAt,
    }),
  );
}

const patrolRefSchema = z.object({ patrolId: z.string().min(1).max(100) });
const findingRefSchema = z.object({ findingId: z.string().min(1).max(100) });

export async function openPatrol(deps: BotDeps, input: { openId: string; value: Record<string, unknown> }): Promise<CardActionResult> {
  const ref = patrolRefSchema.safeParse(input.value);
  const p = ref.success ? await getPatrol(deps.db.prisma, ref.data.patrolId) : null;
  if (!p) return { toast: { type: "error", content: "找不到这次巡查，可能已被删除" } };
  await assertMayFile(deps, input.openId, p);
  return { card: await patrolFormCardFor(deps, p) };
}

async function ownerOf(deps: Pick<BotDeps, "db">, p: PatrolRow): Promise<{ openId: string; name: string }> {
  // School admins answer for fixing what was found; without one, the patroller does.
  const admins = (await unitAdmins(deps.db.prisma, p.campaignId, p.unitKey)).filter((a) => a.openId);
  const a = admins[0];
  return a ? { openId: a.openId!, name: a.name ?? "学校管理员" } : { openId: p.patrollerOpenId, name: "巡查人" };
}

export async function submitPatrol(deps: BotDeps, input: { openId: string; value: Record<string, unknown>; formValue?: Record<string, unknown> }): Promise<CardActionResult> {
  const ref = patrolRefSchema.safeParse(input.value);
  const p = ref.success ? await getPatrol(deps.db.prisma, ref.data.patrolId) : null;
  if (!p) return { toast: { type: "error", content: "找不到这次巡查，可能已被删除" } };
  await assertMayFile(deps, input.openId, p);
  const c = await loadCampaign(deps.db.prisma, p.campaignId);
  const now = deps.clock.now();
  const parsed = parsePatrolForm(input.formValue ?? {}, { now, areaKeys: Object.keys(areaMap(p.kind)) });
  if (!parsed.values) {
    return { toast: { type: "error", content: `提交未成功：${parsed.errors[0].message}` }, card: await patrolFormCardFor(deps, p, { typed: parsed.typed, errors: parsed.errors }) };
  }
  const today = instantToLocalDate(now, c.tz);
  const due = parsed.values.followUpDue ?? addDays(today, DEFAULT_FOLLOW_UP_DAYS);
  if (due < today) {
    const errors = [{ field: "followUpDue", message: "“整改期限”不能早于今天" }];
    return { toast: { type: "error", content: errors[0].message }, card: await patrolFormCardFor(deps, p, { typed: parsed.typed, errors }) };
  }
  const owner = await ownerOf(deps, p);
  const name = await unitName(deps.db.prisma, p.campaignId, p.unitKey);
  const when = whenOf(p, { phaseName: await phaseName(deps, p) });
  const saved = await savePatrolReport(deps.db, {
    patrolId: p.id,
    values: parsed.values,
    actor: input.openId,
    now,
    findingOwnerOpenId: owner.openId,
    findingDue: due,
    // No child's details in a title that reminders may show elsewhere.
    findingTitle: `${name} ${when} ${patrolResults[parsed.values.result as PatrolResult]}跟进`,
    escalateTo: FINDING_ESCALATE_TO,
  });
  const f = saved.finding;
  if (f && saved.findingCreated && f.ownerOpenId !== input.openId) {
    await deps.chat.send({ user: f.ownerOpenId }, { card: await findingCardFor(deps, f) }, { key: `finding:assigned:${f.id}` });
  }
  const areas = areaMap(p.kind);
  return {
    toast: { type: saved.patrol.late ? "warning" : "success", content: saved.unchanged ? "记录已提交过，内容相同" : saved.patrol.late ? "已补报，已记录为逾期" : "巡查记录已提交" },
    card: asCard(
      patrolReceiptCard({
        kind: p.kind as "patrol" | "screening",
        patrolId: p.id,
        unitName: name,
        when,
        areas: (JSON.parse(saved.patrol.areas ?? "[]") as string[]).map((a) => areas[a] ?? a),
        result: patrolResults[(saved.patrol.result ?? "none") as PatrolResult],
        late: saved.patrol.late,
        unchanged: saved.unchanged,
        finding: f ? { id: f.id, kind: f.kind, dueDate: f.dueDate, ownerName: f.ownerOpenId === owner.openId ? owner.name : "负责人", incidentOffered: f.kind === "earlySign" && !f.incidentCaseId } : undefined,
      }),
    ),
  };
}

export async function findingCardFor(deps: Pick<BotDeps, "db">, f: FindingRow, opts: { errors?: FieldError[]; typedNote?: string } = {}): Promise<CardJson> {
  const p = f.patrolId ? await getPatrol(deps.db.prisma, f.patrolId) : null;
  return asCard(
    findingCard({
      findingId: f.id,
      unitName: await unitName(deps.db.prisma, f.campaignId, f.unitKey),
      kindName: patrolResults[f.kind as PatrolResult] ?? f.kind,
      when: p ? whenOf(p, { phaseName: await phaseName(deps, p) }) : f.period,
      description: f.description,
      actionTaken: f.actionTaken,
      dueDate: f.dueDate,
      status: f.status as "open" | "closed",
      closeNote: f.closeNote,
      incidentOffered: f.kind === "earlySign" && !f.incidentCaseId,
      errors: opts.errors,
      typedNote: opts.typedNote,
    }),
  );
}

async function assertMayHandleFinding(deps: Pick<BotDeps, "db">, openId: string, f: FindingRow): Promise<void> {
  if (openId === f.ownerOpenId) return;
  const units = await unitsOfPerson(deps.db.prisma, openId);
  if (!units.some((u) => u.campaignId === f.campaignId && u.unitKey === f.unitKey && isSchoolAdmin(u.role)))
    throw new UserError("只有负责人或本校管理员可以处理这个跟进事项", { code: "forbidden" });
}

export async function closeFindingFlow(deps: BotDeps, input: { openId: string; value: Record<string, unknown>; formValue?: Record<string, unknown> }): Promise<CardActionResult> {
  const ref = findingRefSchema.safeParse(input.value);
  const f = ref.success ? await getFinding(deps.db.prisma, ref.data.findingId) : null;
  if (!f) return { toast: { type: "error", content: "找不到这个跟进事项" } };
  await assertMayHandleFinding(deps, input.openId, f);
  const note = typeof input.formValue?.note === "string" ? input.formValue.note.trim() : "";
  const parsed = findingCloseSchema.safeParse({ note });
  if (!parsed.success) {
    const errors = [{ field: "note", message: parsed.error.issues[0].message }];
    return { toast: { type: "error", content: errors[0].message }, card: await findingCardFor(deps, f, { errors, typedNote: note }) };
  }
  const r = await closeFinding(deps.db, { findingId: f.id, note: parsed.data.note, actor: input.openId, now: deps.clock.now() });
  return { toast: { type: "success", content: r.closedNow ? "跟进事项已关闭" : "这个事项已经关闭了" }, card: await findingCardFor(deps, r.finding) };
}

/** A 苗头 finding → the incident report form, prefilled from the patrol, sent to the person who asked. */
export async function findingToIncident(deps: BotDeps, input: { openId: string; value: Record<string, unknown> }): Promise<CardActionResult> {
  const ref = findingRefSchema.safeParse(input.value);
  const f = ref.success ? await getFinding(deps.db.prisma, ref.data.findingId) : null;
  if (!f) return { toast: { type: "error", content: "找不到这个跟进事项" } };
  const p = f.patrolId ? await getPatrol(deps.db.prisma, f.patrolId) : null;
  if (p) await assertMayFile(deps, input.openId, p).catch(() => assertMayHandleFinding(deps, input.openId, f));
  else await assertMayHandleFinding(deps, input.openId, f);
  const c = await loadCampaign(deps.db.prisma, f.campaignId);
  const areas = p?.areas ? (JSON.parse(p.areas) as string[]).map((a) => areaMap(p.kind)[a] ?? a).join("、") : "";
  const occurred = p?.startedAt ? larkDateTime(p.startedAt, c.tz) : undefined;
  const sent = await openReportForm(deps, {
    openId: input.openId,
    campaignId: f.campaignId,
    findingId: f.id,
    key: `finding:${f.id}:incident-form:${input.openId}`,
    origin: `来自 ${p ? whenOf(p, { phaseName: await phaseName(deps, p) }) : f.period} 巡查发现的苗头性问题`,
    prefill: { unit: f.unitKey, occurredAt: occurred, location: "inSchool", place: areas || undefined, source: "staff", summary: f.description, measures: f.actionTaken ?? undefined },
  });
  if (!sent) return { toast: { type: "error", content: "你不在本专项行动的上报人员名单中，无法上报事件" } };
  return { toast: { type: "success", content: "已发送预填好的欺凌事件上报表，请核对后提交" } };
}
