/**
 * 罗庄区中小学生欺凌防治落实年行动自查表 — seed 001 附件2, every item: 13 有/无 items, three
 * “（ ）次 参与（ ）人” items, 特色工作 (≤500字) and 规划打算 (另附页, ≤800字). Item texts are
 * copied as printed, including the source's typo 菅造 (for 营造): the export must match the paper.
 */
import type { FieldDef, FieldError, FormValues, ParsedForm, RawFormValue } from "./fields.js";
import { parseFields } from "./fields.js";

export const SELF_CHECK_FORM = "selfCheck" as const;
export const SELF_CHECK_TITLE = "罗庄区中小学生欺凌防治落实年行动自查表";

export const selfCheckHeaderFields: FieldDef[] = [
  { key: "principalName", label: "主要负责人（签字）", kind: "text", maxChars: 20, required: true },
  { key: "studentCount", label: "学生数（人）", kind: "int", required: true },
  { key: "teacherCount", label: "教师数（人）", kind: "int", required: true },
  { key: "contactPerson", label: "联 络 人", kind: "text", maxChars: 20, required: true },
  { key: "contactPhone", label: "联系电话", kind: "text", maxChars: 20, required: true, phone: true },
];

export interface SelfCheckItem {
  group: string;
  text: string;
  fields: FieldDef[];
  type: "yes_no" | "count_pair" | "text";
}

const yn = (group: string, key: string, text: string): SelfCheckItem => ({
  group,
  text,
  type: "yes_no",
  fields: [{ key, label: text, kind: "yesNo", required: true }],
});
const pair = (group: string, key: string, text: string): SelfCheckItem => ({
  group,
  text,
  type: "count_pair",
  fields: [
    { key: `${key}Times`, label: `${text}（次）`, kind: "int", required: true },
    { key: `${key}People`, label: `${text}（参与人数）`, kind: "int", required: true },
  ],
});

/** In the paper form's order: 项目 (group) | 内容 (text) | 完成情况. */
export const selfCheckItems: SelfCheckItem[] = [
  yn("组织建构", "leadingGroup", "学生欺凌综合治理工作领导小组"),
  yn("规章制度", "annualPlan", "将防治“校园欺凌”教育纳入学校年度工作计划。"),
  yn("规章制度", "staffDuties", "制定并落实教职工防治学生欺凌岗位职责"),
  yn("规章制度", "emergencyPlan", "防范学生欺凌事件应急处置预案"),
  yn("规章制度", "handlingProcess", "制定并明确学生欺凌的早期预警和事中处理及事后干预的具体流程"),
  yn("规章制度", "disciplineRules", "校规校纪对实施欺凌学生的处罚规定"),
  yn("规章制度", "legalAdvisor", "有效依托“法律顾问”开展依法治校"),
  yn("日常监管", "supervisionPhone", "公布学生救助或校园欺凌治理监督电话并明确责任人"),
  yn("日常监管", "inspectorSupervision", "责任督学对责任区内学校的专项治理、全程监督管理情况"),
  yn("日常监管", "hazardScreening", "定期开展涉校涉生矛盾纠纷隐患排查，加强校园欺凌易发场所的检查、巡查"),
  yn("日常监管", "counseling", "发挥学校心理咨询室作用，积极开展心理咨询和疏导工作。"),
  yn("日常监管", "specialStudentFiles", "做好特殊学生“一人一档”跟踪教育"),
  yn("宣传载体", "publicity", "依托板报、橱窗、广播、校园网、公众微信平台等菅造防范校园欺凌良好氛围"),
  pair("专题教育", "teacherTraining", "开展教师校园欺凌专题培训"),
  pair("专题教育", "studentEducation", "开展学生校园欺凌主题教育"),
  pair("专题教育", "parentLectures", "开展学生家长校园欺凌主题讲座教育"),
  { group: "特色工作", text: "", type: "text", fields: [{ key: "specialWork", label: "特色工作", kind: "text", maxChars: 500, multiline: true, hint: "如有特色工作，请简要描述（500字以内）" }] },
  { group: "规划打算", text: "（另附页）", type: "text", fields: [{ key: "planAhead", label: "规划打算", kind: "text", maxChars: 800, multiline: true, hint: "“校园欺凌规划打算”字数800字以内" }] },
];

export const SELF_CHECK_NOTE =
  "注：请根据“校园欺凌”工作开展情况，在相应栏目内打“√”或填入数字，如有特色工作，请简要描述（500字以内）。“校园欺凌规划打算”请另附页，字数800字以内。此表请于每月25日前与附件3“月报表”一同交区教体局安全科。";

export const selfCheckFields: FieldDef[] = [...selfCheckHeaderFields, ...selfCheckItems.flatMap((i) => i.fields)];

/** Counts must be consistent: no participants without a session, and no more than everyone each time. */
export function selfCheckCrossChecks(v: FormValues): FieldError[] {
  const errors: FieldError[] = [];
  const n = (k: string) => (typeof v[k] === "number" ? (v[k] as number) : null);
  const pairs: [string, string, string | null, string][] = [
    ["teacherTraining", "开展教师校园欺凌专题培训", "teacherCount", "教师数"],
    ["studentEducation", "开展学生校园欺凌主题教育", "studentCount", "学生数"],
    ["parentLectures", "开展学生家长校园欺凌主题讲座教育", null, ""],
  ];
  for (const [k, text, capKey, capName] of pairs) {
    const times = n(`${k}Times`);
    const people = n(`${k}People`);
    if (times === null || people === null) continue;
    if (times === 0 && people > 0) errors.push({ field: `${k}People`, message: `“${text}”为 0 次时，参与人数应为 0` });
    if (times > 0 && people === 0) errors.push({ field: `${k}People`, message: `“${text}”开展了 ${times} 次，请填写参与人数` });
    const cap = capKey ? n(capKey) : null;
    // “参与（ ）人” may be counted per session, so the bound is sessions × head count.
    if (cap !== null && times > 0 && people > times * cap)
      errors.push({ field: `${k}People`, message: `“${text}”参与人数（${people}）超过 ${times} 次 × ${capName}（${cap}）` });
  }
  return errors;
}

export function parseSelfCheck(raw: RawFormValue): ParsedForm {
  const p = parseFields(selfCheckFields, raw);
  const bad = new Set(p.errors.map((e) => e.field));
  for (const e of selfCheckCrossChecks(p.values)) if (!bad.has(e.field)) p.errors.push(e);
  return p;
}
