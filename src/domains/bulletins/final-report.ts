/**
 * The campaign's final report draft (专项工作报告, seed 000 wants it by 12月25日) as DOCX: the
 * campaign's figures, a table per month and per unit, and the 回头看清单 (附件3) of every
 * school with cases, ready for the bureau to edit, sign and stamp. The body is counts and
 * unit names; only the 回头看清单 carries case texts, as the notice's form asks — it comes
 * from the incidents export, which audits every read.
 */
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import type { Database } from "../../core/db/client.js";
import { instantToLocalDate } from "../../core/calendar.js";
import { exportCases, EXPORT_COLUMNS } from "../incidents/export.js";
import { pct } from "../../../cards/bulletins/format.js";
import { planRange } from "../campaigns/recurrence.js";
import { loadCampaignInfo, summaryFor } from "./service.js";
import { shiftMonth } from "./owed.js";
import { dateLabel, monthWindow } from "./window.js";
import type { Figures, Summary } from "./types.js";

export interface FinalReportData {
  title: string;
  summary: Summary;
  months: Summary[];
  retrospective: { unit: string; rows: Record<(typeof EXPORT_COLUMNS)[number], string | number>[] }[];
  retrospectiveFrom: string;
}

const FONT = "FangSong";

function p(text: string, opts: { bold?: boolean; center?: boolean; heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel]; size?: number } = {}): Paragraph {
  return new Paragraph({
    ...(opts.heading ? { heading: opts.heading } : {}),
    ...(opts.center ? { alignment: AlignmentType.CENTER } : {}),
    spacing: { after: 120 },
    children: [new TextRun({ text, bold: opts.bold, font: FONT, size: opts.size ?? 28 })],
  });
}

const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };

function grid(header: string[], rows: (string | number)[][]): Table {
  const cell = (v: string | number, bold = false) =>
    new TableCell({
      borders: { top: border, bottom: border, left: border, right: border },
      children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: String(v), bold, font: FONT, size: 21 })] })],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((v) => cell(v)) }))],
  });
}

function figureParagraphs(t: Figures): Paragraph[] {
  const c = t.cases;
  return [
    p(`（一）欺凌事件。专项行动期间共受理学生欺凌事件 ${c.opened} 件，其中情节轻微 ${c.bySeverity.minor} 件、情节较重 ${c.bySeverity.serious} 件、涉嫌违法犯罪 ${c.bySeverity.criminal} 件，重特大事件 ${c.major} 件；已办结 ${c.closed} 件，在办 ${c.open} 件，逾期未办结或未报告 ${c.overdue} 件。`),
    p(`按欺凌方式：肢体 ${c.byKind.physical} 件、言语 ${c.byKind.verbal} 件、网络 ${c.byKind.cyber} 件、财物 ${c.byKind.property} 件、排斥孤立 ${c.byKind.exclusion} 件；按发生地点：校园内 ${c.byPlace.inSchool} 件、校园外 ${c.byPlace.offCampus} 件。`),
    p(`（二）日常巡查。应巡查 ${t.patrols.planned} 次，已完成 ${t.patrols.done} 次，完成率 ${pct(t.patrols.rate)}。`),
    p(`（三）问题隐患排查整改。共发现问题隐患 ${t.findings.raised} 项，已整改 ${t.findings.closed} 项，尚未整改 ${t.findings.open} 项。`),
    p(`（四）报表报送。应报送 ${t.reports.owed} 份，按时报送 ${t.reports.onTime} 份，迟报 ${t.reports.late} 份，未报送 ${t.reports.missing} 份。`),
  ];
}

export async function finalReportData(db: Database, campaignId: string, opts: { now: Date; actor: string }): Promise<FinalReportData> {
  const campaign = await loadCampaignInfo(db.prisma, campaignId);
  const plan = campaign.plan;
  const tz = plan.timezone;
  const today = instantToLocalDate(opts.now, tz);
  const range = planRange(plan) ?? { start: today, end: today };
  const lastDay = range.end < today ? range.end : today;
  const window = { key: "campaign", label: "专项行动期间", firstDay: range.start, lastDay: lastDay < range.start ? range.start : lastDay };
  const summary = await summaryFor(db.prisma, campaign, window, opts.now, { compare: false });
  const months: Summary[] = [];
  for (let m = window.firstDay.slice(0, 7); m <= window.lastDay.slice(0, 7); m = shiftMonth(m, 1)) {
    months.push(await summaryFor(db.prisma, campaign, monthWindow(m), opts.now, { compare: false }));
  }
  // The 回头看清单 reaches back as far as the plan's form says (“2019年以来”), else the campaign's start.
  const formTitle = plan.forms.find((f) => f.key === "retrospective-list")?.title ?? "";
  const since = /(\d{4})年以来/.exec(formTitle);
  const retrospectiveFrom = since ? `${since[1]}-01-01` : window.firstDay;
  const retrospective: FinalReportData["retrospective"] = [];
  for (const u of summary.units) {
    const any = await db.prisma.incidentCase.count({ where: { campaignId, unitKey: u.unitKey } });
    if (!any) continue;
    const d = await exportCases(db, { campaignId, unitKey: u.unitKey, from: retrospectiveFrom, to: window.lastDay, actor: opts.actor, now: opts.now });
    if (d.rows.length) retrospective.push({ unit: u.unit, rows: d.rows });
  }
  return { title: `${plan.issuer ?? ""}${campaign.title}专项工作报告`, summary, months, retrospective, retrospectiveFrom };
}

export function renderFinalReport(d: FinalReportData, plan: { phases: { name: string; start: string | null; end: string | null }[] }): Document {
  const s = d.summary;
  const schools = s.units.filter((u) => u.kind === "school").length;
  const body: (Paragraph | Table)[] = [
    p(`${d.title}（草稿）`, { bold: true, center: true, size: 36 }),
    p(`（本草稿由平安校园助手根据系统记录生成，数字统计至${dateLabel(s.window.lastDay)}。请核对、补充文字后加盖公章报送。）`, { center: true, size: 21 }),
    p("一、工作开展情况", { bold: true, heading: HeadingLevel.HEADING_1 }),
    p(`专项行动自${dateLabel(s.window.firstDay)}开始，纳入统计的单位 ${s.units.length} 个，其中学校 ${schools} 所。`),
    ...plan.phases.map((ph) => p(`${ph.name}：${ph.start ? dateLabel(ph.start) : "—"}至${ph.end ? dateLabel(ph.end) : "—"}。【请补充本阶段主要做法】`)),
    p("二、主要数据", { bold: true, heading: HeadingLevel.HEADING_1 }),
    ...figureParagraphs(s.totals),
    p("表1 各月情况", { bold: true, center: true }),
    grid(
      ["月份", "新增事件", "办结", "巡查 完成/应巡", "完成率", "发现隐患", "整改", "未报单位"],
      d.months.map((m) => [m.window.label, m.totals.cases.opened, m.totals.cases.closed, `${m.totals.patrols.done}/${m.totals.patrols.planned}`, pct(m.totals.patrols.rate), m.totals.findings.raised, m.totals.findings.closed, m.missing.length]),
    ),
    p("表2 各单位情况", { bold: true, center: true }),
    grid(
      ["单位", "事件", "办结", "逾期", "巡查 完成/应巡", "完成率", "隐患 整改/发现", "报表 按时/迟报/未报"],
      s.units.map((u) => [u.unit, u.cases.opened, u.cases.closed, u.cases.overdue, `${u.patrols.done}/${u.patrols.planned}`, pct(u.patrols.rate), `${u.findings.closed}/${u.findings.raised}`, `${u.reports.onTime}/${u.reports.late}/${u.reports.missing}`]),
    ),
    ...(s.missing.length ? [p(`截至统计日仍有未报送事项的单位：${s.missing.map((m) => `${m.unit}（${m.items.join("、")}）`).join("；")}。`)] : []),
    p("三、存在的问题", { bold: true, heading: HeadingLevel.HEADING_1 }),
    p("【请填写】"),
    p("四、下一步工作打算", { bold: true, heading: HeadingLevel.HEADING_1 }),
    p("【请填写】"),
    p(`附件：${d.retrospectiveFrom.slice(0, 4)}年以来发生过的学生欺凌事件“回头看”清单`, { bold: true }),
  ];
  if (!d.retrospective.length) body.push(p("（系统中没有记录的学生欺凌事件。系统启用前发生的事件请人工补充。）"));
  for (const r of d.retrospective) {
    body.push(p(`单位（公章）：${r.unit}　　　责任领导签字：　　　　　　　年　　月　　日`));
    body.push(grid([...EXPORT_COLUMNS], r.rows.map((row) => EXPORT_COLUMNS.map((c) => row[c]))));
  }
  body.push(p(""), p("单位（公章）：　　　　　　　　　　　　　", { size: 28 }), p("年　　月　　日", { size: 28 }));
  return new Document({
    creator: "平安校园助手",
    title: d.title,
    sections: [{ properties: { page: { size: { orientation: PageOrientation.PORTRAIT } } }, children: body }],
  });
}

export async function buildFinalReport(db: Database, campaignId: string, opts: { now: Date; actor: string }): Promise<{ buffer: Buffer; data: FinalReportData }> {
  const data = await finalReportData(db, campaignId, opts);
  const campaign = await loadCampaignInfo(db.prisma, campaignId);
  const buffer = await Packer.toBuffer(renderFinalReport(data, campaign.plan));
  return { buffer, data };
}
