/**
 * Case cards: the one card per case that every copy (reporter's chat, principal, bureau, the
 * task-force chat) shows in its own view, the closing form, the assembled 情况报告 and the
 * numbers-only list for chats outside a case. Pure: view model → card JSON 2.0.
 *
 * Views: `detail` (school admins, task force, safety office: place, summary, steps with who and
 * when, buttons), `taskforce` (the same in the case's group chat, never the private note),
 * `reporter` (status and progress of one's own report), `brief` (case number, school, severity,
 * counts: for people and chats outside the case). User text only ever appears as plain_text.
 */
import {
  button,
  buttonRow,
  card,
  columns,
  errorSummary,
  escapeMarkdown,
  fieldError,
  form,
  hr,
  input,
  markdown,
  multiSelect,
  notation,
  submitButton,
  table,
  userText,
  type Card,
  type Element,
  type FieldError,
  type HeaderTemplate,
  type Option,
} from "../kit/index.js";
import { truncate } from "../kit/text.js";

export const A = {
  step: "incident_step",
  view: "incident_view",
  taskforce: "incident_taskforce",
  closeForm: "incident_close_form",
  close: "incident_close",
  report: "incident_report_submit",
  openForm: "incident_open_form",
} as const;

export type CaseView = "reporter" | "detail" | "brief" | "taskforce";

export interface CaseStepModel {
  key: string;
  title: string;
  status: "done" | "skipped" | "open" | "locked";
  skippable: boolean;
  who?: string;
  at?: string;
  waitingFor: string[];
}

export interface CaseCardModel {
  view: CaseView;
  caseId: string;
  caseNo: string;
  unitName: string;
  status: "open" | "closed" | "reported";
  statusTitle: string;
  flowTitle: string;
  urgent: boolean;
  severityKey: string;
  severity: string;
  majors: string[];
  kinds: string[];
  location: string;
  source: string;
  occurredAt: string;
  openedAt: string;
  investigationDue: string;
  investigatedAt?: string;
  closedAt?: string;
  reportDue?: string;
  reportSubmittedAt?: string;
  victims: number;
  actors: number;
  publicAttention: boolean;
  checklist?: string[];
  /** Present only for people who may see details. */
  details?: {
    place: string;
    grades: string;
    summary: string;
    measures?: string | null;
    /** Present only for the task force, and never in a group chat. */
    privateNote?: string | null;
    closing?: { result: string; cause: string; nextSteps: string };
  };
  steps: CaseStepModel[];
  progress: { done: number; total: number };
  taskForce: { chat: boolean; members: number; candidates?: Option[]; creating?: boolean };
  controls: { act: boolean; lead: boolean };
  /** A line about what just happened (trusted text), e.g. 已记录：… */
  notice?: string;
}

const ICON = { done: "✅", skipped: "➖", open: "⬜", locked: "🔒" } as const;

function template(m: CaseCardModel): HeaderTemplate {
  if (m.status === "reported") return "green";
  if (m.urgent) return "red";
  if (m.severityKey === "serious" || m.publicAttention) return "orange";
  return "blue";
}

const md = escapeMarkdown;

function factsMarkdown(m: CaseCardModel): string {
  const lines = [
    `**案件编号**：${md(m.caseNo, 80)}　**状态**：${m.statusTitle}`,
    `**学校**：${md(m.unitName, 80)}`,
    `**发生时间**：${m.occurredAt}　**地点**：${m.location}`,
    `**欺凌方式**：${m.kinds.join("、") || "—"}　**情节**：${m.severity}`,
    ...(m.majors.length ? [`**重特大情形**：<font color='red'>${m.majors.join("、")}</font>`] : []),
    `**发现途径**：${m.source}　**涉及学生**：受欺凌 ${m.victims} 人，实施欺凌 ${m.actors} 人`,
    `**处置流程**：${m.flowTitle}（${m.progress.done}/${m.progress.total}）`,
  ];
  if (m.publicAttention) lines.push(`<font color='red'>**舆论高度关注：须向上级报告**</font>`);
  return lines.join("\n");
}

function clocksMarkdown(m: CaseCardModel): string {
  const l = [`**上报时间**：${m.openedAt}`];
  l.push(m.investigatedAt ? `**调查完成**：${m.investigatedAt}` : `**调查期限**：${m.investigationDue} 前完成（10日内）`);
  if (m.closedAt) l.push(`**处置结束**：${m.closedAt}`);
  if (m.reportSubmittedAt) l.push(`**情况报告已报送**：${m.reportSubmittedAt}`);
  else if (m.reportDue) l.push(`**情况报告期限**：${m.reportDue} 前报区教育局`);
  return l.join("\n");
}

function checklist(m: CaseCardModel): Element[] {
  if (!m.checklist?.length || m.status !== "open") return [];
  return [markdown(`<font color='red'>**加急：第一时间处置清单**</font>\n${m.checklist.map((c, i) => `${i + 1}. ${c}`).join("\n")}`)];
}

function stepRows(m: CaseCardModel): Element[] {
  const interactive = m.controls.act && m.status === "open" && (m.view === "detail" || m.view === "taskforce");
  if (!interactive) {
    return [markdown(m.steps.map((s, i) => `${ICON[s.status]} ${i + 1}. ${s.title}${s.status === "done" || s.status === "skipped" ? (s.at && m.view !== "brief" && m.view !== "reporter" ? `（${s.status === "skipped" ? "不适用，" : ""}${s.who ? md(s.who, 40) + " " : ""}${s.at}）` : s.status === "skipped" ? "（不适用）" : "") : ""}`).join("\n"))];
  }
  return m.steps.map((s, i) => {
    let text = `${ICON[s.status]} ${i + 1}. ${s.title}`;
    if (s.status === "done" || s.status === "skipped") text += `\n<font color='grey'>${s.status === "skipped" ? "不适用 · " : ""}${s.who ? md(s.who, 40) + " · " : ""}${s.at ?? ""}</font>`;
    if (s.status === "locked") text += `\n<font color='grey'>须待「${s.waitingFor.join("」「")}」完成</font>`;
    const btns: Element[] = [];
    if (s.status === "open") {
      btns.push(button({ text: "完成", type: "primary", value: { action: A.step, caseId: m.caseId, step: s.key, op: "done" } }));
      if (s.skippable) btns.push(button({ text: "不适用", value: { action: A.step, caseId: m.caseId, step: s.key, op: "skip" } }));
    }
    return btns.length ? columns([{ elements: [markdown(text)], weight: 3 }, { elements: [buttonRow(btns)], weight: 2 }]) : markdown(text);
  });
}

function taskForceSection(m: CaseCardModel): Element[] {
  if (m.view !== "detail" && m.view !== "taskforce") return [];
  if (m.taskForce.chat) return [notation(`工作专班：${m.taskForce.members} 人，已建专班群`)];
  if (m.taskForce.creating)
    return [
      notation(`工作专班：${m.taskForce.members} 人，专班群创建中…`),
      ...(m.controls.lead && m.status === "open" ? [buttonRow([button({ text: "重试建群", value: { action: A.taskforce, caseId: m.caseId } })])] : []),
    ];
  if (!m.controls.lead || m.status !== "open" || !m.taskForce.candidates?.length) {
    return [notation(m.taskForce.members ? `工作专班：${m.taskForce.members} 人` : "工作专班：尚未成立（由校长成立）")];
  }
  return [
    form("taskforce_form", [
      markdown("**一案一专班**：选择专班成员（本校教职工、区教育局安全办），机器人将建立案件专班群"),
      multiSelect({ name: "members", required: true, placeholder: "选择专班成员", options: m.taskForce.candidates }),
      submitButton({ name: "taskforce_submit", text: "成立专班并建群", value: { action: A.taskforce, caseId: m.caseId } }),
    ]),
  ];
}

function detailSection(m: CaseCardModel, scale: number): Element[] {
  const d = m.details;
  // Belt and braces: the views outside the case never render details, whatever the model holds.
  if (!d || (m.view !== "detail" && m.view !== "taskforce")) return [];
  const n = (x: number) => Math.max(60, Math.floor(x * scale));
  const out: Element[] = [userText(`具体地点：${d.place}`, n(120)), userText(`涉及年级：${d.grades}`, n(120)), userText(`事件概述：${d.summary}`, n(1500))];
  if (d.measures) out.push(userText(`已采取的措施：${d.measures}`, n(500)));
  if (d.privateNote && m.view === "detail") out.push(notation("以下为专班备注，仅专班成员在私聊中可见"), userText(`专班备注：${d.privateNote}`, n(500)));
  if (d.closing) {
    out.push(
      markdown("**处置结果**"),
      userText(`处置情况：${d.closing.result}`, n(400)),
      userText(`原因剖析：${d.closing.cause}`, n(400)),
      userText(`下一步措施：${d.closing.nextSteps}`, n(400)),
    );
  }
  return out;
}

function leadButtons(m: CaseCardModel): Element[] {
  if (!m.controls.lead || (m.view !== "detail" && m.view !== "taskforce")) return [];
  if (m.status === "open" && m.progress.done === m.progress.total)
    return [buttonRow([button({ text: "处置结束，填写情况报告", type: "primary_filled", value: { action: A.closeForm, caseId: m.caseId } })])];
  if (m.status === "closed")
    return [
      buttonRow([
        button({
          text: "确认并报送情况报告",
          type: "primary_filled",
          value: { action: A.report, caseId: m.caseId },
          confirm: { title: "报送情况报告", text: `确认将案件 ${truncate(m.caseNo, 60)} 的情况报告报送区教育局？` },
        }),
      ]),
    ];
  return [];
}

function build(m: CaseCardModel, scale: number): Card {
  const elements: Element[] = [];
  if (m.notice) elements.push(notation(m.notice));
  elements.push(markdown(factsMarkdown(m)), ...checklist(m), ...detailSection(m, scale), hr(), markdown(clocksMarkdown(m)), hr(), markdown("**处置步骤**"), ...stepRows(m));
  elements.push(...taskForceSection(m), ...leadButtons(m));
  if (m.view === "brief") {
    elements.push(notation("详情仅限本校管理人员、案件工作专班和区教育局安全办查看。"));
    elements.push(buttonRow([button({ text: "查看详情", value: { action: A.view, caseId: m.caseId } })]));
  }
  if (m.view === "reporter") elements.push(notation("感谢上报。案件由学校和区教育局按流程处置，本卡片会随进展更新。"));
  if (m.view === "taskforce") elements.push(notation("本群为案件工作专班群：请勿在群内发布学生姓名、家庭信息或录音录像。"));
  return card({
    title: `${m.urgent ? "【加急】" : ""}学生欺凌事件 ${m.caseNo}`,
    subtitle: `${m.unitName} · ${m.statusTitle}`,
    template: template(m),
    summary: `案件 ${m.caseNo} ${m.statusTitle}`,
    elements,
  });
}

/** The 30 KB limit holds for any text: long texts are cut further until the card fits. */
export const CARD_BUDGET_BYTES = 28 * 1024;

export function fitCard(make: (scale: number) => Card): Card {
  let c = make(1);
  for (const s of [0.5, 0.25, 0.1]) {
    if (Buffer.byteLength(JSON.stringify(c), "utf8") <= CARD_BUDGET_BYTES) return c;
    c = make(s);
  }
  return c;
}

export function caseCard(m: CaseCardModel): Card {
  return fitCard((s) => build(m, s));
}

// ── closing form ─────────────────────────────────────────────────────────────

export interface ClosingFormModel {
  caseId: string;
  caseNo: string;
  unitName: string;
  draft: { result?: string; cause?: string; nextSteps?: string };
  errors?: FieldError[];
  limit: number;
  reportDays: string;
}

export function closingFormCard(m: ClosingFormModel): Card {
  const e = m.errors;
  const v = (x: string | undefined) => (x === undefined ? undefined : truncate(x, m.limit));
  return card({
    title: `处置结束：案件 ${m.caseNo}`,
    subtitle: m.unitName,
    template: "blue",
    elements: [
      ...errorSummary(e),
      notation(`提交后案件转为“处置结束”，机器人将汇总形成情况报告，须在${m.reportDays}内报区教育局。请勿填写学生姓名。`),
      form("closing_form", [
        markdown("**一、事件处置情况**"),
        input({ name: "result", required: true, multiline: true, rows: 4, maxLength: m.limit, value: v(m.draft.result) }),
        ...fieldError(e, "result"),
        markdown("**二、事件发生原因剖析**"),
        input({ name: "cause", required: true, multiline: true, rows: 4, maxLength: m.limit, value: v(m.draft.cause) }),
        ...fieldError(e, "cause"),
        markdown("**三、下一步采取措施**"),
        input({ name: "next_steps", required: true, multiline: true, rows: 4, maxLength: m.limit, value: v(m.draft.nextSteps) }),
        ...fieldError(e, "next_steps"),
        submitButton({ text: "提交，处置结束", value: { action: A.close, caseId: m.caseId } }),
      ]),
    ],
  });
}

// ── 情况报告 ─────────────────────────────────────────────────────────────────

export interface CaseReportModel {
  caseId: string;
  caseNo: string;
  unitName: string;
  occurredAt: string;
  closedAt: string;
  reportDue: string;
  submittedAt?: string;
  severity: string;
  kinds: string[];
  location: string;
  victims: number;
  actors: number;
  steps: { title: string; status: string; at?: string }[];
  result: string;
  cause: string;
  nextSteps: string;
  canSubmit: boolean;
  /** 舆论高度关注: the bureau reports the case to the higher authority. */
  publicAttention?: boolean;
}

export function caseReportCard(m: CaseReportModel): Card {
  return fitCard((scale) => {
    const n = (x: number) => Math.max(80, Math.floor(x * scale));
    const elements: Element[] = [
      markdown(
        [
          `**案件编号**：${md(m.caseNo, 80)}　**学校**：${md(m.unitName, 80)}`,
          `**发生时间**：${m.occurredAt}　**地点**：${m.location}　**情节**：${m.severity}`,
          `**欺凌方式**：${m.kinds.join("、")}　**涉及学生**：受欺凌 ${m.victims} 人，实施欺凌 ${m.actors} 人`,
          `**处置结束**：${m.closedAt}　**报送期限**：${m.reportDue}`,
          ...(m.publicAttention ? ["<font color='red'>**舆论高度关注：区教育局须向上级报告**</font>"] : []),
        ].join("\n"),
      ),
      hr(),
      markdown("**一、事件处置情况**"),
      markdown(m.steps.map((s) => `${s.status === "skipped" ? ICON.skipped : ICON.done} ${s.title}${s.at ? `（${s.at}）` : ""}`).join("\n")),
      userText(m.result, n(1800)),
      markdown("**二、事件发生原因剖析**"),
      userText(m.cause, n(1800)),
      markdown("**三、下一步采取措施**"),
      userText(m.nextSteps, n(1800)),
      hr(),
    ];
    if (m.submittedAt) elements.push(markdown(`<font color='green'>**已于 ${m.submittedAt} 报送区教育局**</font>`));
    else if (m.canSubmit)
      elements.push(
        notation("请校长核对后确认报送。"),
        buttonRow([
          button({
            text: "确认并报送",
            type: "primary_filled",
            value: { action: A.report, caseId: m.caseId },
            confirm: { title: "报送情况报告", text: `确认将案件 ${truncate(m.caseNo, 60)} 的情况报告报送区教育局？` },
          }),
        ]),
      );
    return card({
      title: `情况报告：学生欺凌事件 ${m.caseNo}`,
      subtitle: m.unitName,
      template: m.submittedAt ? "green" : "wathet",
      summary: `案件 ${m.caseNo} 情况报告`,
      elements,
    });
  });
}

// ── numbers only ────────────────────────────────────────────────────────────

export interface CaseListModel {
  title: string;
  counts: { open: number; closed: number; reported: number; overdue: number };
  rows: { caseNo: string; unit: string; status: string; severity: string; opened: string }[];
  note?: string;
}

/** For chats outside a case: case numbers, status and counts — never details. */
export function caseListCard(m: CaseListModel): Card {
  const elements: Element[] = [
    markdown(`处置中 **${m.counts.open}** 件　待报送情况报告 **${m.counts.closed}** 件　已报送 **${m.counts.reported}** 件　逾期 **${m.counts.overdue}** 件`),
  ];
  if (m.rows.length)
    elements.push(
      table({
        columns: [
          { name: "caseNo", title: "案件编号" },
          { name: "unit", title: "学校" },
          { name: "severity", title: "情节" },
          { name: "status", title: "状态" },
          { name: "opened", title: "上报日期" },
        ],
        rows: m.rows.slice(0, 100).map((r) => ({ ...r, caseNo: truncate(r.caseNo, 60), unit: truncate(r.unit, 60) })),
      }),
    );
  else elements.push(notation("暂无案件。"));
  elements.push(notation(m.note ?? "群聊中只显示案件编号和数量；详情请有权限的人员在与机器人的私聊中查看。"));
  return card({ title: m.title, template: "blue", elements });
}

/** The button a help card shows to open the report form. */
export function openReportButton(campaignId?: string): Element {
  return button({ text: "上报欺凌事件", type: "primary", value: { action: A.openForm, ...(campaignId ? { campaignId } : {}) } });
}
