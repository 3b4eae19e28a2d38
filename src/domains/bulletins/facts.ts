/**
 * Adapter: reads the rows the bulletin aggregates from the other domains' tables. Incidents
 * say bulletins may query IncidentCase directly (their api.ts); reports and reminders expose
 * no list API for whole campaigns, so their tables are read here, read-only, selecting only
 * count-relevant columns — never a case's texts (summary, notes, closing texts).
 *
 * The row path: at province scale (100,000 cases, 257,000 patrols in two months) reading the
 * rows takes seconds. counts.ts counts the same rows in the database (`summaryFromDb`,
 * `loadTallies`) and gives the same Summary (test/bulletins/counts.test.ts).
 */
import type { Db, Prisma } from "../../core/db/client.js";
import { addDays, localDateToInstant } from "../../core/calendar.js";
import type { Facts } from "./aggregate.js";

type Tx = Db | Prisma.TransactionClient;

export async function loadFacts(tx: Tx, q: { campaignId: string; firstDay: string; lastDay: string; tz: string }): Promise<Facts> {
  const { campaignId } = q;
  const to = localDateToInstant(addDays(q.lastDay, 1), "00:00", q.tz);
  const from = localDateToInstant(q.firstDay, "00:00", q.tz);
  const [units, members, cases, patrols, findings, submissions, completions] = await Promise.all([
    tx.unit.findMany({ where: { campaignId }, select: { key: true, name: true, kind: true }, orderBy: { key: "asc" } }),
    tx.member.findMany({ where: { campaignId, unitId: { not: null } }, select: { key: true, unit: { select: { key: true } } } }),
    tx.incidentCase.findMany({
      where: { campaignId, openedAt: { lt: to } },
      select: {
        unitKey: true,
        severity: true,
        major: true,
        kindPhysical: true,
        kindVerbal: true,
        kindCyber: true,
        kindProperty: true,
        kindExclusion: true,
        location: true,
        openedAt: true,
        closedAt: true,
        investigatedAt: true,
        investigationDueAt: true,
        reportDueAt: true,
        reportSubmittedAt: true,
      },
    }),
    tx.patrol.findMany({
      where: { campaignId, kind: "patrol", date: { gte: q.firstDay, lte: q.lastDay } },
      select: { unitKey: true, date: true, status: true, dueAt: true },
    }),
    tx.finding.findMany({
      where: { campaignId, createdAt: { lt: to }, OR: [{ closedAt: null }, { closedAt: { gte: from } }] },
      select: { unitKey: true, createdAt: true, closedAt: true },
    }),
    tx.reportSubmission.findMany({
      where: { campaignId, submittedAt: { lt: to } },
      select: { unitKey: true, form: true, period: true, submittedAt: true, late: true },
    }),
    tx.itemCompletion.findMany({ where: { campaignId, at: { lt: to } }, select: { itemKey: true, periodKey: true, subject: true, at: true, late: true } }),
  ]);
  const memberUnits: Record<string, string> = {};
  for (const m of members) if (m.unit) memberUnits[m.key] = m.unit.key;
  // The bureau itself is not reported on; departments and schools are.
  return { units: units.filter((u) => u.kind !== "bureau"), cases, patrols, findings, submissions, completions, memberUnits };
}
