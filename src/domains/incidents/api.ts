/**
 * What other domains may use from incidents (issues 8 and 9). Nothing else in this folder is
 * a contract.
 *
 *   // 月报表 prefill: the four numbers of one school for one month
 *   const n = await countCasesForMonth(db.prisma, campaignId, "school-01", "2021-10");
 *   // → { occurred, reported, criminal, handled }
 *
 *   // a patrol found a 苗头: open the report form prefilled, in the patroller's chat
 *   await openReportForm(deps, { openId, campaignId, prefill: { location: "inSchool", place: "操场东侧", summary: "…" },
 *                                origin: "来自 10月12日 放学巡查发现的苗头性问题", findingId: finding.id });
 *   // → the filed case sets Finding.incidentCaseId (same campaign and school, not yet linked)
 *
 * Bulletins can query `IncidentCase` directly: unitKey, severity, major (+ majorCasualty/
 * majorWeapon/majorOnline/majorGroup), kindPhysical/kindVerbal/kindCyber/kindProperty/
 * kindExclusion, location, source, occurredAt, openedAt, closedAt, investigationDueAt,
 * investigatedAt, reportDueAt, reportSubmittedAt, status are plain columns; `isOverdue` gives
 * the rule for 逾期. Never select summary/privateNote/measures/resultText/causeText/
 * nextStepsText for a bulletin.
 */
import type { BotDeps } from "../../core/bot.js";
import type { IntakeDraft } from "./schema.js";
import { sendReportForm } from "./flows.js";

export { countCasesForMonth, isOverdue, listCases, REPORTED_SOURCES, type MonthCounts } from "./queries.js";
export { KINDS, SEVERITIES, MAJOR_MARKERS, SOURCES, LOCATIONS } from "./schema.js";
export { openReportButton } from "../../../cards/incidents/case.js";
export type { IntakeDraft as ReportPrefill };

/**
 * Sends the incident report form, prefilled, to the person's chat with the bot. Returns null
 * when the person may not report (not a member of an active campaign). `key` makes a retried
 * call send nothing twice (e.g. `finding:<id>:report-form`).
 */
export async function openReportForm(
  deps: BotDeps,
  input: { openId: string; campaignId?: string; prefill?: IntakeDraft; origin?: string; findingId?: string; key?: string },
): Promise<{ formId: string } | null> {
  return sendReportForm(deps, input.openId, {
    ...(input.campaignId ? { campaignId: input.campaignId } : {}),
    ...(input.prefill ? { prefill: input.prefill } : {}),
    ...(input.origin ? { origin: input.origin } : {}),
    ...(input.findingId ? { findingId: input.findingId } : {}),
    ...(input.key ? { key: input.key } : {}),
  });
}
