/**
 * The incident report form (上报欺凌事件). Pure: view model → card JSON 2.0. The same builder
 * renders the empty form, a prefilled one (from a patrol's 苗头 finding) and the form that came
 * back with errors — always with what was typed, cut to each field's limit so a 30,000-character
 * paste still fits the 30 KB card.
 */
import {
  card,
  checker,
  dateTimePicker,
  errorSummary,
  fieldError,
  form,
  input,
  markdown,
  multiSelect,
  notation,
  select,
  submitButton,
  type Card,
  type Element,
  type FieldError,
  type Option,
} from "../kit/index.js";
import { escapeMarkdown, truncate } from "../kit/text.js";
import type { IntakeDraft } from "../../src/domains/incidents/schema.js";

export const INCIDENT_SUBMIT = "incident_submit";

/** What the person typed, as the intake schema reads it back (so a refused form keeps every field). */
export type ReportFormDraft = IntakeDraft;

export interface ReportFormModel {
  /** Random per form: the same form submitted twice is one case. */
  formId: string;
  campaignId: string;
  campaignTitle: string;
  /** Schools the reporter may report for; asked only when there are several. */
  units: Option[];
  draft: ReportFormDraft;
  errors?: FieldError[];
  /** A patrol finding the report comes from: the new case is linked back to it. */
  findingId?: string;
  /** Where a prefill came from, e.g. 巡查发现的苗头性问题 (shown escaped). */
  origin?: string;
  options: {
    locations: Option[];
    kinds: Option[];
    severities: Option[];
    major: Option[];
    sources: Option[];
  };
  limits: { place: number; grades: number; summary: number; privateNote: number; measures: number };
}

// Only known option values may be shown as selected; a forged value would otherwise be echoed.
const pick = (v: string | undefined, opts: Option[]) => (v && opts.some((o) => o.value === v) ? v : undefined);
const pickAll = (v: string[] | undefined, opts: Option[]) => (v ?? []).filter((x) => opts.some((o) => o.value === x));
const cut = (v: string | undefined, max: number) => (v === undefined ? undefined : truncate(v, max));

function field(label: string, el: Element, errors: FieldError[] | undefined, name: string): Element[] {
  return [markdown(`**${label}**`), el, ...fieldError(errors, name)];
}

export function reportFormCard(m: ReportFormModel): Card {
  const d = m.draft;
  const e = m.errors;
  const o = m.options;
  const elements: Element[] = [];
  if (m.units.length > 1) {
    elements.push(...field("学校", select({ name: "unit", required: true, placeholder: "请选择学校", options: m.units, value: pick(d.unit, m.units) }), e, "unit"));
  }
  elements.push(
    ...field("发生时间", dateTimePicker({ name: "occurred_at", required: true, value: d.occurredAt && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(d.occurredAt) ? d.occurredAt : undefined }), e, "occurred_at"),
    ...field("发生地点", select({ name: "location", required: true, placeholder: "校园内 / 校园外", options: o.locations, value: pick(d.location, o.locations) }), e, "location"),
    ...field("具体地点", input({ name: "place", required: true, placeholder: "如：教学楼三楼卫生间、校门外公交站", maxLength: m.limits.place, value: cut(d.place, m.limits.place) }), e, "place"),
    ...field("欺凌方式（可多选）", multiSelect({ name: "kinds", required: true, placeholder: "肢体 / 言语 / 网络 / 财物 / 排斥孤立", options: o.kinds, value: pickAll(d.kinds, o.kinds) }), e, "kinds"),
    ...field("情节", select({ name: "severity", required: true, placeholder: "情节轻微 / 情节较重 / 涉嫌违法犯罪", options: o.severities, value: pick(d.severity, o.severities) }), e, "severity"),
    ...field("重特大情形（如有，可多选）", multiSelect({ name: "major", placeholder: "伤亡 / 持械 / 网络恶意传播 / 群体性", options: o.major, value: pickAll(d.major, o.major) }), e, "major"),
    ...field("发现途径", select({ name: "source", required: true, placeholder: "如何发现", options: o.sources, value: pick(d.source, o.sources) }), e, "source"),
    ...field("受欺凌学生人数", input({ name: "victim_count", required: true, placeholder: "人数，如 1", maxLength: 3, value: cut(d.victims, 3) }), e, "victim_count"),
    ...field("实施欺凌学生人数", input({ name: "actor_count", required: true, placeholder: "人数，如 2", maxLength: 3, value: cut(d.actors, 3) }), e, "actor_count"),
    ...field("涉及年级", input({ name: "grades", required: true, placeholder: "如：七年级、八年级（不填姓名）", maxLength: m.limits.grades, value: cut(d.grades, m.limits.grades) }), e, "grades"),
    ...field(
      "事件概述",
      input({ name: "summary", required: true, multiline: true, rows: 4, placeholder: "经过、后果（请勿填写学生姓名）", maxLength: m.limits.summary, value: cut(d.summary, m.limits.summary) }),
      e,
      "summary",
    ),
    ...field("已采取的措施", input({ name: "measures", multiline: true, rows: 3, placeholder: "如：已送校医室、已通知家长", maxLength: m.limits.measures, value: cut(d.measures, m.limits.measures) }), e, "measures"),
    ...field(
      "专班备注（仅案件工作专班可见）",
      input({ name: "private_note", multiline: true, rows: 2, placeholder: "需要专班知道、但不宜在群里出现的信息", maxLength: m.limits.privateNote, value: cut(d.privateNote, m.limits.privateNote) }),
      e,
      "private_note",
    ),
    checker({ name: "public_attention", text: "舆论高度关注 / 社会影响广泛（需报上级）", checked: !!d.publicAttention }),
    ...fieldError(e, "public_attention"),
    submitButton({ text: "提交上报", value: { action: INCIDENT_SUBMIT, formId: m.formId, campaignId: m.campaignId, ...(m.findingId ? { findingId: m.findingId } : {}) } }),
  );
  return card({
    title: "上报学生欺凌事件",
    subtitle: m.campaignTitle,
    template: "orange",
    summary: "上报学生欺凌事件",
    elements: [
      ...errorSummary(e),
      ...(m.origin ? [notation(escapeMarkdown(m.origin, 200))] : []),
      notation("学生只填人数和年级，**请勿填写姓名**。提交后生成案件编号，按情节推送给校长、治理委员会及区教育局。"),
      form("incident_form", elements),
    ],
  });
}
