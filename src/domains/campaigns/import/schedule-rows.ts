/**
 * A schedule laid out as rows — a markdown table, a table copied as text (cells apart by wide gaps), a week-by-week 周历
 * ("第12周（5月10日—5月16日）  宣传发动：…") or a month-by-month 工作安排表 ("9月 | 摸底排查…", "2022年9月：…", running on into
 * "次年1月") — under a 安排/进度/步骤/周历/计划 heading (or a header row naming its time and its work): each row, a period and
 * the work done in it, is one step of the campaign's own schedule, a phase.
 *
 * Only a schedule that reads as one: two rows or more, each a period (a range or a whole month, never a single day), in
 * order and not overlapping, each naming work (not only a place). A table mixing due days (…前) or single days with periods is
 * a list of tasks and events (its periods are windows, read elsewhere); per-district inspection days are events too.
 */
import { addDays } from "../../../core/calendar.js";
import { DATE_EXPR_SRC, RANGE_SEP, parseDateExpr, type DateResult } from "../dates.js";
import type { ImportResult, ImportedDeadline } from "../importer.js";
import type { Ctx } from "./context.js";
import { CN, TOP_HEADING_RE } from "./patterns.js";

const SCHEDULE_WORDS = /安排|进度|步骤|周历|行事历|日程|工作计划|计划表|推进表|时间表/;
const NEXT_YEAR = /^(?:次年|翌年|第二年|下一年)/;
const DATE_ONLY = new RegExp(`^(?:(?:次年|翌年|第二年)\\s*)?(?:${DATE_EXPR_SRC})$`);
const WEEK = "第\\s*[\\d一二三四五六七八九十]+(?:\\s*[—–\\-－～~至到]\\s*[\\d一二三四五六七八九十]+)?\\s*周";

interface Row {
  expr: string;
  task: string;
  line: string;
}

/** The period and the work of one line, if it is a schedule row (a deadline row is returned with its expr, to refuse the block). */
function rowOf(line: string): Row | "deadline" | null {
  const t = line.trim();
  if (!t || /^\|?\s*:?-{2,}/.test(t)) return null;
  let cells: string[];
  if (/[|｜]/.test(t)) cells = t.replace(/^[|｜]|[|｜]$/g, "").split(/[|｜]/).map((c) => c.trim());
  else cells = t.split(/ {2,}|\t+/).map((c) => c.trim());
  // "2022年9月：开学安全检查…" / "第12周（5月10日—5月16日）：宣传发动…": one cell holding the period, a colon, the work
  if (cells.length < 2) {
    const m = new RegExp(`^((?:${WEEK})?\\s*[（(]?\\s*(?:(?:次年|翌年|第二年)\\s*)?(?:${DATE_EXPR_SRC})\\s*[)）]?)\\s*[：:]\\s*(.+)$`).exec(t);
    if (!m) return null;
    cells = [m[1], m[2]];
  }
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i].replace(/\s+/g, "");
    // the period alone, or glossing a week label: "第12周（5月10日—5月16日）", "第6—8周" + a date cell
    const wk = new RegExp(`^(?:${WEEK})?[（(]?((?:(?:次年|翌年|第二年))?(?:${DATE_EXPR_SRC}))[)）]?$`).exec(c);
    if (!wk || !/月/.test(wk[1]) || !DATE_ONLY.test(wk[1])) continue;
    if (/(?:之前|以前|前)$/.test(wk[1])) return "deadline";
    const task = cells.slice(i + 1).find((x) => new RegExp(`[${CN}]{2}`).test(x) && !DATE_ONLY.test(x.replace(/\s+/g, "")));
    if (!task) return null;
    return { expr: wk[1], task, line: t };
  }
  return null;
}

export function scheduleRows(body: string[], ctx: Ctx, masks: Set<string>, known: ImportResult["phases"]): { phases: ImportResult["phases"]; windows: ImportedDeadline[] } {
  const out: { phases: ImportResult["phases"]; windows: ImportedDeadline[] } = { phases: [], windows: [] };
  let i = 0;
  while (i < body.length) {
    const first = rowOf(body[i]);
    if (!first) {
      i++;
      continue;
    }
    // the block: rows, blank lines and table rules between them
    const rows: (Row | "deadline")[] = [];
    let j = i;
    for (; j < body.length; j++) {
      const t = body[j].trim();
      if (!t || /^\|?\s*:?-{2,}/.test(t)) continue;
      const r = rowOf(body[j]);
      if (!r) break;
      rows.push(r);
    }
    const start = i;
    i = j;
    // "1  6月1日-6月10日  学校全面自查 … 2  6月11日-6月30日  县级联合抽查 … 3  7月1日-7月15日  集中整改销号 … 4  7月20日前  上报整改
    // 情况报告": a table whose due rows only close it, after three periods or more that follow each other day by day, is a
    // schedule with its final hand-in (the stages tile the campaign; the due day is read elsewhere) — a due row among the periods,
    // or periods with gaps, leave it a task list
    const firstDue = rows.indexOf("deadline");
    const closingDue = firstDue >= 3 && rows.slice(firstDue).every((r) => r === "deadline");
    if (closingDue) rows.splice(firstDue);
    if (rows.length < 2 || rows.includes("deadline")) continue;
    // what stands above the block: its header row and its heading (or the sentence announcing it: "具体周历安排如下：")
    const above = body.slice(Math.max(0, start - 4), start).map((x) => x.trim()).filter(Boolean);
    const topHeading = body.slice(0, start).reverse().find((x) => TOP_HEADING_RE.test(x)) ?? "";
    const headings = [...above.filter((x) => x.length <= 40 || /如下\s*[：:]$/.test(x)), topHeading.split(/[。：:]/)[0]];
    if (!headings.some((x) => SCHEDULE_WORDS.test(x))) continue;
    // a duty roster (值班/带班安排, rows of names and phones) is who answers the phone, not the campaign's schedule
    if (headings.some((x) => /值班|带班|值守|联系/.test(x)) || (rows as Row[]).some((r) => /\d{7,}|\d{3,4}-\d{7,8}/.test(r.line))) continue;
    // each row dated, in order and not overlapping
    const parsed: { row: Row; start: string; end: string; period: boolean }[] = [];
    let prevEnd: string | null = null;
    for (const r of rows as Row[]) {
      const next = NEXT_YEAR.exec(r.expr);
      const e = next ? r.expr.slice(next[0].length) : r.expr;
      const base: number | null = prevEnd ? Number(prevEnd.slice(0, 4)) : (ctx.year ?? null);
      let p: DateResult = next && base ? parseDateExpr(e, { ...ctx, year: base + 1, span: undefined }) : parseDateExpr(e, ctx);
      // a month list running on past December ("11月、12月、1月") goes into the next year
      // (only a turn of the year: the row then starts within two months of the last one's end)
      if (p.ok && p.start && prevEnd && p.start <= prevEnd && !/\d{4}\s*年/.test(e) && base) {
        const rolled = parseDateExpr(e, { ...ctx, year: base + 1, span: undefined });
        if (rolled.ok && rolled.start && addDays(prevEnd, 62) >= rolled.start) p = rolled;
      }
      if (!p.ok || p.dueBy || p.openEnded || !p.start || !p.end || (prevEnd && p.start <= prevEnd)) break;
      parsed.push({ row: r, start: p.start, end: p.end, period: p.start !== p.end && (new RegExp(RANGE_SEP).test(e) || p.granularity === "month") });
      prevEnd = p.end;
    }
    if (parsed.length !== rows.length) continue;
    // a phase schedule: every row a period naming work; otherwise (a single day, a row naming only a place — the inspection
    // days per district of a 督导 notice) the rows are events on their dates: windows
    const place = new RegExp(`^[${CN}、，,]{2,12}(?:区|县|市|镇|乡|街道|校区|片区|学校|中学|小学|幼儿园)$`);
    const isPhases = parsed.every((x) => x.period && !place.test(x.row.task));
    if (closingDue && !(isPhases && parsed.every((x, k) => k === 0 || x.start === addDays(parsed[k - 1].end, 1)))) continue;
    // "（三）县级抽查（12月30日至次年1月8日）。…具体安排如下：" over rows "12月30日　城关片　城关镇、峪南乡": rows that lie inside the
    // period of the step they are announced under, and say only where or who (no event of their own — a meeting, a training), are
    // that step's details, not items of their own
    // (a row naming an event of its own on its day — "3月18日　东片　召开片区推进会" — stays that event's window)
    // (all rows inside it, or the block is not the step's: a row past its end makes them all the days they say)
    const found = isPhases ? undefined : enclosingStep(body, start, [...known, ...out.phases]);
    const step = found && parsed.every((x) => x.start >= found.start! && x.end <= found.end!) ? found : undefined;
    // "一、检查时间 2016年4月11日至4月22日 … 按乡镇分日进行，具体安排如下：4月11日 城关镇 …": rows of days by place or group that
    // lie inside one period stated just above them, starting on its first day or ending on its last, are that event's parts
    // (round 16): the event is one item over its stated period, read elsewhere; the rows add nothing (and mask nothing —
    // masking "4月22日" would cut the stated range)
    const stated = isPhases || step ? undefined : statedPeriod(body, start, ctx, parsed);
    const ownEvent = /召开|举行|举办|会议|现场会|推进会|培训|演练|讲座|比赛|竞赛|展演|仪式|观摩|考试|开幕|闭幕|启动/;
    const detail = (x: (typeof parsed)[number]) => !!step && !ownEvent.test(x.row.line);
    if (stated && !parsed.some((x) => ownEvent.test(x.row.line))) continue;
    for (const x of parsed) {
      const { row, start: s, end } = x;
      masks.add(row.expr);
      if (detail(x)) continue;
      const name = row.task.split(/[：:，,；;。]/)[0].trim().slice(0, 24) || row.task.slice(0, 24);
      if (isPhases) {
        if (![...known, ...out.phases].some((k) => k.start === s && k.end === end)) out.phases.push({ name, start: s, end, raw: row.expr });
      } else out.windows.push({ kind: "window", title: name, start: s, end, raw: `${row.expr} ${row.task}` });
    }
  }
  return out;
}

/** The dated step a block of rows is announced under: the nearest line above it (within its section) holding a phase's period. */
function enclosingStep(body: string[], at: number, phases: ImportResult["phases"]): ImportResult["phases"][number] | undefined {
  for (let k = at - 1; k >= 0 && k >= at - 6; k--) {
    const l = body[k];
    const p = phases.find((ph) => ph.start && ph.end && ph.raw && l.includes(ph.raw));
    if (p) return p;
    if (TOP_HEADING_RE.test(l.trim())) return undefined;
  }
  return undefined;
}

const STATED_RANGE = new RegExp(`(?:\\d{4}\\s*年\\s*)?\\d{1,2}\\s*月\\s*\\d{1,2}\\s*[日号]\\s*${RANGE_SEP}\\s*(?:(?:\\d{4}\\s*年\\s*)?\\d{1,2}\\s*月\\s*)?\\d{1,2}\\s*[日号]`, "g");

/**
 * The period stated just above a block of rows (within its last few lines of text) that holds every row and shares the
 * first row's first day or the last row's last day: the one event (or step) the rows divide by place, group or batch.
 */
function statedPeriod(body: string[], at: number, ctx: Ctx, rows: { start: string; end: string }[]): { start: string; end: string } | undefined {
  const first = rows[0].start;
  const last = rows[rows.length - 1].end;
  for (let k = at - 1, seen = 0; k >= 0 && seen < 8; k--) {
    const l = body[k].trim();
    if (!l) continue;
    seen++;
    for (const m of l.matchAll(STATED_RANGE)) {
      const r = parseDateExpr(m[0], ctx);
      if (!r.ok || r.dueBy || !r.start || !r.end || r.start === r.end) continue;
      if (r.start <= first && r.end >= last && (r.start === first || r.end === last)) return { start: r.start, end: r.end };
    }
  }
  return undefined;
}
