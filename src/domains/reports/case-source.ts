/**
 * Adapter to the incidents domain (issue 7): the facts the 月报表 counts. The incidents
 * engineer had not exported a read API when this was written, so this reads their
 * `IncidentCase` model directly and maps its columns here, in one place to change.
 */
import type { Db, Prisma } from "../../core/db/client.js";
import type { CaseFact } from "./prefill.js";

type Tx = Db | Prisma.TransactionClient;

/** Sources that count as 接收举报 (a report reached the school) rather than staff or online discovery. */
const REPORT_SOURCES = ["student", "parent", "hotline"];

export async function caseFactsOf(tx: Tx, q: { campaignId: string; unitKey: string; from: Date; to: Date }): Promise<CaseFact[]> {
  const rows = await tx.incidentCase.findMany({
    where: {
      campaignId: q.campaignId,
      unitKey: q.unitKey,
      OR: [{ occurredAt: { gte: q.from, lt: q.to } }, { closedAt: { gte: q.from, lt: q.to } }],
    },
    select: { occurredAt: true, source: true, severity: true, flow: true, closedAt: true },
  });
  return rows.map((r) => ({
    occurredAt: r.occurredAt,
    reported: REPORT_SOURCES.includes(r.source),
    criminal: r.severity === "criminal" || r.flow === "inSchoolCriminal",
    closedAt: r.closedAt,
  }));
}
