/**
 * What other domains may use from reports (bulletins, issue 9; reminders, issue 6). Nothing
 * else in this folder is a contract.
 *
 *   // per school, one month: patrols done vs planned, findings raised/closed, reports on time/late/missing
 *   const rows = await unitReportStats(db.prisma, { campaignId, period: "2018-10" });
 *
 *   // a reminder card can carry a button that opens the form for the school (action handled here):
 *   button({ text: "填写月报表", value: formOpenValue({ campaignId, form: "monthlyReport", unitKey, period: "2018-10" }) })
 *
 * The tables are plain columns, so SQL may also group them directly: Patrol(campaignId, unitKey,
 * kind, period, status: planned|done|missed, late), Finding(campaignId, unitKey, period, kind,
 * status: open|closed, dueDate), ReportSubmission(campaignId, form: monthlyReport|selfCheck,
 * unitKey, period, late, incidentCount, reportedCount, criminalCount, handledCount). Free text
 * (Patrol.seen/actionTaken, Finding.description, ReportSubmission.valuesJson) may mention
 * children: never put it in a group chat or bulletin.
 */
import type { Db, Prisma } from "../../core/db/client.js";
import type { PeriodicFormKey } from "./forms/index.js";

type Tx = Db | Prisma.TransactionClient;

export type ReportStatus = "onTime" | "late" | "missing";

export interface UnitReportStats {
  unitKey: string;
  unitName: string;
  patrols: { planned: number; done: number; missed: number; late: number };
  screenings: { planned: number; done: number; missed: number };
  findings: { raised: number; closed: number; open: number; overdue: number };
  monthlyReport: ReportStatus;
  selfCheck: ReportStatus;
  /** the 月报表's four counts as submitted (null when missing) */
  counts: { incidentCount: number | null; reportedCount: number | null; criminalCount: number | null; handledCount: number | null };
}

/** Every school of the campaign for one period (YYYY-MM); `today` (YYYY-MM-DD, local) decides 逾期 findings. */
export async function unitReportStats(tx: Tx, q: { campaignId: string; period: string; today?: string }): Promise<UnitReportStats[]> {
  const [units, patrols, findings, subs] = await Promise.all([
    tx.unit.findMany({ where: { campaignId: q.campaignId, kind: "school" }, orderBy: { key: "asc" }, select: { key: true, name: true } }),
    tx.patrol.groupBy({ by: ["unitKey", "kind", "status", "late"], where: { campaignId: q.campaignId, period: q.period }, _count: true }),
    tx.finding.findMany({ where: { campaignId: q.campaignId, period: q.period }, select: { unitKey: true, status: true, dueDate: true } }),
    tx.reportSubmission.findMany({ where: { campaignId: q.campaignId, period: q.period }, select: { unitKey: true, form: true, late: true, incidentCount: true, reportedCount: true, criminalCount: true, handledCount: true } }),
  ]);
  const count = (unitKey: string, kind: string, pred: (r: (typeof patrols)[number]) => boolean) =>
    patrols.filter((r) => r.unitKey === unitKey && r.kind === kind && pred(r)).reduce((n, r) => n + r._count, 0);
  const status = (unitKey: string, form: PeriodicFormKey): ReportStatus => {
    const s = subs.find((x) => x.unitKey === unitKey && x.form === form);
    return !s ? "missing" : s.late ? "late" : "onTime";
  };
  return units.map((u) => {
    const f = findings.filter((x) => x.unitKey === u.key);
    const m = subs.find((x) => x.unitKey === u.key && x.form === "monthlyReport");
    return {
      unitKey: u.key,
      unitName: u.name,
      patrols: {
        planned: count(u.key, "patrol", () => true),
        done: count(u.key, "patrol", (r) => r.status === "done"),
        missed: count(u.key, "patrol", (r) => r.status === "missed"),
        late: count(u.key, "patrol", (r) => r.late),
      },
      screenings: {
        planned: count(u.key, "screening", () => true),
        done: count(u.key, "screening", (r) => r.status === "done"),
        missed: count(u.key, "screening", (r) => r.status === "missed"),
      },
      findings: {
        raised: f.length,
        closed: f.filter((x) => x.status === "closed").length,
        open: f.filter((x) => x.status === "open").length,
        overdue: q.today ? f.filter((x) => x.status === "open" && x.dueDate < q.today!).length : 0,
      },
      monthlyReport: status(u.key, "monthlyReport"),
      selfCheck: status(u.key, "selfCheck"),
      counts: { incidentCount: m?.incidentCount ?? null, reportedCount: m?.reportedCount ?? null, criminalCount: m?.criminalCount ?? null, handledCount: m?.handledCount ?? null },
    };
  });
}

/** The callback value of a button that opens a school's 月报表 / 自查表 (handled by `report_open`). */
export function formOpenValue(ref: { campaignId: string; form: PeriodicFormKey; unitKey: string; period: string }): { action: "report_open"; campaignId: string; form: string; unitKey: string; period: string } {
  return { action: "report_open", ...ref };
}

export { MONTHLY_REPORT_FORM, SELF_CHECK_FORM } from "./forms/index.js";
export { FORM_ALIASES } from "./period.js";
