/**
 * Bulletins (issue 9): monthly summaries, bimonthly and quarterly 通报, phase-end summaries and the final
 * 专项工作报告 draft. Other domains and the composition root use only what is exported here.
 *
 *   startBot modules: bulletinsModule                      (月报 / 月报审核 commands, review buttons)
 *   scheduler:        runBulletinJob(deps, now) every BULLETIN_JOB_INTERVAL_MS
 *   CLI / tests:      monthlySummary(db.prisma, planId, "2021-10", now) → Summary (counts only)
 *                     buildFinalReport(db, planId, { now, actor }) → DOCX bytes
 */
export { bulletinsModule } from "./handlers.js";
export { runBulletinJob, bulletinJob, BULLETIN_JOB_INTERVAL_MS } from "./jobs.js";
export { monthlySummary, summaryFor, loadCampaignInfo } from "./service.js";
export { buildFinalReport } from "./final-report.js";
export type { Summary, UnitSummary, Figures } from "./types.js";
