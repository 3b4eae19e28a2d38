/**
 * Reads and writes of rosters, patrols and findings. Every state change that must happen once
 * (a prompt, a nudge, an escalation, a finding) is claimed with a conditional update or a
 * unique key, so a job that runs twice, or on two instances, acts once.
 */
import type { Database, Db, Prisma } from "../../core/db/client.js";
import { appendAuditTx } from "../../core/audit.js";
import { closeTrackedItem, upsertTrackedItem } from "../reminders/api.js";
import { patrolSlots, type PatrolFormValues, type PatrolKind, type RosterEntry } from "./schema.js";
import { defaultTimes } from "./patrol-schedule.js";
import type { PatrolFacts } from "./prefill.js";

type Tx = Db | Prisma.TransactionClient;

export interface RosterRow {
  id: string;
  campaignId: string;
  unitKey: string;
  slot: string;
  startTime: string;
  endTime: string;
  weekdays: number[];
  areas: string[];
  patrollerOpenId: string;
  patrollerName: string | null;
}

const toRoster = (r: { id: string; campaignId: string; unitKey: string; slot: string; startTime: string; endTime: string; weekdays: string; areas: string; patrollerOpenId: string; patrollerName: string | null }): RosterRow => ({
  ...r,
  weekdays: r.weekdays.split(",").filter(Boolean).map(Number),
  areas: JSON.parse(r.areas) as string[],
});

export async function listRoster(tx: Tx, q: { campaignId?: string; unitKey?: string }): Promise<RosterRow[]> {
  const rows = await tx.patrolRoster.findMany({ where: { active: true, ...q }, orderBy: [{ unitKey: "asc" }, { slot: "asc" }] });
  return rows.map(toRoster);
}

/** Replace a unit's roster: the given slots are set, the others switched off (history kept). */
/**
 * Set a unit's roster for the slots in `touched` (default: all): the given entries are set, the
 * other touched slots are switched off (history kept), slots not touched stay as they are.
 */
export async function setRoster(db: Database, input: { campaignId: string; unitKey: string; entries: RosterEntry[]; touched?: string[]; actor: string; source: "plan" | "chat"; now: Date }): Promise<RosterRow[]> {
  return db.prisma.$transaction(async (tx) => {
    const slots = input.entries.map((e) => e.slot);
    const off = (input.touched ?? Object.keys(patrolSlots)).filter((s) => !slots.includes(s as never));
    await tx.patrolRoster.updateMany({ where: { campaignId: input.campaignId, unitKey: input.unitKey, slot: { in: off } }, data: { active: false, updatedBy: input.actor } });
    for (const e of input.entries) {
      const t = defaultTimes(e.slot);
      const data = {
        startTime: e.start ?? t.start,
        endTime: e.end ?? t.end,
        weekdays: [...new Set(e.weekdays)].sort().join(","),
        areas: JSON.stringify(e.areas),
        patrollerOpenId: e.patrollerOpenId,
        patrollerName: e.patrollerName ?? null,
        source: input.source,
        active: true,
        updatedBy: input.actor,
      };
      await tx.patrolRoster.upsert({
        where: { campaignId_unitKey_slot: { campaignId: input.campaignId, unitKey: input.unitKey, slot: e.slot } },
        create: { campaignId: input.campaignId, unitKey: input.unitKey, slot: e.slot, ...data },
        update: data,
      });
    }
    await appendAuditTx(tx, db.provider, { actor: input.actor, action: "patrol.roster.set", entityType: "PatrolRoster", entityId: `${input.campaignId}/${input.unitKey}`, campaignId: input.campaignId, after: input.entries, at: input.now });
    const rows = await tx.patrolRoster.findMany({ where: { campaignId: input.campaignId, unitKey: input.unitKey, active: true }, orderBy: { slot: "asc" } });
    return rows.map(toRoster);
  });
}

export type PatrolRow = NonNullable<Awaited<ReturnType<Db["patrol"]["findUnique"]>>>;

/**
 * Creates the patrol of a slot on a date once; `created` tells the caller to send the prompt.
 * A concurrent create surfaces as a unique violation for the caller's transaction to handle
 * (PostgreSQL aborts the transaction, so it cannot be caught and continued in here).
 */
export async function ensurePatrol(
  tx: Tx,
  p: { campaignId: string; unitKey: string; kind: PatrolKind; slot: string; date: string; period: string; patrollerOpenId: string; dueAt: Date },
): Promise<{ patrol: PatrolRow; created: boolean }> {
  const where = { campaignId_unitKey_kind_slot_date: { campaignId: p.campaignId, unitKey: p.unitKey, kind: p.kind, slot: p.slot, date: p.date } };
  const existing = await tx.patrol.findUnique({ where });
  if (existing) return { patrol: existing, created: false };
  return { patrol: await tx.patrol.create({ data: p }), created: true };
}

export async function getPatrol(tx: Tx, id: string): Promise<PatrolRow | null> {
  return tx.patrol.findUnique({ where: { id } });
}

/** Planned patrols past their due time and not yet nudged. */
export async function patrolsToNudge(tx: Tx, now: Date): Promise<PatrolRow[]> {
  return tx.patrol.findMany({ where: { status: "planned", nudgedAt: null, dueAt: { lt: now } }, orderBy: { dueAt: "asc" }, take: 500 });
}

/** Planned patrols nudged before `nudgedBefore` and still not filed: the patroller had their chance. */
export async function patrolsToEscalate(tx: Tx, nudgedBefore: Date): Promise<PatrolRow[]> {
  return tx.patrol.findMany({ where: { status: "planned", escalatedAt: null, nudgedAt: { lt: nudgedBefore } }, orderBy: { dueAt: "asc" }, take: 500 });
}

/** true for exactly one caller. */
export async function claimNudge(tx: Tx, id: string, now: Date): Promise<boolean> {
  const r = await tx.patrol.updateMany({ where: { id, status: "planned", nudgedAt: null }, data: { nudgedAt: now } });
  return r.count === 1;
}

/** Escalation marks the patrol missed (a late report still turns it into done, flagged late). */
export async function claimEscalation(tx: Tx, id: string, now: Date): Promise<boolean> {
  const r = await tx.patrol.updateMany({ where: { id, status: "planned", escalatedAt: null }, data: { escalatedAt: now, status: "missed" } });
  return r.count === 1;
}

export type FindingRow = NonNullable<Awaited<ReturnType<Db["finding"]["findUnique"]>>>;

export interface PatrolSaveResult {
  patrol: PatrolRow;
  finding: FindingRow | null;
  /** the finding was created by this save (notify its owner once) */
  findingCreated: boolean;
  unchanged: boolean;
}

/** The patrol card's submit: done (late after due), plus one finding when something was found. */
export async function savePatrolReport(
  db: Database,
  input: { patrolId: string; values: PatrolFormValues; actor: string; now: Date; findingOwnerOpenId: string; findingDue: string; findingTitle: string; escalateTo: string[] },
): Promise<PatrolSaveResult> {
  return db.prisma.$transaction(async (tx) => {
    const before = await tx.patrol.findUniqueOrThrow({ where: { id: input.patrolId } });
    const v = input.values;
    const data = {
      areas: JSON.stringify(v.areas),
      startedAt: v.startedAt,
      endedAt: v.endedAt,
      result: v.result,
      seen: v.seen || null,
      actionTaken: v.actionTaken || null,
      followUpNeeded: v.followUpNeeded || v.result !== "none",
    };
    const same =
      before.status === "done" &&
      before.areas === data.areas &&
      before.startedAt?.getTime() === v.startedAt.getTime() &&
      before.endedAt?.getTime() === v.endedAt.getTime() &&
      before.result === data.result &&
      (before.seen ?? null) === data.seen &&
      (before.actionTaken ?? null) === data.actionTaken;
    const existingFinding = await tx.finding.findFirst({ where: { patrolId: before.id } });
    if (same) return { patrol: before, finding: existingFinding, findingCreated: false, unchanged: true };
    // Optimistic: a concurrent submit of the same card (double click on PostgreSQL) that got here
    // first bumped the version, so this one writes nothing and answers with the winner's result.
    const claimed = await tx.patrol.updateMany({
      where: { id: before.id, version: before.version },
      data: {
        version: { increment: 1 },
        ...data,
        status: "done",
        submittedAt: before.submittedAt ?? input.now,
        submittedBy: input.actor,
        late: before.submittedAt ? before.late : input.now > before.dueAt,
      },
    });
    const patrol = await tx.patrol.findUniqueOrThrow({ where: { id: before.id } });
    if (claimed.count === 0) return { patrol, finding: await tx.finding.findFirst({ where: { patrolId: before.id } }), findingCreated: false, unchanged: true };
    let finding = existingFinding;
    let findingCreated = false;
    if (!finding && v.result !== "none") {
      finding = await tx.finding.create({
        data: {
          campaignId: before.campaignId,
          unitKey: before.unitKey,
          patrolId: before.id,
          kind: v.result,
          period: before.period,
          description: v.seen,
          actionTaken: v.actionTaken || null,
          ownerOpenId: input.findingOwnerOpenId,
          dueDate: input.findingDue,
        },
      });
      findingCreated = true;
      // The reminders sweep chases the owner until the finding is closed.
      await upsertTrackedItem(tx, {
        campaignId: before.campaignId,
        key: `finding:${finding.id}`,
        title: input.findingTitle,
        dueAt: input.findingDue,
        assigneeOpenIds: [input.findingOwnerOpenId],
        unitKey: before.unitKey,
        escalateTo: input.escalateTo,
        escalateAfter: "P1D",
        source: { type: "finding", id: finding.id },
      });
    }
    await appendAuditTx(tx, db.provider, { actor: input.actor, action: before.status === "done" ? "patrol.edit" : "patrol.report", entityType: "Patrol", entityId: before.id, campaignId: before.campaignId, after: { result: v.result, late: patrol.late, findingId: finding?.id ?? null }, at: input.now });
    return { patrol, finding, findingCreated, unchanged: false };
  });
}

export async function getFinding(tx: Tx, id: string): Promise<FindingRow | null> {
  return tx.finding.findUnique({ where: { id } });
}

/** Closes once; a second close is a no-op that returns the closed row. */
export async function closeFinding(db: Database, input: { findingId: string; note: string; actor: string; now: Date }): Promise<{ finding: FindingRow; closedNow: boolean }> {
  return db.prisma.$transaction(async (tx) => {
    const r = await tx.finding.updateMany({ where: { id: input.findingId, status: "open" }, data: { status: "closed", closedAt: input.now, closedBy: input.actor, closeNote: input.note || null } });
    const finding = await tx.finding.findUniqueOrThrow({ where: { id: input.findingId } });
    if (r.count === 1) {
      await closeTrackedItem(tx, `finding:${finding.id}`, input.now);
      await appendAuditTx(tx, db.provider, { actor: input.actor, action: "finding.close", entityType: "Finding", entityId: finding.id, campaignId: finding.campaignId, after: { note: input.note }, at: input.now });
    }
    return { finding, closedNow: r.count === 1 };
  });
}

export async function linkFindingToCase(tx: Tx, findingId: string, caseId: string): Promise<void> {
  await tx.finding.update({ where: { id: findingId }, data: { incidentCaseId: caseId } });
}

/** For prefill and bulletins: patrols of a unit in a period. */
export async function patrolFacts(tx: Tx, q: { campaignId: string; unitKey?: string; period: string }): Promise<PatrolFacts> {
  const where = { campaignId: q.campaignId, period: q.period, ...(q.unitKey ? { unitKey: q.unitKey } : {}) };
  const [planned, done, missed, findings] = await Promise.all([
    tx.patrol.count({ where }),
    tx.patrol.count({ where: { ...where, status: "done" } }),
    tx.patrol.count({ where: { ...where, status: "missed" } }),
    tx.finding.count({ where }),
  ]);
  return { planned, done, missed, findings };
}
