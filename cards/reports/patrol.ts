/**
 * Patrol and hazard-screening cards: the prompt with the patrol form, the receipt, the nudge to
 * the patroller, the escalation to the school admin, a finding's follow-up card and the roster
 * card a school admin fills in. Cards go to one person (p2p); what was seen may concern
 * children, so the form asks for no names and nothing here is meant for a group chat.
 */
import { button, buttonRow, card, checker, columns, datePicker, dateTimePicker, errorSummary, escapeMarkdown, fieldError, form, input, markdown, multiSelect, notation, select, submitButton, userText, type Card, type Element, type FieldError, type Option } from "../kit/index.js";

export interface PatrolFormView {
  kind: "patrol" | "screening";
  patrolId: string;
  unitName: string;
  /** 2018年10月8日 放学后（16:30–17:30） */
  when: string;
  areaOptions: Option[];
  /** text each field shows: defaults, stored values or what was typed */
  values: { areas: string[]; start: string; end: string; result: string; seen: string; actionTaken: string; followUpNeeded: boolean; followUpDue: string };
  errors?: FieldError[];
  late?: boolean;
}

const resultOptions: Option[] = [
  { value: "none", text: "无异常" },
  { value: "hazard", text: "发现隐患" },
  { value: "earlySign", text: "发现苗头性问题" },
];

export function patrolFormCard(v: PatrolFormView): Card {
  const what = v.kind === "patrol" ? "巡查" : "隐患排查";
  const areaLabel = v.kind === "patrol" ? "巡查区域（可多选）" : "排查范围（可多选）";
  const els: Element[] = [
    markdown(`**${escapeMarkdown(v.unitName, 100)}** · ${escapeMarkdown(v.when, 100)}\n请${what}后填写记录。${v.late ? "\n<font color='orange'>已过填报时间，现在填写会标记为补报。</font>" : ""}`),
    notation("涉及学生请用“某同学”“七年级男生”等代称，不要填写姓名。"),
    ...errorSummary(v.errors),
    form("patrol_form", [
      markdown(areaLabel),
      multiSelect({ name: "areas", options: v.areaOptions, value: v.values.areas, placeholder: areaLabel, required: true }),
      ...fieldError(v.errors, "areas"),
      columns([
        { elements: [markdown("开始时间"), dateTimePicker({ name: "start", value: v.values.start, placeholder: "开始时间", required: true })] },
        { elements: [markdown("结束时间"), dateTimePicker({ name: "end", value: v.values.end, placeholder: "结束时间", required: true })] },
      ]),
      ...fieldError(v.errors, "start"),
      ...fieldError(v.errors, "end"),
      markdown(`${what}结果`),
      select({ name: "result", options: resultOptions, value: v.values.result || undefined, placeholder: "无异常 / 发现隐患 / 发现苗头性问题", required: true }),
      ...fieldError(v.errors, "result"),
      input({ name: "seen", label: "发现情况", value: v.values.seen, multiline: true, rows: 3, maxLength: 500, placeholder: "无异常可不填" }),
      ...fieldError(v.errors, "seen"),
      input({ name: "actionTaken", label: "处置措施", value: v.values.actionTaken, multiline: true, rows: 2, maxLength: 500, placeholder: "当场采取的措施" }),
      ...fieldError(v.errors, "actionTaken"),
      checker({ name: "followUpNeeded", text: "需要后续跟进（整改）", checked: v.values.followUpNeeded }),
      ...fieldError(v.errors, "followUpNeeded"),
      markdown("整改期限（发现隐患或苗头时，默认 3 天内）"),
      datePicker({ name: "followUpDue", value: v.values.followUpDue, placeholder: "整改期限" }),
      ...fieldError(v.errors, "followUpDue"),
      submitButton({ text: "提交记录", value: { action: "patrol_submit", patrolId: v.patrolId } }),
    ]),
  ];
  return card({ title: `${what}提醒`, subtitle: v.when, template: v.errors?.length ? "red" : v.late ? "orange" : "blue", summary: `${what}：${v.when}`, elements: els });
}

export interface PatrolReceiptView {
  kind: "patrol" | "screening";
  patrolId: string;
  unitName: string;
  when: string;
  areas: string[];
  result: string;
  late: boolean;
  unchanged: boolean;
  finding?: { id: string; kind: string; dueDate: string; ownerName: string; incidentOffered: boolean };
}

export function patrolReceiptCard(v: PatrolReceiptView): Card {
  const what = v.kind === "patrol" ? "巡查" : "隐患排查";
  const lines = [
    `**${escapeMarkdown(v.unitName, 100)}** · ${escapeMarkdown(v.when, 100)}`,
    v.unchanged ? "记录与已提交的相同，无需重复提交。" : `${what}记录已提交${v.late ? "（补报）" : ""}。`,
    `区域：${escapeMarkdown(v.areas.join("、"), 300)}`,
    `结果：${escapeMarkdown(v.result, 20)}`,
  ];
  const els: Element[] = [markdown(lines.join("\n"))];
  if (v.finding) {
    els.push(markdown(`已生成跟进事项，负责人：${escapeMarkdown(v.finding.ownerName, 40)}，整改期限：${v.finding.dueDate}。`));
    if (v.finding.incidentOffered)
      els.push(buttonRow([button({ text: "上报为欺凌事件", type: "primary", value: { action: "finding_to_incident", findingId: v.finding.id } })]));
  }
  els.push(buttonRow([button({ text: "修改记录", value: { action: "patrol_open", patrolId: v.patrolId } })]));
  return card({ title: `${what}记录已提交`, subtitle: v.when, template: v.late ? "orange" : "green", elements: els });
}

export function patrolNudgeCard(v: { kind: "patrol" | "screening"; patrolId: string; unitName: string; when: string }): Card {
  const what = v.kind === "patrol" ? "巡查" : "隐患排查";
  return card({
    title: `${what}记录未填报`,
    subtitle: v.when,
    template: "orange",
    elements: [
      markdown(`${escapeMarkdown(v.unitName, 100)} · ${escapeMarkdown(v.when, 100)} 的${what}记录还没有填报。\n如已${what}，请补填；如未能${what}，请告知学校管理员。`),
      buttonRow([button({ text: `填写${what}记录`, type: "primary", value: { action: "patrol_open", patrolId: v.patrolId } })]),
    ],
  });
}

export function patrolEscalationCard(v: { kind: "patrol" | "screening"; unitName: string; when: string; patrollerName: string; missedThisMonth: number }): Card {
  const what = v.kind === "patrol" ? "巡查" : "隐患排查";
  return card({
    title: `${what}未完成`,
    subtitle: v.when,
    template: "red",
    elements: [
      markdown(`${escapeMarkdown(v.unitName, 100)}：${escapeMarkdown(v.patrollerName, 40)} 负责的 ${escapeMarkdown(v.when, 100)} ${what}，提醒后仍未填报，已记为未完成。`),
      notation(`本月该校已有 ${v.missedThisMonth} 次${what}未完成。可发送“巡查排班”调整排班。`),
    ],
  });
}

export interface FindingView {
  findingId: string;
  unitName: string;
  kindName: string;
  when: string;
  description: string;
  actionTaken: string | null;
  dueDate: string;
  status: "open" | "closed";
  closeNote?: string | null;
  incidentOffered: boolean;
  errors?: FieldError[];
  typedNote?: string;
}

export function findingCard(v: FindingView): Card {
  const els: Element[] = [
    markdown(`**${escapeMarkdown(v.unitName, 100)}** · ${escapeMarkdown(v.kindName, 20)} · 来自 ${escapeMarkdown(v.when, 100)}\n整改期限：${v.dueDate}`),
    markdown("发现情况："),
    userText(v.description, 500),
  ];
  if (v.actionTaken) els.push(markdown("已采取措施："), userText(v.actionTaken, 500));
  if (v.status === "closed") {
    els.push(markdown("<font color='green'>**已整改完毕，跟进事项已关闭。**</font>"));
    if (v.closeNote) els.push(userText(v.closeNote, 500));
    return card({ title: "跟进事项已关闭", template: "green", elements: els });
  }
  els.push(
    ...errorSummary(v.errors),
    form("finding_form", [
      input({ name: "note", label: "整改情况", value: v.typedNote ?? "", multiline: true, rows: 3, maxLength: 500, placeholder: "整改了什么、结果如何" }),
      ...fieldError(v.errors, "note"),
      submitButton({ text: "已整改，关闭事项", value: { action: "finding_close", findingId: v.findingId } }),
    ]),
  );
  if (v.incidentOffered) els.push(buttonRow([button({ text: "上报为欺凌事件", type: "primary", value: { action: "finding_to_incident", findingId: v.findingId } })]));
  return card({ title: `待跟进：${v.kindName}`, template: "orange", elements: els });
}

export interface RosterCardView {
  campaignId: string;
  unitKey: string;
  unitName: string;
  slots: { key: string; name: string; start: string; end: string; patrollerOpenId: string; areas: string[]; weekdays: string[] }[];
  people: Option[];
  areaOptions: Option[];
  /** the slots this card sets (its save touches only these) */
  slotKeys: readonly string[];
  /** people left out of the lists (card size limit) */
  truncatedPeople?: number;
  errors?: FieldError[];
  saved?: boolean;
}

const weekdayOptions: Option[] = ["一", "二", "三", "四", "五", "六", "日"].map((d, i) => ({ value: String(i + 1), text: `周${d}` }));

export function rosterCard(v: RosterCardView): Card {
  const els: Element[] = [
    markdown(`**${escapeMarkdown(v.unitName, 100)}** 巡查排班\n每个时段选择巡查人和巡查区域；不需要的时段把巡查人留空。巡查人会在每次巡查前 15 分钟收到提醒。`),
  ];
  if (v.saved) els.push(markdown("<font color='green'>排班已保存。</font>"));
  if (v.truncatedPeople) els.push(notation(`本校人员较多，名单只列出前 ${v.people.length} 人（另有 ${v.truncatedPeople} 人未列出）。`));
  els.push(...errorSummary(v.errors));
  const fields: Element[] = [];
  for (const s of v.slots) {
    fields.push(markdown(`**${escapeMarkdown(s.name)}**`));
    fields.push(select({ name: `${s.key}_who`, options: v.people, value: s.patrollerOpenId || undefined, placeholder: "巡查人（留空＝不排班）" }));
    fields.push(...fieldError(v.errors, `${s.key}_who`));
    fields.push(multiSelect({ name: `${s.key}_areas`, options: v.areaOptions, value: s.areas, placeholder: "巡查区域" }));
    fields.push(...fieldError(v.errors, `${s.key}_areas`));
    fields.push(multiSelect({ name: `${s.key}_days`, options: weekdayOptions, value: s.weekdays, placeholder: "巡查日（默认周一至周五）" }));
    fields.push(
      columns([
        { elements: [input({ name: `${s.key}_start`, label: "开始", value: s.start, maxLength: 5, placeholder: "HH:MM" })] },
        { elements: [input({ name: `${s.key}_end`, label: "结束", value: s.end, maxLength: 5, placeholder: "HH:MM" })] },
      ]),
    );
    fields.push(...fieldError(v.errors, `${s.key}_start`), ...fieldError(v.errors, `${s.key}_end`));
  }
  fields.push(submitButton({ text: "保存排班", value: { action: "roster_save", campaignId: v.campaignId, unitKey: v.unitKey, slots: [...v.slotKeys] } }));
  els.push(form("roster_form", fields));
  return card({ title: "巡查排班", subtitle: v.unitName, template: v.errors?.length ? "red" : "blue", elements: els });
}
