/**
 * Reminder cards: one card per person per sweep (a digest of every item due for them), the
 * escalation digest (who is late, by unit) and the phase announcement for group chats.
 * Pure functions of a view model; the same builder renders the card after a button click, so
 * the card changes in place (the clicked item shows its new state, its buttons go away).
 */
import { button, buttonRow, card, escapeMarkdown, hr, markdown, notation, table, type Card, type Element } from "../kit/index.js";

const MAX_ITEMS = 15;
const MAX_ROWS = 20;
const MAX_LATE_CHARS = 150;

/** "第1学校、第2学校 等 37 个单位": the full list is in the bulletin, the card stays small. */
function lateText(names: string[]): string {
  if (!names.length) return "—";
  let out = "";
  let n = 0;
  for (const name of names) {
    const next = out ? `${out}、${name}` : name;
    if (Array.from(next).length > MAX_LATE_CHARS) break;
    out = next;
    n++;
  }
  if (!n) out = Array.from(names[0]).slice(0, MAX_LATE_CHARS).join("");
  return n < names.length ? `${out} 等 ${names.length} 个单位` : out;
}

export type ReminderItemKind = "phase-start" | "phase-end" | "deadline" | "overdue" | "escalation";
export type ReminderItemStatus = "pending" | "acked" | "done" | "snoozed";

export interface ReminderItemView {
  /** the Reminder row id: buttons name it */
  id: string;
  kind: ReminderItemKind;
  title: string;
  /** local due date YYYY-MM-DD */
  due?: string;
  /** "2021-10" etc.; "-" for one-off items */
  periodKey: string;
  /** days until the due date (negative: overdue) on the day it was sent */
  daysLeft?: number;
  /** sent after downtime, later than planned */
  late: boolean;
  status: ReminderItemStatus;
  /** 已完成 is offered for tasks without a form (a form's submission completes them) */
  canComplete: boolean;
  /** escalation: who is late, by unit or person */
  lateSubjects?: string[];
  /** phase announcement: the phase's period and tasks */
  phase?: { start?: string | null; end?: string | null; tasks?: string };
}

export interface DigestView {
  campaignTitle: string;
  items: ReminderItemView[];
  /** "snoozed until" text for the toast / status line */
  snoozeUntilText?: string;
}

function cnDate(d: string): string {
  return `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
}

function stepText(i: ReminderItemView): string {
  if (i.kind === "overdue") return i.daysLeft !== undefined ? `已逾期 ${-i.daysLeft} 天` : "已逾期";
  if (i.daysLeft === undefined) return "";
  if (i.daysLeft === 0) return "今天截止";
  if (i.daysLeft < 0) return `已逾期 ${-i.daysLeft} 天`;
  return `还有 ${i.daysLeft} 天`;
}

const STATUS_TEXT: Record<ReminderItemStatus, string> = {
  pending: "",
  acked: "✅ 已知悉：截止前不再提醒",
  done: "✅ 已完成：不再提醒",
  snoozed: "⏰ 已推迟：明天再提醒",
};

function periodText(p: string): string {
  return p === "-" ? "" : /^\d{4}-\d{2}$/.test(p) ? `（${Number(p.slice(0, 4))}年${Number(p.slice(5, 7))}月）` : `（${escapeMarkdown(p, 40)}）`;
}

function itemElements(i: ReminderItemView): Element[] {
  const title = `**${escapeMarkdown(i.title, 200)}**${periodText(i.periodKey)}`;
  const step = stepText(i);
  const when = i.due ? `截止日期：${cnDate(i.due)}${step ? `（${step}）` : ""}` : step;
  const lines = [`${i.kind === "overdue" ? "🔴 " : "🔔 "}${title}${when ? `\n${when}` : ""}${i.late ? "\n（补发：系统恢复后发送）" : ""}`];
  const out: Element[] = [markdown(lines.join("\n"))];
  if (i.status !== "pending") out.push(notation(STATUS_TEXT[i.status]));
  else {
    const v = (action: string) => ({ action, id: i.id });
    const buttons: Element[] = [];
    if (i.kind === "deadline") buttons.push(button({ text: "已知悉", value: v("reminder_ack"), type: "default" }));
    if (i.canComplete) buttons.push(button({ text: "已完成", value: v("reminder_done"), type: "primary" }));
    buttons.push(button({ text: "明天再提醒", value: v("reminder_snooze"), type: "default" }));
    out.push(buttonRow(buttons));
  }
  return out;
}

/** The personal digest: every deadline / overdue / escalation item due for one person now. */
export function reminderDigestCard(v: DigestView): Card {
  const nudges = v.items.filter((i) => i.kind === "deadline" || i.kind === "overdue");
  const escalations = v.items.filter((i) => i.kind === "escalation");
  const overdue = nudges.some((i) => i.kind === "overdue");
  const phases = v.items.filter((i) => i.kind === "phase-start" || i.kind === "phase-end");
  const elements: Element[] = phases.flatMap(phaseElements);
  if (phases.length && nudges.length) elements.push(hr());
  // Lark refuses cards over 30 KB / 200 components: a long digest shows the first items only.
  nudges.slice(0, MAX_ITEMS).forEach((i, n) => {
    if (n) elements.push(hr());
    elements.push(...itemElements(i));
  });
  if (nudges.length > MAX_ITEMS) elements.push(notation(`另有 ${nudges.length - MAX_ITEMS} 项提醒未展开，请尽快处理。`));
  if (escalations.length) {
    if (elements.length) elements.push(hr());
    elements.push(markdown("**以下事项已逾期，请督促：**"));
    elements.push(
      table({
        columns: [
          { name: "item", title: "事项" },
          { name: "due", title: "截止" },
          { name: "late", title: "未完成" },
        ],
        rows: escalations.slice(0, MAX_ROWS).map((e) => ({
          item: `${e.title}${periodText(e.periodKey)}`.slice(0, 200),
          due: e.due ? cnDate(e.due) : "",
          late: lateText(e.lateSubjects ?? []),
        })),
      }),
    );
    if (escalations.length > MAX_ROWS) elements.push(notation(`另有 ${escalations.length - MAX_ROWS} 项逾期事项未列出。`));
    if (escalations.some((e) => e.late)) elements.push(notation("部分提醒为系统恢复后补发。"));
  }
  const n = nudges.length + escalations.length;
  if (!n) return phaseAnnouncementCard({ campaignTitle: v.campaignTitle, items: phases });
  const title = escalations.length && !nudges.length ? "逾期督办" : overdue ? "逾期提醒" : "截止提醒";
  return card({
    title: `${title}（${n} 项）`,
    subtitle: v.campaignTitle,
    template: escalations.length ? "red" : overdue ? "orange" : "blue",
    summary: `${title}：${v.items.map((i) => i.title).join("、")}`,
    elements,
  });
}

function phaseElements(i: ReminderItemView): Element[] {
  const start = i.kind === "phase-start";
  const p = i.phase ?? {};
  const span = p.start && p.end ? `${cnDate(p.start)}至${cnDate(p.end)}` : p.start ? `${cnDate(p.start)}起` : "";
  const out: Element[] = [markdown(`📣 **${escapeMarkdown(i.title, 100)}**${start ? "开始" : "结束"}${span ? `（${span}）` : ""}`)];
  if (start && p.tasks) out.push(markdown(`主要任务：${escapeMarkdown(p.tasks, 600)}`));
  if (i.late) out.push(notation("本通知为系统恢复后补发。"));
  return out;
}

/** Phase start / end announcements for the leadership group and bulletin chats (no buttons). */
export function phaseAnnouncementCard(v: { campaignTitle: string; items: ReminderItemView[] }): Card {
  const first = v.items[0];
  const start = first?.kind === "phase-start";
  const title = v.items.length === 1 && first ? `${start ? "阶段开始" : "阶段结束"}：${first.title}` : "阶段通知";
  return card({
    title,
    subtitle: v.campaignTitle,
    template: start ? "turquoise" : "grey",
    elements: v.items.flatMap((i, n) => (n ? [hr(), ...phaseElements(i)] : phaseElements(i))),
  });
}
