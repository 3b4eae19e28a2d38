/**
 * 月报表 and 自查表 as form cards, laid out in the paper form's order with its exact headings.
 * The same builder renders a fresh form (prefilled), a form that came back with errors (every
 * typed value kept, the error under its field) and an edit of a submitted form.
 */
import { button, card, errorSummary, fieldError, form, hr, input, markdown, notation, select, submitButton, columns, escapeMarkdown, type Card, type Element, type FieldError } from "../kit/index.js";
import type { FieldDef } from "../../src/domains/reports/forms/fields.js";
import { yesNoOptions } from "../../src/domains/reports/forms/fields.js";
import { MONTHLY_DEPLOYMENT_SECTION, monthlyDeploymentRows, monthlyFooterFields, monthlyStatFields } from "../../src/domains/reports/forms/monthly-report.js";
import { SELF_CHECK_NOTE, selfCheckHeaderFields, selfCheckItems } from "../../src/domains/reports/forms/self-check.js";

export interface PeriodicFormView {
  form: "monthlyReport" | "selfCheck";
  title: string;
  unitName: string;
  periodLabel: string;
  /** inclusive last day, or null when the plan sets none */
  due: string | null;
  /** text each field shows: the prefill, the stored value or what was typed */
  values: Record<string, string>;
  /** keys whose value the bot proposed from cases / patrols (marked so the submitter checks them) */
  computedKeys: string[];
  errors?: FieldError[];
  /** set when this unit already submitted for the period */
  submitted?: { version: number; at: string; late: boolean };
  /** the callback value of the submit button */
  submitValue: { action: string; campaignId: string; form: string; unitKey: string; period: string };
}

/** A quarterly report (每季度末) reuses the monthly form; only the words for its period differ. */
const isQuarter = (v: PeriodicFormView) => v.periodLabel.includes("季度");

function fieldInput(f: FieldDef, v: PeriodicFormView): Element[] {
  const value = v.values[f.key] ?? "";
  const computed = v.computedKeys.includes(f.key) ? `（系统按${isQuarter(v) ? "本季度" : "本月"}记录预填，请核对）` : "";
  const hint = f.hint && f.hint !== "其中" ? `（${f.hint}）` : "";
  const label = `${f.hint === "其中" ? "其中：" : ""}${f.label}${hint}${computed}`;
  const out: Element[] = [];
  if (f.kind === "yesNo") {
    out.push(markdown(escapeMarkdown(label)));
    out.push(select({ name: f.key, options: yesNoOptions, value: value || undefined, placeholder: "有 / 无", required: f.required }));
  } else {
    const limit = f.kind === "text" ? f.maxChars : f.kind === "int" ? 7 : 10;
    const placeholder = f.kind === "int" ? "填数字" : f.kind === "date" ? "如 2018-09-01" : f.kind === "text" ? `${f.maxChars} 字以内` : undefined;
    out.push(input({ name: f.key, label, value, maxLength: limit, multiline: f.kind === "text" && f.multiline, rows: 4, placeholder, required: f.required }));
  }
  out.push(...fieldError(v.errors, f.key));
  return out;
}

function monthlyElements(v: PeriodicFormView): Element[] {
  const els: Element[] = [markdown(`**${MONTHLY_DEPLOYMENT_SECTION}**`)];
  for (const row of monthlyDeploymentRows) {
    els.push(markdown(`· ${escapeMarkdown(row.label)}`));
    for (const f of row.fields) els.push(...fieldInput(f, v));
  }
  els.push(hr(), markdown("**本月情况**"));
  for (const f of monthlyStatFields) els.push(...fieldInput(f, v));
  els.push(hr());
  for (const f of monthlyFooterFields) els.push(...fieldInput(f, v));
  return els;
}

function selfCheckElements(v: PeriodicFormView): Element[] {
  const els: Element[] = [];
  for (const f of selfCheckHeaderFields) els.push(...fieldInput(f, v));
  let group = "";
  for (const item of selfCheckItems) {
    if (item.group !== group) {
      group = item.group;
      els.push(hr(), markdown(`**${escapeMarkdown(group)}**`));
    }
    if (item.type === "count_pair") {
      const [times, people] = item.fields;
      els.push(markdown(escapeMarkdown(item.text)));
      els.push(
        columns([
          { elements: [input({ name: times.key, label: "（ ）次", value: v.values[times.key] ?? "", maxLength: 7, placeholder: "次数", required: true })] },
          { elements: [input({ name: people.key, label: "参与（ ）人", value: v.values[people.key] ?? "", maxLength: 7, placeholder: "人数", required: true })] },
        ]),
      );
      els.push(...fieldError(v.errors, times.key), ...fieldError(v.errors, people.key));
    } else {
      for (const f of item.fields) els.push(...fieldInput(f, v));
    }
  }
  els.push(notation(escapeMarkdown(SELF_CHECK_NOTE, 400)));
  return els;
}

export function periodicFormCard(v: PeriodicFormView): Card {
  const status = v.submitted
    ? `已于 ${v.submitted.at} 提交（第 ${v.submitted.version} 版${v.submitted.late ? "，逾期提交" : ""}）${v.due ? `，${v.due} 前可修改后重新提交` : ""}。`
    : v.due
      ? `请于 ${v.due} 前提交；逾期仍可提交，但会标记为逾期。`
      : "请核对后提交。";
  const body = v.form === "monthlyReport" ? monthlyElements(v) : selfCheckElements(v);
  return card({
    title: v.title,
    subtitle: `${v.unitName} · ${v.periodLabel}`,
    template: v.errors?.length ? "red" : "blue",
    summary: `${v.unitName} ${v.periodLabel} ${v.form === "monthlyReport" ? "月报表" : "自查表"}`,
    elements: [
      markdown(`学校：${escapeMarkdown(v.unitName, 100)}　　${isQuarter(v) ? "报表期间" : "报表月份"}：${v.periodLabel}\n${status}`),
      ...errorSummary(v.errors),
      form(`${v.form}_form`, [...body, submitButton({ text: v.submitted ? "保存修改" : "提交", value: v.submitValue })]),
    ],
  });
}

export interface SubmissionReceiptView {
  formName: string;
  title: string;
  unitName: string;
  periodLabel: string;
  version: number;
  at: string;
  late: boolean;
  unchanged: boolean;
  /** label → value lines shown on the receipt (counts only: no free text about students) */
  lines: [string, string][];
  due: string | null;
  /** locked after the deadline */
  editable: boolean;
  editValue: { action: string; campaignId: string; form: string; unitKey: string; period: string };
}

export function submissionReceiptCard(v: SubmissionReceiptView): Card {
  const head = v.unchanged ? "内容与已提交的版本相同，无需重复提交。" : `已提交（第 ${v.version} 版），提交时间 ${v.at}。`;
  const lateLine = v.late ? "\n<font color='orange'>**本表为逾期提交，已记录。**</font>" : "";
  const elements: Element[] = [markdown(`${escapeMarkdown(v.unitName, 100)} · ${v.periodLabel}\n${head}${lateLine}`)];
  if (v.lines.length) elements.push(markdown(v.lines.map(([k, val]) => `- ${escapeMarkdown(k)}：${escapeMarkdown(val, 50)}`).join("\n")));
  if (v.editable) {
    elements.push(notation(v.due ? `截止日 ${v.due} 前可修改。` : "可修改。"));
    elements.push(button({ text: "修改", value: v.editValue }));
  } else elements.push(notation("已过截止日，不能再修改；如需更正请联系区教育局安全科。"));
  return card({ title: `${v.formName}已提交`, subtitle: v.title, template: v.late ? "orange" : "green", elements });
}
