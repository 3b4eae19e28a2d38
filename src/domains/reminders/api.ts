/**
 * What other domains call to tell the reminder engine that something is owed or done.
 * This file is the whole contract (issues 7 and 8 build on it); nothing else is needed:
 * the sweep (jobs.ts) reads these rows every minute and reminds / escalates on its own.
 *
 *   // a school submitted its 月报表 for October: its reminders for that period stop
 *   await markCompleted(tx, { campaignId, itemKey: "monthly", periodKey: "2021-10", unitKey: "school-03", at: now });
 *
 *   // an incident opened a 10-day investigation clock; remind the school admins, escalate when late
 *   await upsertTrackedItem(tx, {
 *     campaignId, key: `incident:${caseNo}:investigation`, title: `案件 ${caseNo} 调查（10日内）`,
 *     dueAt: "2021-10-25", memberKeys: ["school-03-admin"], unitKey: "school-03",
 *     escalateTo: ["officeDirector", "leader"], escalateAfter: "P1D", critical: true,
 *     source: { type: "incident", id: caseId }, at: now,
 *   });
 *   await closeTrackedItem(tx, `incident:${caseNo}:investigation`, now); // the step was done
 *
 * Every function takes the caller's Prisma transaction (or the client itself), so the
 * domain change and the reminder bookkeeping commit together. Calling again with the same
 * key is safe (upserts); input is validated with zod and a bad value throws a UserError
 * naming the field, before anything is written.
 */
import { z } from "zod";
import { UserError } from "../../core/errors.js";
import type { Db, Prisma } from "../../core/db/client.js";
import { isIsoDate, localDateToInstant, addDays, DEFAULT_TIMEZONE } from "../../core/calendar.js";
import { isoDuration } from "../campaigns/schema.js";

/** A Prisma transaction client or the client itself. */
export type Tx = Db | Prisma.TransactionClient;

/** periodKey of items that happen once (tracked items, once-deadlines use their own occurrence key). */
export const NO_PERIOD = "-";

const keyStr = z.string().trim().min(1).max(200);
const instant = z.union([z.date(), z.string().datetime({ offset: true })]).transform((v) => new Date(v));

const completedSchema = z
  .object({
    campaignId: keyStr,
    /** deadline key in the plan, or a tracked item key */
    itemKey: keyStr,
    /** the occurrence's periodKey ("2021-10"), or "-" for a tracked item */
    periodKey: keyStr.default(NO_PERIOD),
    /** done by this unit (a school's report) … */
    unitKey: keyStr.optional(),
    /** … or by this person (已完成 on a task). Neither: done for everybody. */
    memberKey: keyStr.optional(),
    at: instant,
    late: z.boolean().optional(),
  })
  .strict();

export type MarkCompletedInput = z.input<typeof completedSchema>;

function subjectOf(i: { unitKey?: string; memberKey?: string }): string {
  if (i.unitKey) return `unit:${i.unitKey}`;
  if (i.memberKey) return `member:${i.memberKey}`;
  return "*";
}

function parse<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue.path.join(".") || "(输入)";
  throw new UserError(`${what}：字段 ${field} 不正确（${issue.message}）`, { field });
}

/**
 * Something owed was done: reminders for it stop for that unit / person (or for everybody when
 * neither is given). Idempotent: the first completion is kept (its `at` and `late`).
 */
export async function markCompleted(tx: Tx, input: MarkCompletedInput): Promise<void> {
  const i = parse(completedSchema, input, "标记完成");
  const subject = subjectOf(i);
  await tx.itemCompletion.upsert({
    where: { campaignId_itemKey_periodKey_subject: { campaignId: i.campaignId, itemKey: i.itemKey, periodKey: i.periodKey, subject } },
    create: { campaignId: i.campaignId, itemKey: i.itemKey, periodKey: i.periodKey, subject, at: i.at, late: i.late ?? false },
    update: {},
  });
}

/** Undo a completion (a submission was withdrawn / reopened): reminders resume. */
export async function unmarkCompleted(tx: Tx, input: Omit<MarkCompletedInput, "at" | "late">): Promise<void> {
  const i = parse(completedSchema.omit({ at: true, late: true }), input, "撤销完成");
  await tx.itemCompletion.deleteMany({ where: { campaignId: i.campaignId, itemKey: i.itemKey, periodKey: i.periodKey, subject: subjectOf(i) } });
}

const trackedSchema = z
  .object({
    campaignId: keyStr,
    /** globally unique, e.g. `incident:<caseNo>:investigation` */
    key: keyStr,
    title: z.string().trim().min(1).max(200),
    /**
     * An instant (late right after it), or a local date YYYY-MM-DD in the plan's time zone
     * (the whole day counts; the ladder is then counted in working days like plan deadlines).
     */
    dueAt: z.union([z.date(), z.string()]),
    /** who owes it: open ids … */
    assigneeOpenIds: z.array(keyStr).default([]),
    /** … and/or member keys of the campaign (plan admins / leadership keys) */
    memberKeys: z.array(keyStr).default([]),
    unitKey: keyStr.optional(),
    /** roles to escalate to when late, in order (officeDirector, leader, …) */
    escalateTo: z.array(keyStr).optional(),
    /** how long after dueAt the first escalation goes out (each next role one more such step) */
    escalateAfter: isoDuration.optional(),
    /** ISO durations before the due time; default for dated items P3D,P1D,P0D; for instants P1D,PT2H */
    ladder: z.array(isoDuration).optional(),
    /** critical escalations may use urgent (加急) within the daily budget */
    critical: z.boolean().default(false),
    source: z.object({ type: keyStr, id: keyStr }).strict(),
    /** time zone for a date-only dueAt (default the bot's) */
    timezone: z.string().default(DEFAULT_TIMEZONE),
    /**
     * When the item came to exist, from YOUR injected clock (pass it: steps before it are not
     * sent). Omitted: the database time is used, and ignored when it lies after the due time.
     */
    at: instant.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.assigneeOpenIds.length + v.memberKeys.length === 0 && !v.unitKey)
      ctx.addIssue({ code: "custom", path: ["assigneeOpenIds"], message: "至少需要一个负责人（assigneeOpenIds、memberKeys 或 unitKey）" });
    if (typeof v.dueAt === "string" && !isIsoDate(v.dueAt) && Number.isNaN(Date.parse(v.dueAt)))
      ctx.addIssue({ code: "custom", path: ["dueAt"], message: "应为日期 YYYY-MM-DD 或带时区的时间" });
  });

export type TrackedItemInput = z.input<typeof trackedSchema>;

/**
 * Create or update an event-relative deadline. Updating keeps it open/closed as it is (a
 * changed due date re-schedules the steps not yet sent; sent steps are never sent again).
 */
export async function upsertTrackedItem(tx: Tx, input: TrackedItemInput): Promise<void> {
  const v = parse(trackedSchema, input, "跟踪事项");
  let dueAt: Date;
  let dueDate: string | null = null;
  if (typeof v.dueAt === "string" && isIsoDate(v.dueAt)) {
    dueDate = v.dueAt;
    // late from the start of the next local day: the whole due date counts
    dueAt = localDateToInstant(addDays(v.dueAt, 1), "00:00", v.timezone);
  } else dueAt = new Date(v.dueAt);
  const data = {
    campaignId: v.campaignId,
    title: v.title,
    dueAt,
    dueDate,
    assignees: JSON.stringify({ openIds: v.assigneeOpenIds, memberKeys: v.memberKeys }),
    unitKey: v.unitKey ?? null,
    escalateTo: v.escalateTo ? JSON.stringify(v.escalateTo) : null,
    escalateAfter: v.escalateAfter ?? null,
    ladder: v.ladder ? JSON.stringify(v.ladder) : null,
    critical: v.critical,
    sourceType: v.source.type,
    sourceId: v.source.id,
  };
  await tx.trackedItem.upsert({ where: { key: v.key }, create: { key: v.key, ...data, ...(v.at ? { createdAt: v.at } : {}) }, update: data });
}

/** The tracked item was done (or became moot): no more reminders or escalations. Idempotent. */
export async function closeTrackedItem(tx: Tx, key: string, at: Date): Promise<void> {
  await tx.trackedItem.updateMany({ where: { key, closedAt: null }, data: { closedAt: at } });
}
