/**
 * The buttons of a reminder card: 已知悉 (no more pre-deadline steps for this item, for me),
 * 已完成 (a task without a form is done), 明天再提醒 (nothing until tomorrow's reminder time,
 * then one nudge). Each answers with a toast and the same card rebuilt from the database, so
 * the card changes in place; a second click (or a click on a stale card) answers the same way
 * and changes nothing.
 */
import { z } from "zod";
import type { CardActionContext, CardActionHandler, CardActionResult } from "../../core/bot.js";
import { addDays, localDateToInstant } from "../../core/calendar.js";
import { reminderDigestCard, type ReminderItemView } from "../../../cards/reminders/digest.js";
import { calendarOf } from "../campaigns/recurrence.js";
import { markCompleted } from "./api.js";
import { itemView, type ReminderDetail } from "./flows.js";
import { campaignPlanAt, recipientsOfOpenId, upsertAck } from "./service.js";
import { DEFAULT_TIME } from "./schedule.js";
import { localDate } from "./time.js";
import { digestOfReminder, marksOf, type Client, type DigestRow } from "./card-state.js";

const valueSchema = z.object({ action: z.string(), id: z.string().min(1).max(64) });

type Kind = "ack" | "done" | "snooze";

function toastError(content: string): CardActionResult {
  return { toast: { type: "error", content } };
}

function parseDetail(s: string | null): ReminderDetail | null {
  if (!s) return null;
  try {
    return JSON.parse(s) as ReminderDetail;
  } catch {
    return null;
  }
}

/** The card of a digest from its rows, with statuses from the acknowledgements and completions as they stand now. */
async function digestCard(db: Client, rows: DigestRow[], campaignTitle: string, now: Date): Promise<{ card: ReturnType<typeof reminderDigestCard>; items: ReminderItemView[] }> {
  // Only the marks that can change this card (see card-state.ts).
  const details = new Map(rows.map((r) => [r.id, parseDetail(r.detail)]));
  const { acks, completions } = await marksOf(db, {
    campaignId: rows[0]!.campaignId,
    itemKeys: [...new Set(rows.map((r) => r.itemKey))],
    members: [...new Set(rows.map((r) => r.recipient))],
    subjects: [...new Set(["*", ...rows.map((r) => r.recipient), ...rows.map((r) => details.get(r.id)?.subject).filter((x): x is string => !!x)])],
  });
  const items: ReminderItemView[] = [];
  for (const r of rows) {
    const d = details.get(r.id);
    if (!d) continue;
    const same = (x: { itemKey: string; periodKey: string }) => x.itemKey === r.itemKey && x.periodKey === r.periodKey;
    const done = completions.some((c) => same(c) && (c.subject === "*" || c.subject === d.subject || c.subject === r.recipient));
    const mine = acks.filter((a) => same(a) && a.memberKey === r.recipient);
    const snoozed = mine.some((a) => a.kind === "snooze" && a.until && a.until > now && a.at >= r.scheduledAt);
    const acked = mine.some((a) => a.kind === "ack" && a.at >= r.scheduledAt);
    const status = done ? "done" : snoozed ? "snoozed" : acked && r.kind === "deadline" ? "acked" : "pending";
    items.push(itemView(r, d, status));
  }
  return { card: reminderDigestCard({ campaignTitle, items }), items };
}

function handler(kind: Kind): CardActionHandler {
  return async (ctx: CardActionContext): Promise<CardActionResult> => {
    const v = valueSchema.safeParse(ctx.action.value);
    if (!v.success) return toastError("按钮数据无效（字段 id），请在最新的提醒卡片上操作");
    const db = ctx.db.prisma;
    const digest = await digestOfReminder(db, v.data.id);
    const row = digest?.rows.find((r) => r.id === v.data.id);
    const detail = row ? parseDetail(row.detail) : null;
    if (!digest || !row || !detail || !row.messageKey) return toastError("找不到这条提醒，可能已过期");
    const campaign = await campaignPlanAt(db, row.campaignId, digest.campaignVersion);
    if (!campaign) return toastError("这条提醒所属的行动已不存在或计划无效");
    const mine = await recipientsOfOpenId(db, row.campaignId, campaign.plan, ctx.actor.openId, ctx.actor.memberships);
    if (!mine.includes(row.recipient)) return toastError("这张提醒卡片不是发给你的，不能代为操作");
    const now = ctx.clock.now();
    const tz = campaign.plan.timezone;
    let toast: string;
    if (kind === "ack") {
      if (row.kind !== "deadline") return toastError("该事项已逾期，无法“已知悉”，请尽快完成");
      await upsertAck(db, { campaignId: row.campaignId, itemKey: row.itemKey, periodKey: row.periodKey, memberKey: row.recipient, kind: "ack", at: now });
      toast = `已知悉：“${detail.title}”截止前不再提醒你`;
    } else if (kind === "done") {
      if (!detail.canComplete) return toastError("该事项需要提交表单才算完成，请填写对应的报表");
      const subject = detail.subject ?? row.recipient;
      const [type, ...rest] = subject.split(":");
      const key = rest.join(":");
      await markCompleted(db, {
        campaignId: row.campaignId,
        itemKey: row.itemKey,
        periodKey: row.periodKey,
        ...(type === "unit" ? { unitKey: key } : type === "member" ? { memberKey: key } : {}),
        at: now,
        late: row.kind === "overdue",
      });
      toast = `已完成：“${detail.title}”不再提醒`;
    } else {
      const cal = calendarOf(campaign.plan);
      const time = campaign.plan.reminders?.time ?? DEFAULT_TIME;
      const date = cal.onOrAfter(addDays(localDate(now, tz), 1));
      const until = localDateToInstant(date, time, tz);
      await upsertAck(db, { campaignId: row.campaignId, itemKey: row.itemKey, periodKey: row.periodKey, memberKey: row.recipient, kind: "snooze", at: now, until });
      toast = `好的，${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${time} 再提醒你`;
    }
    const card = await digestCard(db, digest.rows, campaign.title, now);
    return { toast: { type: "success", content: toast }, card: card.card as unknown as Record<string, unknown> };
  };
}

export const reminderActions: Record<string, CardActionHandler> = {
  reminder_ack: handler("ack"),
  reminder_done: handler("done"),
  reminder_snooze: handler("snooze"),
};
