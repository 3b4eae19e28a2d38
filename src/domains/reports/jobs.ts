/**
 * The patrol job, run every minute by the scheduler (or a test): prompts before each rostered
 * slot, one prompt per hazard-screening phase and school, a nudge to the patroller when the
 * report is overdue, then the school admin. Every step is claimed in the database and its
 * message queued in the same transaction with a key derived from the patrol, so a second run
 * (or a second instance) sends nothing twice and a crash loses nothing.
 */
import type { BotDeps } from "../../core/bot.js";
import { instantToLocalDate, localDateToInstant, addDays } from "../../core/calendar.js";
import { patrolEscalationCard, patrolNudgeCard } from "../../../cards/reports/patrol.js";
import { calendarOf } from "../campaigns/recurrence.js";
import { loadCampaign, unitAdmins, unitName } from "./context.js";
import { patrolFormCardFor, whenOf } from "./patrol-flows.js";
import { ESCALATE_AFTER_MS, isQuiet, isScreeningPhase, patrolsOn, slotTimes } from "./patrol-schedule.js";
import { claimEscalation, claimNudge, ensurePatrol, listRoster, patrolsToEscalate, patrolsToNudge, type PatrolRow } from "./patrol-service.js";
import type { CardJson } from "../../core/chat-port.js";
import { isUniqueViolation } from "../../core/db/client.js";

export interface PatrolTickResult {
  prompted: number;
  nudged: number;
  escalated: number;
}

type Deps = Pick<BotDeps, "db" | "chat" | "clock" | "log">;

/** Bureau roles told when a school's screening report is missing (the school admin is the one who owes it). */
const SCREENING_ESCALATE_ROLES = ["safetyOffice", "officeDirector"];

async function prompt(deps: Deps, p: { campaignId: string; unitKey: string; kind: "patrol" | "screening"; slot: string; date: string; patrollerOpenId: string; dueAt: Date }): Promise<boolean> {
  const period = p.date.slice(0, 7);
  // Patrol row and prompt commit together: either both exist or neither (then the next tick retries).
  try {
    return await deps.db.prisma.$transaction(async (tx) => {
      const r = await ensurePatrol(tx, { ...p, period });
      if (!r.created) return false;
      const card = await patrolFormCardFor({ db: { ...deps.db, prisma: tx as typeof deps.db.prisma }, clock: deps.clock }, r.patrol);
      await deps.chat.send({ user: p.patrollerOpenId }, { card }, { key: `patrol:prompt:${r.patrol.id}`, tx });
      return true;
    });
  } catch (e) {
    // Another instance created the same patrol first (PostgreSQL aborts our transaction): it prompts.
    if (isUniqueViolation(e)) return false;
    throw e;
  }
}

export async function runPatrolJobs(deps: Deps, now: Date = deps.clock.now()): Promise<PatrolTickResult> {
  const res: PatrolTickResult = { prompted: 0, nudged: 0, escalated: 0 };
  const campaigns = await deps.db.prisma.campaign.findMany({ where: { status: "active" }, select: { id: true } });
  for (const { id } of campaigns) {
    let c;
    try {
      c = await loadCampaign(deps.db.prisma, id);
    } catch (e) {
      deps.log.warn({ campaignId: id, err: e }, "patrol job: plan unreadable, skipped");
      continue;
    }
    const today = instantToLocalDate(now, c.tz);
    const inSpan = (!c.plan.span.start || today >= c.plan.span.start) && (!c.plan.span.end || today <= c.plan.span.end);
    if (!inSpan) continue;
    const calendar = calendarOf(c.plan);
    for (const r of await listRoster(deps.db.prisma, { campaignId: id })) {
      if (!patrolsOn({ slot: r.slot, startTime: r.startTime, endTime: r.endTime, weekdays: r.weekdays }, today, calendar)) continue;
      const t = slotTimes({ slot: r.slot, startTime: r.startTime, endTime: r.endTime, weekdays: r.weekdays }, today, c.tz);
      // Only while the slot is still ahead or running: a bot that was down all afternoon does not prompt at night.
      if (now < t.promptAt || now >= t.end) continue;
      if (await prompt(deps, { campaignId: id, unitKey: r.unitKey, kind: "patrol", slot: r.slot, date: today, patrollerOpenId: r.patrollerOpenId, dueAt: t.dueAt })) res.prompted++;
    }
    // Hazard screening: one report per school per screening phase, owed by the school admin by the phase's end.
    for (const ph of c.plan.phases) {
      if (!ph.start || !isScreeningPhase(ph.name) || today < ph.start || (ph.end && today > ph.end)) continue;
      const end = ph.end ?? addDays(ph.start, 30);
      const units = await deps.db.prisma.unit.findMany({ where: { campaignId: id, kind: "school" }, select: { key: true } });
      for (const u of units) {
        const admin = (await unitAdmins(deps.db.prisma, id, u.key)).find((a) => a.openId);
        if (!admin) continue;
        // Due the morning after the phase ends, so the nudge arrives in working hours, not at midnight.
        const dueAt = localDateToInstant(addDays(end, 1), "09:00", c.tz);
        if (await prompt(deps, { campaignId: id, unitKey: u.key, kind: "screening", slot: ph.key, date: ph.start, patrollerOpenId: admin.openId!, dueAt })) res.prompted++;
      }
    }
  }

  // Nudges and escalations wait for the morning when the slot ends late (晚自习) or the night is quiet.
  const quiet = new Map<string, boolean>();
  const isQuietFor = async (campaignId: string) => {
    if (!quiet.has(campaignId)) {
      const c = await loadCampaign(deps.db.prisma, campaignId).catch(() => null);
      quiet.set(campaignId, c ? isQuiet(now, c.tz, c.plan.quietHours) : true);
    }
    return quiet.get(campaignId)!;
  };
  for (const p of await patrolsToNudge(deps.db.prisma, now)) if (!(await isQuietFor(p.campaignId)) && (await nudge(deps, p, now))) res.nudged++;
  for (const p of await patrolsToEscalate(deps.db.prisma, new Date(now.getTime() - ESCALATE_AFTER_MS)))
    if (!(await isQuietFor(p.campaignId)) && (await escalate(deps, p, now))) res.escalated++;
  return res;
}

async function nudge(deps: Deps, p: PatrolRow, now: Date): Promise<boolean> {
  const name = await unitName(deps.db.prisma, p.campaignId, p.unitKey);
  const phase = p.kind === "screening" ? (await loadCampaign(deps.db.prisma, p.campaignId)).plan.phases.find((x) => x.key === p.slot)?.name : undefined;
  const card = patrolNudgeCard({ kind: p.kind as "patrol" | "screening", patrolId: p.id, unitName: name, when: whenOf(p, { phaseName: phase }) }) as unknown as CardJson;
  return deps.db.prisma.$transaction(async (tx) => {
    if (!(await claimNudge(tx, p.id, now))) return false;
    await deps.chat.send({ user: p.patrollerOpenId }, { card }, { key: `patrol:nudge:${p.id}`, tx });
    return true;
  });
}

async function escalate(deps: Deps, p: PatrolRow, now: Date): Promise<boolean> {
  const name = await unitName(deps.db.prisma, p.campaignId, p.unitKey);
  const c = await loadCampaign(deps.db.prisma, p.campaignId);
  const phase = p.kind === "screening" ? c.plan.phases.find((x) => x.key === p.slot)?.name : undefined;
  let targets: string[];
  if (p.kind === "screening") {
    const bureau = await deps.db.prisma.member.findMany({ where: { campaignId: p.campaignId, role: { in: SCREENING_ESCALATE_ROLES }, openId: { not: null } } });
    targets = bureau.map((m) => m.openId!);
  } else {
    targets = (await unitAdmins(deps.db.prisma, p.campaignId, p.unitKey)).map((a) => a.openId).filter((x): x is string => !!x && x !== p.patrollerOpenId);
  }
  const patroller = await deps.db.prisma.member.findFirst({ where: { campaignId: p.campaignId, openId: p.patrollerOpenId } });
  const missedBefore = await deps.db.prisma.patrol.count({ where: { campaignId: p.campaignId, unitKey: p.unitKey, period: p.period, kind: p.kind, status: "missed" } });
  const card = patrolEscalationCard({ kind: p.kind as "patrol" | "screening", unitName: name, when: whenOf(p, { phaseName: phase }), patrollerName: patroller?.name ?? "巡查人", missedThisMonth: missedBefore + 1 }) as unknown as CardJson;
  return deps.db.prisma.$transaction(async (tx) => {
    if (!(await claimEscalation(tx, p.id, now))) return false;
    for (const to of [...new Set(targets)]) await deps.chat.send({ user: to }, { card }, { key: `patrol:escalate:${p.id}:${to}`, tx });
    if (!targets.length) deps.log.warn({ patrolId: p.id }, "patrol escalation: nobody to tell (no school admin with an open id)");
    return true;
  });
}

/** The scheduler's view of the patrol job (src/domains/jobs.ts): run every minute on the leader. */
export function patrolJob(deps: Deps): { name: string; run(): Promise<PatrolTickResult> } {
  return { name: "reports.patrols", run: () => runPatrolJobs(deps) };
}
