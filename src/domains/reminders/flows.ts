/**
 * The sweep: what is due now → one digest per recipient → outbox, exactly once.
 *
 * Exactly once: for each digest, the Reminder rows (unique per campaign, item, period,
 * recipient, step) and the outbox row are written in ONE transaction. A crash before the commit
 * leaves nothing (the next sweep sends it, marked late if it is late by then); a crash after it
 * leaves both, so the next sweep sees the keys and sends nothing again. A second instance that
 * got past the leader lock fails on the unique key and rolls back its copy.
 */
import { createHash, randomUUID } from "node:crypto";
import type { ChatPort, Recipient } from "../../core/chat-port.js";
import type { Clock } from "../../core/clock.js";
import { isUniqueViolation, type Database } from "../../core/db/client.js";
import type { Logger } from "../../core/logger.js";
import { diffDays } from "../../core/calendar.js";
import { reminderDigestCard, type ReminderItemView } from "../../../cards/reminders/digest.js";
import { activeCampaigns, addressBook, addressKey, loadState, recordedKeys, sentToday, type ActiveCampaign } from "./service.js";
import { dueReminders, quietHoursOf, type DueStep, type Step } from "./schedule.js";
import { isQuiet, localDate } from "./time.js";

export interface SweepDeps {
  db: Database;
  chat: ChatPort;
  clock: Clock;
  log: Logger;
}

export interface SweepOptions {
  /** missed steps older than this are not sent at all (default 35 days) */
  lookbackDays?: number;
  /** reminder messages per person per local day; critical escalations are exempt (default: plan.reminders.dailyCap, else 3) */
  dailyCap?: number;
  /** urgent (加急) pushes per campaign per local day for critical escalations (default: plan.reminders.urgentBudget, else 5) */
  urgentBudget?: number;
  graceMs?: number;
  overdueDays?: number;
  /** test hook: runs inside each digest's transaction before it commits (crash simulation) */
  beforeCommit?: (address: string) => void | Promise<void>;
}

export interface SweepResult {
  /** digests queued */
  messages: number;
  /** reminder steps carried by them */
  reminders: number;
  late: number;
  skipped: number;
  capped: number;
  unreachable: number;
  /** digests another instance had already queued */
  duplicates: number;
  urgent: number;
}

/** What a Reminder row remembers about its item, to rebuild the card after a click. */
export interface ReminderDetail {
  kind: Step["kind"];
  title: string;
  due?: string;
  daysLeft?: number;
  subject?: string;
  canComplete: boolean;
  lateSubjects?: string[];
  phase?: { start?: string | null; end?: string | null; tasks?: string };
}

function detailOf(c: ActiveCampaign, s: DueStep): ReminderDetail {
  const tz = c.plan.timezone;
  const d: ReminderDetail = { kind: s.kind, title: s.title, canComplete: false };
  if (s.due) d.due = s.due;
  if (s.due && (s.kind === "deadline" || s.kind === "overdue")) d.daysLeft = diffDays(localDate(s.at, tz), s.due);
  if (s.subject) d.subject = s.subject;
  if (s.lateSubjects) d.lateSubjects = s.lateSubjects.map((x) => x.name);
  // 已完成 is for tasks without a form: a form's submission is what completes the others.
  if ((s.kind === "deadline" || s.kind === "overdue") && s.source === "plan" && !s.form) d.canComplete = true;
  if (s.kind === "phase-start" || s.kind === "phase-end") {
    const ph = c.plan.phases.find((p) => p.key === s.item);
    d.phase = { start: ph?.start, end: ph?.end, tasks: ph?.tasks };
  }
  return d;
}

export function itemView(row: { id: string; periodKey: string; late: boolean }, d: ReminderDetail, status: ReminderItemView["status"]): ReminderItemView {
  return {
    id: row.id,
    kind: d.kind,
    title: d.title,
    due: d.due,
    periodKey: row.periodKey,
    daysLeft: d.daysLeft,
    late: row.late,
    status,
    canComplete: d.canComplete,
    lateSubjects: d.lateSubjects,
    phase: d.phase,
  };
}

function digestKey(campaignId: string, address: string, steps: Step[]): string {
  const h = createHash("sha256").update(steps.map((s) => s.key).sort().join("\n")).digest("hex").slice(0, 20);
  return `reminder:${campaignId}:${address}:${h}`;
}

async function recordSkipped(deps: SweepDeps, c: ActiveCampaign, skipped: Step[], today: string): Promise<number> {
  if (!skipped.length) return 0;
  const now = deps.clock.now();
  const data = skipped.map((s) => ({ campaignId: c.id, itemKey: s.item, periodKey: s.periodKey, recipient: s.recipient, step: s.step, kind: s.kind, scheduledAt: s.at, status: "skipped", localDate: today, createdAt: now }));
  // One statement for the usual case (after downtime there can be thousands); row by row only
  // when another instance recorded some of them at the same moment.
  try {
    await deps.db.prisma.reminder.createMany({ data });
    return data.length;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  let n = 0;
  for (const s of skipped) {
    try {
      await deps.db.prisma.reminder.create({
        data: { campaignId: c.id, itemKey: s.item, periodKey: s.periodKey, recipient: s.recipient, step: s.step, kind: s.kind, scheduledAt: s.at, status: "skipped", localDate: today, createdAt: deps.clock.now() },
      });
      n++;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  return n;
}

const warnedUnreachable = new Set<string>();

/** One sweep over every active campaign. Safe to run concurrently with itself (see the file comment). */
export async function sweep(deps: SweepDeps, opts: SweepOptions = {}): Promise<SweepResult> {
  const res: SweepResult = { messages: 0, reminders: 0, late: 0, skipped: 0, capped: 0, unreachable: 0, duplicates: 0, urgent: 0 };
  const now = deps.clock.now();
  const prisma = deps.db.prisma;
  const campaigns = await activeCampaigns(prisma, (id, reason) => deps.log.error({ campaignId: id, reason }, "计划快照无效，跳过提醒"));
  for (const c of campaigns) {
    const dailyCap = opts.dailyCap ?? c.plan.reminders?.dailyCap ?? 3;
    const budget = opts.urgentBudget ?? c.plan.reminders?.urgentBudget ?? 5;
    const tz = c.plan.timezone;
    // Nothing is sent in quiet hours; what falls due then goes out when they end.
    if (isQuiet(now, tz, quietHoursOf(c.plan))) continue;
    const today = localDate(now, tz);
    const lookback = new Date(now.getTime() - (opts.lookbackDays ?? 35) * 86_400_000);
    const since = c.activatedAt && c.activatedAt > lookback ? c.activatedAt : lookback;
    const state = await loadState(prisma, c.id);
    const recorded = await recordedKeys(prisma, c.id, since);
    const { due, skipped } = dueReminders(c.plan, state, now, { since, recorded, graceMs: opts.graceMs, overdueDays: opts.overdueDays });
    res.skipped += await recordSkipped(deps, c, skipped, today);
    if (!due.length) continue;
    const counts = await sentToday(prisma, today);
    // One digest per person: group by where the message goes, not by the identity that owes
    // (the office director may also be a group member and a concurrent safety officer).
    const byAddress = new Map<string, { to: Recipient; steps: DueStep[] }>();
    const resolve = await addressBook(prisma, c.id, c.plan);
    for (const s of due) {
      // The plan lists nobody for it yet: nobody to nudge, and "everybody is late" is no news.
      if (s.recipient.startsWith("unresolved:")) continue;
      if (s.kind === "escalation" && s.lateSubjects?.every((x) => x.subject === "unresolved")) continue;
      const to = await resolve(s.recipient);
      if (!to) {
        res.unreachable++;
        // Once per process and person: the sweep runs every minute.
        const k = `${c.id}|${s.recipient}`;
        if (!warnedUnreachable.has(k)) {
          warnedUnreachable.add(k);
          deps.log.warn({ campaignId: c.id, recipient: s.recipient, item: s.item }, "提醒对象没有飞书账号（open_id/邮箱）或群未绑定，暂未发送；补充后会补发");
        }
        continue;
      }
      const a = addressKey(to);
      const g = byAddress.get(a) ?? { to, steps: [] };
      g.steps.push(s);
      byAddress.set(a, g);
    }
    for (const [address, { to, steps }] of byAddress) {
      const critical = steps.some((s) => s.kind === "escalation" && s.critical);
      if (!critical && (counts.perAddress.get(address) ?? 0) >= dailyCap) {
        res.capped += steps.length;
        continue;
      }
      const useUrgent = critical && "user" in to && (counts.urgentByCampaign.get(c.id) ?? 0) < budget;
      const key = digestKey(c.id, address, steps);
      try {
        await prisma.$transaction(async (tx) => {
          const views: ReminderItemView[] = [];
          const rows = steps.map((s) => {
            const d = detailOf(c, s);
            const row = {
              id: randomUUID(),
              campaignId: c.id,
              itemKey: s.item,
              periodKey: s.periodKey,
              recipient: s.recipient,
              step: s.step,
              kind: s.kind,
              scheduledAt: s.at,
              status: "sent",
              late: s.late,
              urgent: useUrgent && s.kind === "escalation" && s.critical,
              localDate: today,
              messageKey: key,
              detail: JSON.stringify(d),
              createdAt: now,
            };
            views.push(itemView(row, d, "pending"));
            return row;
          });
          // The unique keys first: a second instance fails here, before it queues anything.
          await tx.reminder.createMany({ data: rows });
          const ids = rows.map((r) => r.id);
          const q = await deps.chat.send(to, { card: reminderDigestCard({ campaignTitle: c.title, items: views }) as unknown as Record<string, unknown> }, { key, tx, critical });
          await tx.reminder.updateMany({ where: { id: { in: ids } }, data: { outboxId: q.outboxId } });
          if (useUrgent && "user" in to) await deps.chat.urgent({ outboxId: q.outboxId }, "app", [to.user], { key: `${key}:urgent`, tx, critical: true });
          await opts.beforeCommit?.(address);
        });
      } catch (e) {
        if (isUniqueViolation(e)) {
          res.duplicates++;
          continue;
        }
        throw e;
      }
      counts.perAddress.set(address, (counts.perAddress.get(address) ?? 0) + 1);
      if (useUrgent) {
        counts.urgentByCampaign.set(c.id, (counts.urgentByCampaign.get(c.id) ?? 0) + 1);
        res.urgent++;
      }
      res.messages++;
      res.reminders += steps.length;
      res.late += steps.filter((s) => s.late).length;
    }
  }
  if (res.messages || res.skipped || res.duplicates)
    deps.log.info({ ...res }, `提醒：已排队 ${res.messages} 条消息（${res.reminders} 项，补发 ${res.late} 项，跳过 ${res.skipped} 项）`);
  return res;
}
