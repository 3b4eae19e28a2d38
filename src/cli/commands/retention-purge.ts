import { appendAuditTx } from "../../core/audit.js";
import { systemClock } from "../../core/clock.js";
import type { Database } from "../../core/db/client.js";
import { UserError } from "../../core/errors.js";
import { ENTITY } from "../../domains/incidents/service.js";
import type { CliCommand } from "../types.js";

/** What a purged case shows instead of its story; plain text (nothing secret left to encrypt). */
export const PURGED_SUMMARY = "〔已按保存期限清除〕";
export const PURGED_PLACE = "〔已清除〕";
const PURGED_OUTBOX = JSON.stringify({ redacted: "retention" });

export interface PurgeResult {
  dryRun: boolean;
  campaigns: { campaignId: string; retentionDays: number | null; cutoff: string | null; purged: string[]; skipped?: string }[];
  purgedCases: number;
  redactedMessages: number;
}

function retentionOf(planJson: string): number | null {
  try {
    const d = (JSON.parse(planJson) as { privacy?: { caseRetentionDays?: unknown } }).privacy?.caseRetentionDays;
    return typeof d === "number" && Number.isInteger(d) && d > 0 ? d : null;
  } catch {
    return null;
  }
}

/**
 * Purges the details of cases that finished (处置结束) longer ago than the plan's
 * `privacy.caseRetentionDays`: the free text, the place, the step notes and the sent copies of
 * the case cards in the outbox. The row itself stays with its dates, kinds, severity and counts,
 * so monthly figures, bulletins and the final report are unchanged. A plan without a retention
 * purges nothing (deleting children's records is never a default).
 */
export async function purgeExpiredCases(db: Database, opts: { now: Date; campaignId?: string; dryRun?: boolean; actor?: string }): Promise<PurgeResult> {
  const campaigns = await db.prisma.campaign.findMany({ where: opts.campaignId ? { id: opts.campaignId } : {}, select: { id: true, planJson: true }, orderBy: { id: "asc" } });
  if (opts.campaignId && !campaigns.length) throw new UserError(`找不到专项行动「${opts.campaignId.slice(0, 60)}」`, { field: "--campaign" });
  const res: PurgeResult = { dryRun: !!opts.dryRun, campaigns: [], purgedCases: 0, redactedMessages: 0 };
  for (const c of campaigns) {
    const days = retentionOf(c.planJson);
    if (days === null) {
      res.campaigns.push({ campaignId: c.id, retentionDays: null, cutoff: null, purged: [], skipped: "计划未设定 privacy.caseRetentionDays" });
      continue;
    }
    const cutoff = new Date(opts.now.getTime() - days * 86_400_000);
    const due = await db.prisma.incidentCase.findMany({
      where: { campaignId: c.id, closedAt: { not: null, lt: cutoff }, NOT: { summary: PURGED_SUMMARY } },
      select: { id: true, caseNo: true, campaignId: true },
      orderBy: { caseNo: "asc" },
    });
    const entry = { campaignId: c.id, retentionDays: days, cutoff: cutoff.toISOString(), purged: [] as string[] };
    res.campaigns.push(entry);
    for (const k of due) {
      entry.purged.push(k.caseNo);
      res.purgedCases++;
      if (opts.dryRun) continue;
      await db.prisma.$transaction(async (tx) => {
        await tx.incidentCase.update({
          where: { id: k.id },
          data: { summary: PURGED_SUMMARY, place: PURGED_PLACE, privateNote: null, measures: null, resultText: null, causeText: null, nextStepsText: null, version: { increment: 1 } },
        });
        await tx.caseStep.updateMany({ where: { caseId: k.id }, data: { note: null } });
        const cards = await tx.caseCard.findMany({ where: { caseId: k.id, outboxId: { not: null } }, select: { outboxId: true } });
        // Queued copies of the card carry the story in clear; pending ones are left to be sent (or parked).
        const r = await tx.outboxMessage.updateMany({
          where: {
            status: "sent",
            OR: [{ id: { in: cards.map((x) => x.outboxId!) } }, { idempotencyKey: { startsWith: `incident:${k.id}:` } }, { content: { contains: k.caseNo } }],
          },
          data: { content: PURGED_OUTBOX },
        });
        res.redactedMessages += r.count;
        await appendAuditTx(tx, db.provider, {
          actor: opts.actor ?? "cli",
          action: "case.purge",
          entityType: ENTITY,
          entityId: k.id,
          campaignId: k.campaignId,
          before: null,
          after: { caseNo: k.caseNo, retentionDays: days, redactedMessages: r.count },
          at: opts.now,
        });
      });
    }
  }
  return res;
}

export const retentionPurge: CliCommand = {
  path: ["retention", "purge"],
  usage: "retention purge [--campaign <编号>] [--apply]",
  summary: "清除超过计划保存期限（privacy.caseRetentionDays）的已结案案件详情，保留统计数字；默认只列出，加 --apply 才执行",
  async run(args, ctx) {
    let campaignId: string | undefined;
    let apply = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === "--apply") apply = true;
      else if (a === "--campaign") {
        campaignId = args[++i];
        if (!campaignId) throw new UserError("--campaign 后面应写专项行动编号", { field: "--campaign" });
      } else throw new UserError(`不认识的参数「${a.slice(0, 40)}」：只支持 --campaign <编号> 和 --apply`, { field: "参数" });
    }
    const db = await ctx.db();
    const r = await purgeExpiredCases(db, { now: systemClock.now(), ...(campaignId ? { campaignId } : {}), dryRun: !apply });
    ctx.result(r, () =>
      [
        ...r.campaigns.map((c) =>
          c.skipped ? `专项行动 ${c.campaignId}：跳过（${c.skipped}）` : `专项行动 ${c.campaignId}：保存期限 ${c.retentionDays} 天，${c.purged.length ? `${apply ? "已清除" : "将清除"} ${c.purged.length} 个案件的详情：${c.purged.join("、")}` : "没有到期的案件"}`,
        ),
        apply ? `共清除 ${r.purgedCases} 个案件，抹去已发送的卡片内容 ${r.redactedMessages} 条；统计数字不变。` : `共 ${r.purgedCases} 个案件到期（演练，未改动；加 --apply 执行）。`,
      ].join("\n"),
    );
  },
};
