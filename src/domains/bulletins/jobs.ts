/**
 * The bulletin job, run every minute by the scheduler (or a test): for each active campaign,
 * each bulletin whose time has come (schedule.ts) and that has no row yet is claimed and
 * queued (flows.ts). Cheap when nothing is due: one plan parse and one indexed read per spec.
 */
import type { BotDeps } from "../../core/bot.js";
import { dueBulletinSpecs } from "./schedule.js";
import { ensureBulletin } from "./flows.js";
import { loadCampaignInfo } from "./service.js";

export interface BulletinTickResult {
  created: number;
  queued: number;
}

export const BULLETIN_JOB_INTERVAL_MS = 60_000;

export async function runBulletinJob(deps: Pick<BotDeps, "db" | "chat" | "clock" | "log">, now: Date = deps.clock.now()): Promise<BulletinTickResult> {
  const res: BulletinTickResult = { created: 0, queued: 0 };
  const campaigns = await deps.db.prisma.campaign.findMany({ where: { status: "active" }, select: { id: true } });
  for (const { id } of campaigns) {
    let campaign;
    try {
      campaign = await loadCampaignInfo(deps.db.prisma, id);
    } catch (e) {
      deps.log.warn({ campaignId: id, err: e }, "bulletin job: plan unreadable, skipped");
      continue;
    }
    for (const spec of dueBulletinSpecs(campaign.plan, now)) {
      const exists = await deps.db.prisma.bulletin.findUnique({ where: { campaignId_kind_periodKey: { campaignId: id, kind: spec.kind, periodKey: spec.window.key } }, select: { id: true } });
      if (exists) continue;
      try {
        const r = await ensureBulletin(deps, campaign, spec, now);
        if (r.created) {
          res.created++;
          res.queued += r.queued;
          deps.log.info({ campaignId: id, kind: spec.kind, period: spec.window.key, status: r.row.status, queued: r.queued }, "bulletin queued");
        }
      } catch (e) {
        // One campaign's failure must not hold back the others; the next tick retries.
        deps.log.error({ campaignId: id, kind: spec.kind, period: spec.window.key, err: e }, "bulletin job failed");
      }
    }
  }
  return res;
}

/** The scheduler's job (src/domains/jobs.ts): reads the injected clock at every tick. */
export function bulletinJob(deps: Pick<BotDeps, "db" | "chat" | "clock" | "log">): { name: string; run(): Promise<BulletinTickResult> } {
  return { name: "bulletins.post", run: () => runBulletinJob(deps) };
}
