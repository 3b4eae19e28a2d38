/**
 * Posting: a bulletin is claimed as a `Bulletin` row (unique per campaign, kind and period)
 * and its messages are queued in the same transaction with keys per campaign, period and
 * chat, so a second run, a second instance or a crash between the two never posts twice and
 * never loses a post. With leader review on, the row starts as a draft that only the office
 * director receives; 发布 publishes the frozen figures.
 */
import type { BotDeps } from "../../core/bot.js";
import type { CardJson, ChatPort, OutboxTx } from "../../core/chat-port.js";
import type { Db } from "../../core/db/client.js";
import { isUniqueViolation } from "../../core/db/client.js";
import { UserError } from "../../core/errors.js";
import { appendAudit, appendAuditTx } from "../../core/audit.js";
import { bureauCards, type BulletinView } from "../../../cards/bulletins/summary.js";
import { schoolCard } from "../../../cards/bulletins/school.js";
import { reviewCard, type ReviewView } from "../../../cards/bulletins/review.js";
import { closeTrackedItem, upsertTrackedItem } from "../reminders/api.js";
import type { BulletinKind, BulletinSpec } from "./schedule.js";
import { loadCampaignInfo, summaryFor, type CampaignInfo } from "./service.js";
import { audienceText, reviewEnabled, reviewersOf, targetsOf, type Targets } from "./targets.js";
import type { Summary } from "./types.js";

type Deps = Pick<BotDeps, "db" | "chat" | "clock" | "log">;

export interface BulletinRow {
  id: string;
  campaignId: string;
  kind: string;
  periodKey: string;
  status: string;
  summaryJson: string;
  note: string | null;
  publishedAt: Date | null;
  publishedBy: string | null;
}

/** “截至2021年10月26日 09:00” in the plan's time zone. */
export function asOfText(iso: string, tz: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  );
  return `截至${Number(p.year)}年${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute}`;
}

export function viewOf(row: Pick<BulletinRow, "kind" | "summaryJson" | "note">, tz: string): BulletinView {
  const summary = JSON.parse(row.summaryJson) as Summary;
  return { summary, kind: row.kind as BulletinKind, note: row.note, asOfText: asOfText(summary.asOf, tz) };
}

export function reviewViewOf(row: BulletinRow, tz: string, targets: Targets): ReviewView {
  return { ...viewOf(row, tz), bulletinId: row.id, audience: audienceText(targets) };
}

/** How long the director has before the reminder engine counts the review as late. */
export const REVIEW_DUE_MS = 24 * 3600_000;
export const reviewItemKey = (bulletinId: string) => `bulletin:${bulletinId}:review`;

const postKey = (row: Pick<BulletinRow, "campaignId" | "kind" | "periodKey">, chatId: string, part: number) => `bulletin:${row.campaignId}:${row.kind}:${row.periodKey}:${chatId}:${part}`;

/** Queue every post of a bulletin (bureau groups and each unit's group), inside `tx`. */
async function queuePosts(chat: ChatPort, tx: OutboxTx, row: BulletinRow, view: BulletinView, targets: Targets): Promise<number> {
  let n = 0;
  const cards: CardJson[] = bureauCards(view) as unknown as CardJson[];
  for (const chatId of targets.bureauChats) {
    for (const [i, c] of cards.entries()) {
      await chat.send({ chat: chatId }, { card: c }, { key: postKey(row, chatId, i), tx });
      n++;
    }
  }
  const byUnit = new Map(view.summary.units.map((u) => [u.unitKey, u]));
  for (const t of targets.unitChats) {
    const u = byUnit.get(t.unitKey);
    if (!u) continue;
    await chat.send({ chat: t.chatId }, { card: schoolCard(view, u) as unknown as CardJson }, { key: postKey(row, t.chatId, 0), tx });
    n++;
  }
  return n;
}

export interface EnsureResult {
  row: BulletinRow;
  created: boolean;
  /** messages queued now (posts or review drafts) */
  queued: number;
}

/**
 * Claims the bulletin of `spec` and queues it (or its review draft). Idempotent: an existing
 * row is returned untouched.
 */
export async function ensureBulletin(deps: Deps, campaign: CampaignInfo, spec: { kind: BulletinKind; window: BulletinSpec["window"]; dueAt: Date }, now: Date): Promise<EnsureResult> {
  const where = { campaignId_kind_periodKey: { campaignId: campaign.id, kind: spec.kind, periodKey: spec.window.key } };
  const existing = await deps.db.prisma.bulletin.findUnique({ where });
  if (existing) return { row: existing, created: false, queued: 0 };
  const summary = await summaryFor(deps.db.prisma, campaign, spec.window, now);
  const targets = await targetsOf(deps.db.prisma, campaign.id, campaign.plan);
  const reviewers = (await reviewEnabled(deps.db.prisma, campaign.id)) ? await reviewersOf(deps.db.prisma, campaign.id) : [];
  const tz = campaign.plan.timezone;
  try {
    return await deps.db.prisma.$transaction(async (tx) => {
      const review = reviewers.length > 0;
      const row = await tx.bulletin.create({
        data: {
          campaignId: campaign.id,
          kind: spec.kind,
          periodKey: spec.window.key,
          status: review ? "review" : "published",
          dueAt: spec.dueAt,
          summaryJson: JSON.stringify(summary),
          reviewers: review ? JSON.stringify(reviewers) : null,
          ...(review ? {} : { publishedAt: now, publishedBy: "system" }),
        },
      });
      let queued = 0;
      if (review) {
        const card = reviewCard(reviewViewOf(row, tz, targets)) as unknown as CardJson;
        for (const openId of reviewers) {
          await deps.chat.send({ user: openId }, { card }, { key: `bulletin:${row.id}:review:${openId}`, tx });
          queued++;
        }
        // A draft nobody publishes must not stall the bulletin: the reminder engine nudges the
        // director and, a working day later, the group leader.
        await upsertTrackedItem(tx, {
          campaignId: campaign.id,
          key: reviewItemKey(row.id),
          title: `审核并发布${spec.window.label}工作通报`,
          dueAt: new Date(now.getTime() + REVIEW_DUE_MS),
          assigneeOpenIds: reviewers,
          escalateTo: ["leader"],
          escalateAfter: "P1D",
          source: { type: "bulletin", id: row.id },
          timezone: tz,
        });
      } else queued = await queuePosts(deps.chat, tx, row, viewOf(row, tz), targets);
      return { row, created: true, queued };
    }, QUEUE_TX);
  } catch (e) {
    // Another instance claimed it between our read and our insert: theirs stands.
    if (!isUniqueViolation(e)) throw e;
    return { row: (await deps.db.prisma.bulletin.findUnique({ where }))!, created: false, queued: 0 };
  }
}

export async function getBulletin(db: Db, id: string): Promise<BulletinRow> {
  const row = await db.bulletin.findUnique({ where: { id } });
  if (!row) throw new UserError("找不到这份通报，可能已被删除。", { field: "bulletinId", code: "not_found" });
  return row;
}

/**
 * Queueing every post of a province (3,000 unit groups) in one transaction takes longer than
 * Prisma's default 5 s: on PostgreSQL the bulletin job then failed every minute and nothing was
 * posted (issue 10's benchmark).
 */
const QUEUE_TX = { maxWait: 10_000, timeout: 120_000 };

/** 发布: publish a reviewed draft once; a second click finds it published and queues nothing. */
export async function publishBulletin(deps: Deps, id: string, actor: string, now: Date): Promise<{ row: BulletinRow; publishedNow: boolean; targets: Targets }> {
  const row = await getBulletin(deps.db.prisma, id);
  const campaign = await loadCampaignInfo(deps.db.prisma, row.campaignId);
  const targets = await targetsOf(deps.db.prisma, campaign.id, campaign.plan);
  const publishedNow = await deps.db.prisma.$transaction(async (tx) => {
    const claimed = await tx.bulletin.updateMany({ where: { id, status: "review" }, data: { status: "published", publishedAt: now, publishedBy: actor } });
    if (claimed.count === 0) return false;
    const fresh = (await tx.bulletin.findUnique({ where: { id } }))!;
    await closeTrackedItem(tx, reviewItemKey(id), now);
    await queuePosts(deps.chat, tx, fresh, viewOf(fresh, campaign.plan.timezone), targets);
    await appendAuditTx(tx, deps.db.provider, {
      actor,
      action: "bulletin.publish",
      entityType: "Bulletin",
      entityId: id,
      campaignId: row.campaignId,
      after: { kind: row.kind, periodKey: row.periodKey, note: fresh.note },
      at: now,
    });
    return true;
  }, QUEUE_TX);
  return { row: (await deps.db.prisma.bulletin.findUnique({ where: { id } }))!, publishedNow, targets };
}

/** 修改: the 按语 of a draft. Refused once published (what went out stays as it was). */
export async function setBulletinNote(deps: Deps, id: string, note: string, actor: string, now: Date): Promise<BulletinRow> {
  const r = await deps.db.prisma.bulletin.updateMany({ where: { id, status: "review" }, data: { note: note.trim() || null } });
  if (r.count === 0) throw new UserError("这份通报已发布，不能再修改。", { field: "bulletinId", code: "published" });
  await appendAudit(deps.db, { actor, action: "bulletin.note", entityType: "Bulletin", entityId: id, after: { note }, at: now });
  return getBulletin(deps.db.prisma, id);
}

export type { Deps as BulletinDeps };
export async function campaignOfBulletin(db: Db, row: BulletinRow): Promise<CampaignInfo> {
  return loadCampaignInfo(db, row.campaignId);
}
