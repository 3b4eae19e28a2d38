/**
 * The 回头看清单 (seed 000 附件3) of one school for a date range: 序号, 学生欺凌事件概述,
 * 发生时间, 事件发生原因分析, 处理结果, 备注 — as XLSX (the bureau's own sheet layout, with the
 * 单位（公章）/责任领导签字 line) and as CSV. Every export is audited: it carries case texts.
 */
import ExcelJS from "exceljs";
import type { Database } from "../../core/db/client.js";
import { appendAudit } from "../../core/audit.js";
import { addDays, localDateToInstant } from "../../core/calendar.js";
import { KINDS, LOCATIONS, MAJOR_MARKERS, SEVERITIES, type Location, type Severity } from "./schema.js";
import { ENTITY, kindsOf, majorOf, opened, stateOf } from "./service.js";
import { fmt } from "./views.js";
import { STATUS_TITLES, progress, type CaseStatus } from "./workflow.js";
import { isOverdue } from "./queries.js";
import { settingsFor } from "./flows.js";

export const EXPORT_COLUMNS = ["序号", "学生欺凌事件概述", "发生时间", "事件发生原因分析", "处理结果", "备注"] as const;

export interface ExportRow {
  序号: number;
  学生欺凌事件概述: string;
  发生时间: string;
  事件发生原因分析: string;
  处理结果: string;
  备注: string;
}

export interface ExportQuery {
  campaignId: string;
  unitKey: string;
  /** inclusive local dates YYYY-MM-DD of 发生时间 */
  from: string;
  to: string;
  actor: string;
  now: Date;
}

export interface ExportData {
  unitName: string;
  campaignTitle: string;
  from: string;
  to: string;
  rows: ExportRow[];
}

export async function exportCases(db: Database, q: ExportQuery): Promise<ExportData> {
  const campaign = await db.prisma.campaign.findUnique({ where: { id: q.campaignId }, select: { title: true } });
  const unit = await db.prisma.unit.findUnique({ where: { campaignId_key: { campaignId: q.campaignId, key: q.unitKey } }, select: { name: true } });
  if (!campaign || !unit) return { unitName: unit?.name ?? q.unitKey, campaignTitle: campaign?.title ?? q.campaignId, from: q.from, to: q.to, rows: [] };
  const tz = (await settingsFor(db.prisma, q.campaignId)).timezone;
  const cases = await db.prisma.incidentCase.findMany({
    where: { campaignId: q.campaignId, unitKey: q.unitKey, occurredAt: { gte: localDateToInstant(q.from, "00:00", tz), lt: localDateToInstant(addDays(q.to, 1), "00:00", tz) } },
    orderBy: [{ occurredAt: "asc" }, { seq: "asc" }],
    include: { steps: true, members: true },
  });
  const rows = cases.map((r) => opened(r)).map((c, i): ExportRow => {
    const majors = majorOf(c).map((m) => MAJOR_MARKERS[m]);
    const p = progress(stateOf(c));
    const status = STATUS_TITLES[c.status as CaseStatus] ?? c.status;
    const summary = [
      `${LOCATIONS[c.location as Location] ?? c.location}（${c.place}）`,
      `${kindsOf(c).map((k) => KINDS[k]).join("、")}欺凌，${SEVERITIES[c.severity as Severity] ?? c.severity}${majors.length ? `（重特大：${majors.join("、")}）` : ""}`,
      `受欺凌学生 ${c.victimCount} 人、实施欺凌学生 ${c.actorCount} 人（${c.grades}）`,
      c.summary,
    ].join("；");
    const notes = [`案件编号 ${c.caseNo}`, status];
    if (c.reportSubmittedAt) notes.push(`情况报告 ${fmt(c.reportSubmittedAt, tz).slice(0, 10)} 已报送`);
    if (isOverdue(c, q.now)) notes.push("逾期");
    if (c.publicAttention) notes.push("舆论高度关注");
    return {
      序号: i + 1,
      学生欺凌事件概述: summary,
      发生时间: fmt(c.occurredAt, tz),
      事件发生原因分析: c.causeText ?? "（调查处置中）",
      处理结果: c.resultText ?? `${status}，已完成处置步骤 ${p.done}/${p.total}`,
      备注: notes.join("；"),
    };
  });
  await appendAudit(db, {
    actor: q.actor,
    action: "case.export",
    entityType: ENTITY,
    entityId: `${q.campaignId}/${q.unitKey}`,
    campaignId: q.campaignId,
    before: null,
    after: { from: q.from, to: q.to, cases: cases.map((c) => c.caseNo) },
    at: q.now,
  });
  return { unitName: unit.name, campaignTitle: campaign.title, from: q.from, to: q.to, rows };
}

/** A cell a spreadsheet would run as a formula (=, +, -, @) is kept as text. */
export function csvCell(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with a BOM so Excel opens the Chinese text correctly. */
export function toCsv(d: ExportData): string {
  const lines = [EXPORT_COLUMNS.join(","), ...d.rows.map((r) => EXPORT_COLUMNS.map((c) => csvCell(r[c])).join(","))];
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

export async function toXlsx(d: ExportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "平安校园助手";
  const ws = wb.addWorksheet("回头看清单", { pageSetup: { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 6 }, { width: 48 }, { width: 18 }, { width: 36 }, { width: 36 }, { width: 24 }];
  ws.mergeCells("A1:F1");
  ws.getCell("A1").value = `学生欺凌事件回头看清单（${d.from} 至 ${d.to}）`;
  ws.getCell("A1").font = { bold: true, size: 16 };
  ws.getCell("A1").alignment = { horizontal: "center" };
  ws.mergeCells("A2:F2");
  ws.getCell("A2").value = `单位（公章）：${d.unitName}　　　　责任领导签字：　　　　　　　　年　　月　　日`;
  const header = ws.getRow(3);
  EXPORT_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c;
    cell.font = { bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  });
  d.rows.forEach((r, i) => {
    const row = ws.getRow(4 + i);
    EXPORT_COLUMNS.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      cell.value = r[c];
      cell.alignment = { vertical: "top", wrapText: true };
    });
  });
  const last = 3 + d.rows.length;
  for (let r = 3; r <= last; r++)
    for (let c = 1; c <= 6; c++) ws.getRow(r).getCell(c).border = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
