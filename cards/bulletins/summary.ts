/**
 * The bureau's bulletin: an overview card (figures, change against the previous period, the
 * director's 按语, two charts), the table of all units split over as many cards as the 30 KB
 * limit needs, and the 通报 of units that have not submitted. Counts and unit names only.
 */
import { card, escapeMarkdown, hr, markdown, notation, table, type Card, type Element } from "../kit/index.js";
import type { Summary, UnitSummary } from "../../src/domains/bulletins/types.js";
import { casesPerMonthChart, patrolCompletionChart } from "./charts.js";
import { changeLine, figureLines, findingText, patrolText, pct, submittedText } from "./format.js";

/** Head-room under Lark's 30 KB (the outbox wraps the card in a little JSON of its own). */
export const CARD_BUDGET_BYTES = 28 * 1024;

export type BulletinKindView = "monthly" | "bimonthly" | "quarterly" | "phase";

export interface BulletinView {
  summary: Summary;
  kind: BulletinKindView;
  /** the director's 按语 (free text, shown escaped) */
  note?: string | null;
  /** “截至 2021年10月26日 09:00” */
  asOfText: string;
}

export function bulletinTitle(v: Pick<BulletinView, "summary" | "kind">): string {
  const w = v.summary.window;
  if (v.kind === "bimonthly" || v.kind === "quarterly") return `学生欺凌事件发生情况通报（${w.label}）`;
  if (v.kind === "phase") return `${w.label}工作情况通报`;
  return `${w.label}工作月报`;
}

export const cardBytes = (c: unknown) => Buffer.byteLength(JSON.stringify(c), "utf8");

export function overviewElements(v: BulletinView, opts: { charts: boolean }): Element[] {
  const s = v.summary;
  const els: Element[] = [markdown(`${escapeMarkdown(s.campaignTitle, 100)} · ${escapeMarkdown(s.window.label, 60)}（${v.asOfText}）`, { size: "notation" })];
  if (v.note && v.note.trim()) els.push(markdown(`**按语**：${escapeMarkdown(v.note, 1000)}`));
  els.push(markdown(figureLines(s.totals).join("\n")));
  if (s.change && s.previous) els.push(markdown(changeLine(s.change, s.previous.window.label)));
  const missing = s.missing.length;
  els.push(markdown(missing ? `<font color='red'>未按时报送单位 ${missing} 个，名单见通报。</font>` : "各单位报表均已报送或未到期。"));
  if (opts.charts) {
    els.push(hr(), casesPerMonthChart(s));
    const p = patrolCompletionChart(s);
    if (p) els.push(p);
  }
  els.push(notation("本通报只含统计数字，不含任何学生个人信息。"));
  return els;
}

export function overviewCard(v: BulletinView, extra: Element[] = []): Card {
  return card({
    title: bulletinTitle(v),
    subtitle: v.summary.campaignTitle,
    template: v.summary.missing.length ? "orange" : "blue",
    summary: `${bulletinTitle(v)}：新增事件 ${v.summary.totals.cases.opened} 件`,
    elements: [...overviewElements(v, { charts: true }), ...extra],
  });
}

const COLUMNS = [
  { name: "u", title: "单位", width: "auto" },
  { name: "o", title: "新增", type: "number" as const },
  { name: "c", title: "办结", type: "number" as const },
  { name: "p", title: "在办", type: "number" as const },
  { name: "d", title: "逾期", type: "number" as const },
  { name: "pt", title: "巡查 完成/应巡" },
  { name: "pr", title: "完成率" },
  { name: "f", title: "隐患 整改/发现" },
  { name: "r", title: "报表" },
];

export function unitRow(u: UnitSummary): Record<string, string | number> {
  return {
    u: u.unit,
    o: u.cases.opened,
    c: u.cases.closed,
    p: u.cases.open,
    d: u.cases.overdue,
    pt: patrolText(u),
    pr: pct(u.patrols.rate),
    f: findingText(u),
    r: submittedText(u.submitted),
  };
}

function tableCard(v: BulletinView, rows: Record<string, string | number>[], part: number, parts: number): Card {
  const title = `${bulletinTitle(v)}：各单位情况${parts > 1 ? `（${part}/${parts}）` : ""}`;
  return card({
    title,
    template: "blue",
    summary: title,
    elements: [table({ columns: COLUMNS, rows, pageSize: 10 }), notation("巡查为“已完成/应巡查”次数，隐患为“已整改/已发现”项数；逾期含调查超期和情况报告超期。")],
  });
}

/**
 * Greedy split into chunks that fit `budget`: a chunk is measured whole when it is started and
 * then grows by each item's own bytes (measuring the whole card again per item was quadratic:
 * 0.35 s for a province's 3,000 units). Always at least one chunk, possibly empty.
 */
function packBySize<T>(items: T[], budget: number, whole: (chunk: T[]) => number, more: (item: T) => number): T[][] {
  const chunks: T[][] = [];
  let cur: T[] = [];
  let bytes = 0;
  for (const it of items) {
    const add = more(it);
    if (cur.length && bytes + add <= budget) {
      cur.push(it);
      bytes += add;
      continue;
    }
    if (cur.length) chunks.push(cur);
    cur = [it];
    bytes = whole(cur);
  }
  if (cur.length || !chunks.length) chunks.push(cur);
  return chunks;
}

/**
 * The table of all units over as few cards as fit CARD_BUDGET_BYTES each (one table per card,
 * paged by 10 rows inside the card). Rows are taken greedily and each card is measured.
 */
export function unitTableCards(v: BulletinView, budget = CARD_BUDGET_BYTES): Card[] {
  const rows = v.summary.units.map(unitRow);
  // The part numbers are not known yet; "99/99" reserves their bytes. A further row adds its JSON and a comma.
  const chunks = packBySize(rows, budget, (c) => cardBytes(tableCard(v, c, 99, 99)), (r) => cardBytes(r) + 1);
  return chunks.map((c, i) => tableCard(v, c, i + 1, chunks.length));
}

/** The 通报 of units that have not submitted (and those that were late), split if very long. */
export function noticeCards(v: BulletinView, budget = CARD_BUDGET_BYTES): Card[] {
  const s = v.summary;
  const late = s.units.filter((u) => u.submitted === "late").map((u) => u.unit);
  if (!s.missing.length && !late.length) return [];
  const head = `截至${v.asOfText.replace(/^截至/, "")}，${s.window.label}应报送事项中：`;
  const lines = s.missing.map((m) => `- ${escapeMarkdown(m.unit, 60)}：${m.items.map((t) => escapeMarkdown(t, 60)).join("、")} 未报送`);
  const build = (ls: string[], part: number, parts: number, withLate: boolean): Card =>
    card({
      title: `通报：未按时报送单位${parts > 1 ? `（${part}/${parts}）` : ""}`,
      template: "red",
      summary: `${s.window.label}未报送单位 ${s.missing.length} 个`,
      elements: [
        markdown(`${head}**${s.missing.length}** 个单位未报送${late.length ? `，${late.length} 个单位迟报` : ""}。`),
        ...(ls.length ? [markdown(ls.join("\n"))] : []),
        ...(withLate && late.length ? [markdown(`**迟报单位**：${late.map((n) => escapeMarkdown(n, 60)).join("、")}`)] : []),
        notation("请以上单位立即补报，并说明未按时报送原因。"),
      ],
    });
  // A further line adds its JSON-escaped text (cardBytes less the two quotes) and the escaped "\n" (two bytes).
  const chunks = packBySize(lines, budget, (c) => cardBytes(build(c, 99, 99, true)), (l) => cardBytes(l));
  return chunks.map((c, i) => build(c, i + 1, chunks.length, i === chunks.length - 1));
}

/** Everything the bureau group receives, in posting order. */
export function bureauCards(v: BulletinView): Card[] {
  return [overviewCard(v), ...unitTableCards(v), ...noticeCards(v)];
}
