/**
 * 罗庄区中小学生欺凌防治落实年行动（ ）月报表 — seed 001 附件3, every box of the paper form.
 * Headings are copied character for character (including the half-width brackets of
 * “构成刑事案件数(件)”), because the export must look like the paper form the bureau knows.
 */
import type { FieldDef, FieldError, FormValues, ParsedForm, RawFormValue } from "./fields.js";
import { parseFields } from "./fields.js";

export const MONTHLY_REPORT_FORM = "monthlyReport" as const;

/** The default title; `（ ）` is the reporting month on paper. Plans may name their own form title. */
export const MONTHLY_REPORT_TITLE = "罗庄区中小学生欺凌防治落实年行动（ ）月报表";

/** Rows of the paper form's first block, with the boxes each row holds. */
export const MONTHLY_DEPLOYMENT_SECTION = "学校防欺凌工作部署情况";

export const monthlyDeploymentRows: { label: string; fields: FieldDef[] }[] = [
  {
    label: "学校出台文件部署工作情况（名称）",
    fields: [
      { key: "docName", label: "文件名称", kind: "text", maxChars: 100 },
      { key: "docNumber", label: "文件编号", kind: "text", maxChars: 50 },
      { key: "docIssuedOn", label: "发文时间", kind: "date" },
    ],
  },
  {
    label: "设置并公布欺凌防治工作信息情况",
    fields: [
      { key: "leadDepartment", label: "欺凌防治牵头部门（处室）", kind: "text", maxChars: 50 },
      { key: "leadPerson", label: "负责人", kind: "text", maxChars: 20 },
      { key: "leadContact", label: "联系方式", kind: "text", maxChars: 20, phone: true },
      { key: "reportHotline", label: "校园欺凌防治监督举报电话", kind: "text", maxChars: 20, phone: true },
    ],
  },
  {
    label: "已开展专题教育活动情况",
    fields: [
      { key: "activityName", label: "活动名称", kind: "text", maxChars: 200 },
      { key: "activityParticipants", label: "参与人数", kind: "int" },
    ],
  },
  {
    label: "中心小学对辖区村小开展监管指导情况",
    fields: [
      { key: "villagePlanCount", label: "辖区村小制定“落实方案”数", kind: "int", hint: "仅中心小学填写" },
      { key: "villagePhoneCount", label: "公布学校治理电话数", kind: "int", hint: "仅中心小学填写" },
    ],
  },
];

/** The statistics block; the four counts are what the bot prefills from the month's cases. */
export const monthlyStatFields: FieldDef[] = [
  { key: "incidentCount", label: "本月校园欺凌发生事件数（件）", kind: "int", required: true },
  { key: "reportedCount", label: "接收举报发现数（件）", kind: "int", required: true, hint: "其中" },
  { key: "criminalCount", label: "构成刑事案件数(件)", kind: "int", required: true, hint: "其中" },
  { key: "handledCount", label: "本月处理校园欺凌事件数（件）", kind: "int", required: true },
  { key: "handledSummary", label: "本月处理校园欺凌事件数（简要描述）", kind: "text", maxChars: 1000, multiline: true },
  { key: "handlingMethods", label: "主要处理方式、程序和效果（可附案例）", kind: "text", maxChars: 1000, multiline: true },
];

export const monthlyFooterFields: FieldDef[] = [
  { key: "filledBy", label: "填报人", kind: "text", maxChars: 20, required: true },
  { key: "principal", label: "校长", kind: "text", maxChars: 20, required: true },
];

export const monthlyReportFields: FieldDef[] = [...monthlyDeploymentRows.flatMap((r) => r.fields), ...monthlyStatFields, ...monthlyFooterFields];

export interface MonthlyStats {
  incidentCount: number;
  reportedCount: number;
  criminalCount: number;
  handledCount: number;
}

/** Rules between boxes that the paper form implies (“其中” = a part of the total). */
export function monthlyCrossChecks(v: FormValues): FieldError[] {
  const errors: FieldError[] = [];
  const n = (k: string) => (typeof v[k] === "number" ? (v[k] as number) : null);
  const total = n("incidentCount");
  if (total !== null) {
    const reported = n("reportedCount");
    if (reported !== null && reported > total)
      errors.push({ field: "reportedCount", message: `“接收举报发现数”（${reported}）不能大于“本月校园欺凌发生事件数”（${total}）` });
    const criminal = n("criminalCount");
    if (criminal !== null && criminal > total)
      errors.push({ field: "criminalCount", message: `“构成刑事案件数”（${criminal}）不能大于“本月校园欺凌发生事件数”（${total}）` });
  }
  const handled = n("handledCount");
  if (handled !== null && handled > 0 && !v.handledSummary)
    errors.push({ field: "handledSummary", message: "本月处理了事件，请填写“本月处理校园欺凌事件数（简要描述）”" });
  const village = [n("villagePlanCount"), n("villagePhoneCount")];
  if ((village[0] === null) !== (village[1] === null)) {
    const missing = village[0] === null ? "villagePlanCount" : "villagePhoneCount";
    errors.push({ field: missing, message: "中心小学请同时填写“辖区村小制定“落实方案”数”和“公布学校治理电话数”" });
  }
  return errors;
}

export function parseMonthlyReport(raw: RawFormValue): ParsedForm {
  const p = parseFields(monthlyReportFields, raw);
  // Cross-field rules only on fields that parsed, so one typo does not cause two messages.
  const bad = new Set(p.errors.map((e) => e.field));
  for (const e of monthlyCrossChecks(p.values)) if (!bad.has(e.field)) p.errors.push(e);
  return p;
}

export function monthlyStatsOf(v: FormValues): MonthlyStats {
  const n = (k: string) => (typeof v[k] === "number" ? (v[k] as number) : 0);
  return { incidentCount: n("incidentCount"), reportedCount: n("reportedCount"), criminalCount: n("criminalCount"), handledCount: n("handledCount") };
}
