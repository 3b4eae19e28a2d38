/**
 * A period's 月报表 and 自查表 of every school as one XLSX, each sheet laid out like the paper
 * form of seed 001 (附件3 and 附件2: same headings, same blocks, merged cells where the paper
 * merges them), plus a 汇总 sheet (one row per school: submitted on time / late / missing and
 * the four counts). Schools that did not submit still get their sheets, blank and marked 未提交.
 */
import ExcelJS from "exceljs";
import type { Database } from "../../core/db/client.js";
import { instantToLocalDate } from "../../core/calendar.js";
import { loadCampaign, type CampaignCtx } from "./context.js";
import { valueToCell, type FieldDef, type FormValues } from "./forms/fields.js";
import { monthlyDeploymentRows, MONTHLY_DEPLOYMENT_SECTION } from "./forms/monthly-report.js";
import { SELF_CHECK_NOTE, selfCheckHeaderFields, selfCheckItems } from "./forms/self-check.js";
import { periodicForms } from "./forms/index.js";
import { formTitle } from "./form-flows.js";
import { listSubmissions, type SubmissionRow } from "./submission-service.js";

const thin = { style: "thin" as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
const WRAP = { wrapText: true, vertical: "middle" as const };

export const SUMMARY_SHEET = "汇总";
export const SUMMARY_HEADINGS = ["学校", "月报表", "自查表", "本月校园欺凌发生事件数（件）", "接收举报发现数（件）", "构成刑事案件数(件)", "本月处理校园欺凌事件数（件）"];

function statusOf(s: SubmissionRow | undefined): string {
  if (!s) return "未提交";
  return s.late ? "逾期提交" : "按时提交";
}

/** Excel sheet names: ≤ 31 characters, none of []:*?/\ and unique in the workbook. */
export function sheetName(base: string, used: Set<string>): string {
  const clean = base.replace(/[[\]:*?/\\]/g, "").slice(0, 31) || "Sheet";
  let name = clean;
  for (let i = 2; used.has(name); i++) name = `${clean.slice(0, 31 - String(i).length - 1)}-${i}`;
  used.add(name);
  return name;
}

function cell(ws: ExcelJS.Worksheet, ref: string, value: string | number, opts: { bold?: boolean; merge?: string; align?: "center" | "left"; size?: number } = {}) {
  if (opts.merge) ws.mergeCells(opts.merge);
  const c = ws.getCell(ref);
  c.value = value;
  c.alignment = { ...WRAP, horizontal: opts.align ?? "left" };
  if (opts.bold || opts.size) c.font = { bold: !!opts.bold, ...(opts.size ? { size: opts.size } : {}) };
}

function box(ws: ExcelJS.Worksheet, fromRow: number, toRow: number, cols: number) {
  for (let r = fromRow; r <= toRow; r++) for (let c = 1; c <= cols; c++) ws.getCell(r, c).border = BORDER;
}

const v = (values: FormValues | undefined, f: FieldDef) => (values ? valueToCell(f, values[f.key]) : "");
const text = (values: FormValues | undefined, key: string) => (values && values[key] !== null && values[key] !== undefined ? String(values[key]) : "");
const field = (key: string) => periodicForms.monthlyReport.fields.find((f) => f.key === key)!;

function footerNote(ws: ExcelJS.Worksheet, row: number, cols: string, s: SubmissionRow | undefined, tz: string) {
  const note = s
    ? `提交状态：${statusOf(s)}（第 ${s.version} 版，${instantToLocalDate(s.submittedAt, tz)} 提交${s.dueDate ? `，截止 ${s.dueDate}` : ""}）`
    : "提交状态：未提交";
  cell(ws, `A${row}`, note, { merge: `A${row}:${cols}${row}` });
  ws.getCell(`A${row}`).font = { italic: true, color: { argb: s?.late || !s ? "FFC00000" : "FF595959" } };
}

/** 附件3 月报表 of one school. */
export function addMonthlySheet(wb: ExcelJS.Workbook, name: string, title: string, unitName: string, s: SubmissionRow | undefined, tz: string): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.columns = [{ width: 22 }, { width: 30 }, { width: 10 }, { width: 26 }, { width: 24 }];
  const val = s?.values;
  cell(ws, "A1", title, { merge: "A1:E1", bold: true, align: "center", size: 14 });
  const d = s ? instantToLocalDate(s.submittedAt, tz) : null;
  cell(ws, "A2", `学校：${unitName}`, { merge: "A2:C2" });
  cell(ws, "D2", d ? `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日` : "年  月  日", { merge: "D2:E2", align: "center" });

  cell(ws, "A3", MONTHLY_DEPLOYMENT_SECTION, { merge: "A3:A6", bold: true, align: "center" });
  const [docs, info, activity] = monthlyDeploymentRows;
  cell(ws, "B3", docs.label);
  cell(ws, "C3", text(val, "docName"), { merge: "C3:D3" });
  cell(ws, "E3", `文件编号：${text(val, "docNumber")}\n发文时间：${text(val, "docIssuedOn")}`);
  cell(ws, "B4", info.label);
  cell(ws, "C4", `欺凌防治牵头部门（处室）：${text(val, "leadDepartment")}\n负责人：${text(val, "leadPerson")}　　联系方式：${text(val, "leadContact")}\n校园欺凌防治监督举报电话：${text(val, "reportHotline")}`, { merge: "C4:E4" });
  cell(ws, "B5", activity.label);
  cell(ws, "C5", `活动名称：${text(val, "activityName")}\n参与人数：${text(val, "activityParticipants")}`, { merge: "C5:E5" });
  cell(ws, "B6", "中心小学对辖区村小开展\n监管指导情况");
  cell(ws, "C6", `辖区村小制定“落实方案”数：${text(val, "villagePlanCount")}\n公布学校治理电话数：${text(val, "villagePhoneCount")}`, { merge: "C6:E6" });

  cell(ws, "A7", field("incidentCount").label, { merge: "A7:A8", bold: true });
  cell(ws, "B7", v(val, field("incidentCount")), { merge: "B7:B8", align: "center" });
  cell(ws, "C7", "其中", { merge: "C7:C8", align: "center" });
  cell(ws, "D7", field("reportedCount").label);
  cell(ws, "E7", v(val, field("reportedCount")), { align: "center" });
  cell(ws, "D8", field("criminalCount").label);
  cell(ws, "E8", v(val, field("criminalCount")), { align: "center" });
  const handled = val ? `${text(val, "handledCount")}件。${text(val, "handledSummary")}` : "";
  cell(ws, "A9", field("handledSummary").label, { bold: true });
  cell(ws, "B9", handled, { merge: "B9:E9" });
  cell(ws, "A10", field("handlingMethods").label, { bold: true });
  cell(ws, "B10", text(val, "handlingMethods"), { merge: "B10:E10" });
  box(ws, 3, 10, 5);
  cell(ws, "A11", `填报人：${text(val, "filledBy")}`, { merge: "A11:C11" });
  cell(ws, "D11", `校长：${text(val, "principal")}`, { merge: "D11:E11" });
  footerNote(ws, 13, "E", s, tz);
  for (const r of [3, 4, 5, 6]) ws.getRow(r).height = 48;
  ws.getRow(9).height = 90;
  ws.getRow(10).height = 120;
  return ws;
}

/** 附件2 自查表 of one school. */
export function addSelfCheckSheet(wb: ExcelJS.Workbook, name: string, title: string, unitName: string, s: SubmissionRow | undefined, tz: string): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.columns = [{ width: 14 }, { width: 56 }, { width: 16 }, { width: 16 }];
  const val = s?.values;
  cell(ws, "A1", title, { merge: "A1:D1", bold: true, align: "center", size: 14 });
  cell(ws, "A2", `学校（盖章）：${unitName}`, { merge: "A2:B2" });
  cell(ws, "C2", `主要负责人（签字）：${text(val, "principalName")}`, { merge: "C2:D2" });
  const [, students, teachers, contact, phone] = selfCheckHeaderFields;
  cell(ws, "A3", students.label);
  cell(ws, "B3", v(val, students));
  cell(ws, "C3", teachers.label);
  cell(ws, "D3", v(val, teachers));
  cell(ws, "A4", contact.label);
  cell(ws, "B4", v(val, contact));
  cell(ws, "C4", phone.label);
  cell(ws, "D4", v(val, phone));
  cell(ws, "A5", "项    目", { bold: true, align: "center" });
  cell(ws, "B5", "内    容", { bold: true, align: "center" });
  cell(ws, "C5", "完成情况", { merge: "C5:D5", bold: true, align: "center" });
  let row = 6;
  let groupStart = row;
  let group = "";
  const closeGroup = (end: number) => {
    if (end > groupStart) ws.mergeCells(`A${groupStart}:A${end}`);
  };
  for (const item of selfCheckItems) {
    if (item.type === "text") continue;
    if (item.group !== group) {
      closeGroup(row - 1);
      group = item.group;
      groupStart = row;
      cell(ws, `A${row}`, group, { align: "center" });
    }
    cell(ws, `B${row}`, item.text);
    let answer = "";
    if (item.type === "yes_no") answer = val ? String(valueToCell(item.fields[0], val[item.fields[0].key])) : "有（  ）无（  ）";
    else answer = `（ ${val ? text(val, item.fields[0].key) : " "} ）次 参与（ ${val ? text(val, item.fields[1].key) : " "} ）人`;
    cell(ws, `C${row}`, answer, { merge: `C${row}:D${row}`, align: "center" });
    row++;
  }
  closeGroup(row - 1);
  cell(ws, `A${row}`, "特色工作", { align: "center" });
  cell(ws, `B${row}`, text(val, "specialWork"), { merge: `B${row}:D${row}` });
  ws.getRow(row).height = 80;
  row++;
  cell(ws, `A${row}`, "规划打算", { align: "center" });
  cell(ws, `B${row}`, val && val.planAhead ? text(val, "planAhead") : "（另附页）", { merge: `B${row}:D${row}` });
  ws.getRow(row).height = 100;
  box(ws, 3, row, 4);
  row += 1;
  cell(ws, `A${row}`, SELF_CHECK_NOTE, { merge: `A${row}:D${row}` });
  ws.getRow(row).height = 48;
  footerNote(ws, row + 2, "D", s, tz);
  return ws;
}

export interface ReportsExport {
  workbook: ExcelJS.Workbook;
  units: { key: string; name: string; monthlyReport: string; selfCheck: string }[];
}

export async function buildReportsWorkbook(db: Database, q: { campaignId: string; period: string }): Promise<ReportsExport> {
  const c: CampaignCtx = await loadCampaign(db.prisma, q.campaignId);
  const units = await db.prisma.unit.findMany({ where: { campaignId: q.campaignId, kind: "school" }, orderBy: { key: "asc" } });
  const subs = await listSubmissions(db.prisma, { campaignId: q.campaignId, period: q.period });
  const by = (form: string, unitKey: string) => subs.find((s) => s.form === form && s.unitKey === unitKey);
  const wb = new ExcelJS.Workbook();
  wb.creator = "平安校园助手";
  const summary = wb.addWorksheet(SUMMARY_SHEET);
  summary.columns = SUMMARY_HEADINGS.map((h, i) => ({ header: h, width: i === 0 ? 28 : 18 }));
  summary.getRow(1).font = { bold: true };
  const used = new Set([SUMMARY_SHEET]);
  const out: ReportsExport["units"] = [];
  const monthlyTitle = formTitle(c, "monthlyReport", q.period);
  const selfTitle = formTitle(c, "selfCheck", q.period);
  for (const u of units) {
    const m = by("monthlyReport", u.key);
    const sc = by("selfCheck", u.key);
    summary.addRow([u.name, statusOf(m), statusOf(sc), m?.values.incidentCount ?? "", m?.values.reportedCount ?? "", m?.values.criminalCount ?? "", m?.values.handledCount ?? ""]);
    addMonthlySheet(wb, sheetName(`月报表-${u.name}`, used), monthlyTitle, u.name, m, c.tz);
    addSelfCheckSheet(wb, sheetName(`自查表-${u.name}`, used), selfTitle, u.name, sc, c.tz);
    out.push({ key: u.key, name: u.name, monthlyReport: statusOf(m), selfCheck: statusOf(sc) });
  }
  return { workbook: wb, units: out };
}
