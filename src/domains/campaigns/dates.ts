/**
 * The Chinese date engine (pure: the anchor year / issue date are passed in, never "today").
 *
 * Understands (domain.md §3):
 *   即日 / 自即日起                    → the issue date (refused when it is unknown)
 *   2021年12月25日 / 12月25日(前)       → one day; "前" marks a due date (inclusive last day)
 *   8月底(前) / 9月上旬 / 中旬 / 下旬    → end of month / days 1–10, 11–20, 21–end
 *   10月 / 10月份 / 2018年3月           → the whole month
 *   A 至|到|—|–|-|－|～|~ B             → a range; B may omit year and month
 *   5月以后 / 5月起                     → open end
 *   "2024 年 月底前"                    → refused: the month is blank (never guessed)
 * Missing years come from `ctx.year` (issue date, doc number …) and are marked inferred;
 * a range whose end would fall before its start rolls the end into the next year.
 */
import { addDays, daysInMonth, isIsoDate, ymd } from "../../core/calendar.js";
import { normalizeText, parseNum, tightenDates } from "./text.js";

export interface DateContext {
  /** The notice's issue date (YYYY-MM-DD), anchor of 即日. */
  issueDate?: string | null;
  /** Year to assume when a date omits it. */
  year?: number | null;
  /**
   * The campaign's known span: a year-less date that falls outside it with `year` but inside
   * with `year + 1` (or `year - 1`) takes that year (a plan issued in December with phases in January).
   */
  span?: { start: string | null; end: string | null } | null;
  /** When the issue date is unknown, a date that stands near it (a "…印发" printing date): used only to read a
   *  year-less date far before it as next year's, never as the anchor of 即日. */
  refDate?: string | null;
}

/** Days a year-less date may lie before the issue date before it is read as next year's. */
export const ROLL_FORWARD_DAYS = 45;

export interface ParsedDate {
  ok: true;
  /** First day covered (null: open start). */
  start: string | null;
  /** Last day covered (null: open end, e.g. 5月以后). */
  end: string | null;
  /** "前"/"之前"/"以前" present: `end` is a due date. */
  dueBy: boolean;
  /** A year (or the 即日 anchor) came from the context, not from the text. */
  inferred: boolean;
  openEnded: boolean;
  /** "day" | "month" | "third" (旬) | "monthEnd" (月底) | "range" | "anchor" (即日) */
  granularity: "day" | "month" | "third" | "monthEnd" | "range" | "anchor";
  raw: string;
}

export interface DateError {
  ok: false;
  reason: string;
  raw: string;
}

export type DateResult = ParsedDate | DateError;

const NUM = "(?:\\d{1,4}|[零〇一二两三四五六七八九十]{1,3})";
export const RANGE_SEP = "(?:至|到|—{1,2}|–|‒|-{1,2}|－|～|~|〜|一至)";

interface Point {
  year: number | null;
  month: number | null;
  day: number | null;
  part: "early" | "mid" | "late" | "earlyMid" | "midLate" | "end" | null;
  anchor: boolean;
}

const POINT_RE = new RegExp(
  `^(?:(即日|今日|本通知印发之日|印发之日)|(?:(\\d{4})年)?(?:(${NUM})月份?)?(?:(${NUM})[日号])?(上中旬|中下旬|上旬|中旬|下旬|底|末)?)$`,
);

function parsePoint(s: string): Point | string {
  const m = POINT_RE.exec(s);
  if (!m || s === "") return "无法识别的日期";
  if (m[1]) return { year: null, month: null, day: null, part: null, anchor: true };
  const year = m[2] ? Number(m[2]) : null;
  const month = m[3] ? parseNum(m[3]) : null;
  const day = m[4] ? parseNum(m[4]) : null;
  const partRaw = m[5];
  const part =
    partRaw === "上旬" ? "early" : partRaw === "中旬" ? "mid" : partRaw === "下旬" ? "late" : partRaw === "上中旬" ? "earlyMid" : partRaw === "中下旬" ? "midLate" : partRaw ? "end" : null;
  if (year === null && month === null && day === null) return "无法识别的日期";
  if (month !== null && (month < 1 || month > 12)) return `月份 ${month} 不存在`;
  if (day !== null && (day < 1 || day > 31)) return `日期 ${day} 日不存在`;
  if (year !== null && month === null && day === null) return "只有年份，缺少月份";
  if (year !== null && month === null && (day !== null || part)) return "月份空白";
  if (day !== null && part) return "日期与上中下旬同时出现";
  return { year, month, day, part, anchor: false };
}

function span(p: { year: number; month: number; day: number | null; part: Point["part"] }): [string, string] | string {
  const dim = daysInMonth(p.year, p.month);
  if (p.day !== null) {
    if (p.day > dim) return `${p.year}年${p.month}月没有${p.day}日`;
    const d = ymd(p.year, p.month, p.day);
    return [d, d];
  }
  switch (p.part) {
    case "early":
      return [ymd(p.year, p.month, 1), ymd(p.year, p.month, 10)];
    case "mid":
      return [ymd(p.year, p.month, 11), ymd(p.year, p.month, 20)];
    case "earlyMid":
      return [ymd(p.year, p.month, 1), ymd(p.year, p.month, 20)];
    case "midLate":
      return [ymd(p.year, p.month, 11), ymd(p.year, p.month, dim)];
    case "late":
    case "end":
      return [ymd(p.year, p.month, 21), ymd(p.year, p.month, dim)];
    default:
      return [ymd(p.year, p.month, 1), ymd(p.year, p.month, dim)];
  }
}

/** Clean a raw expression to its date core; returns core plus markers. */
function strip(raw: string): { core: string; dueBy: boolean; openEnd: boolean; from: boolean } {
  let s = tightenDates(normalizeText(raw)).replace(/\s+/g, "");
  s = s.replace(/^[（(【\[]|[）)】\]]$/g, "");
  s = s.replace(/^(?:请|须|要|应|务必)?(?:于|在|自|从|由)/, "");
  s = s.replace(/(?:完成|为止|截止|止)$/, "");
  // a time of day or weekday before 前 does not change the date
  s = s.replace(/(?:[（(](?:下|本|这)?(?:星期|周)[一二三四五六日天][)）]|[（(]含(?:当[天日])?[)）]|\d{1,2}[:：]\d{2}|\d{1,2}[时点](?:\d{1,2}分)?|下班|上午|下午|中午|晚上)+(?=(?:之前|以前|前)$)/, "");
  let dueBy = false;
  let openEnd = false;
  let from = false;
  const tail = /(之前|以前|前|以后|之后|后|起)$/.exec(s);
  if (tail) {
    if (tail[1].endsWith("前")) dueBy = true;
    else if (tail[1] === "起") from = true;
    else openEnd = true;
    s = s.slice(0, -tail[1].length);
  }
  s = s.replace(/^(即日)起/, "$1");
  return { core: s, dueBy, openEnd, from };
}

function resolvePoint(p: Point, ctx: DateContext, carry: { year: number | null; month: number | null }): { start: string; end: string; inferred: boolean } | string {
  if (p.anchor) {
    if (!ctx.issueDate || !isIsoDate(ctx.issueDate)) return "“即日”需要发文日期，但未找到发文日期";
    return { start: ctx.issueDate, end: ctx.issueDate, inferred: true };
  }
  let inferred = false;
  let year = p.year;
  let month = p.month;
  if (month === null) {
    if (carry.month === null) return "缺少月份";
    month = carry.month;
  }
  if (year === null) {
    if (carry.year !== null) year = carry.year;
    else if (ctx.year) {
      year = ctx.year;
      inferred = true;
      const here = span({ year, month, day: p.day, part: p.part });
      const next = span({ year: year + 1, month, day: p.day, part: p.part });
      if (typeof here !== "string" && typeof next !== "string") {
        const inside = (r: [string, string]) => !!ctx.span?.start && !!ctx.span?.end && r[0] >= ctx.span.start && r[1] <= ctx.span.end;
        const issue = ctx.issueDate && isIsoDate(ctx.issueDate) ? ctx.issueDate : ctx.refDate && isIsoDate(ctx.refDate) ? ctx.refDate : null;
        const prev = span({ year: year - 1, month, day: p.day, part: p.part });
        if (!inside(here) && inside(next)) year = year + 1;
        // the span is written with its years ("2018年3月—2019年1月"): a year-less date inside it takes the
        // span's year even when the fallback year (the most frequent full date) is the other one
        else if (!inside(here) && typeof prev !== "string" && inside(prev)) year = year - 1;
        else if (!ctx.span?.start && issue && Number(issue.slice(0, 4)) === year && here[1] < addDays(issue, -ROLL_FORWARD_DAYS)) year = year + 1;
      }
    } else return "缺少年份，且无法从发文日期或文号推断";
  }
  const r = span({ year, month, day: p.day, part: p.part });
  if (typeof r === "string") return r;
  return { start: r[0], end: r[1], inferred };
}

function granularityOf(p: Point): ParsedDate["granularity"] {
  if (p.anchor) return "anchor";
  if (p.day !== null) return "day";
  if (p.part === "end") return "monthEnd";
  if (p.part) return "third";
  return "month";
}

/** Parse one date expression (a point, a range or an open range). */
export function parseDateExpr(raw: string, ctx: DateContext = {}): DateResult {
  const fail = (reason: string): DateError => ({ ok: false, reason, raw });
  const { core, dueBy, openEnd, from } = strip(raw);
  if (!core) return fail("空的日期");
  if (/^(?:\d{4}年)?月/.test(core) || /\d{4}年(?:月|底|上旬|中旬|下旬|\d+日)/.test(core) || /年月日?$/.test(core))
    return fail("月份空白（原文未填写月份，需人工补充）");
  const parts = core.split(new RegExp(RANGE_SEP)).filter((x) => x !== "");
  const sepCount = (core.match(new RegExp(RANGE_SEP, "g")) ?? []).length;
  if (sepCount > 1 || parts.length > 2) return fail("日期范围格式不清楚");
  if (sepCount === 1 && parts.length !== 2) return fail("日期范围缺少起点或终点");

  if (parts.length === 1) {
    const p = parsePoint(parts[0]);
    if (typeof p === "string") return fail(p);
    const r = resolvePoint(p, ctx, { year: null, month: null });
    if (typeof r === "string") return fail(r);
    if (openEnd || from) {
      return { ok: true, start: r.start, end: null, dueBy: false, inferred: r.inferred, openEnded: true, granularity: "range", raw };
    }
    return { ok: true, start: r.start, end: r.end, dueBy, inferred: r.inferred, openEnded: false, granularity: granularityOf(p), raw };
  }

  const a = parsePoint(parts[0]);
  if (typeof a === "string") return fail(`起点：${a}`);
  // 次年/翌年 on the end: the year after the start's (a written year-less end that crosses the new year)
  const nextYear = /^(?:次年|翌年|第二年)/.test(parts[1]);
  const bText = parts[1].replace(/^(?:次年|翌年|第二年)/, "").replace(/月份$/, "月");
  const b = parsePoint(bText);
  if (typeof b === "string") return fail(`终点：${b}`);
  const ra = resolvePoint(a, ctx, { year: null, month: null });
  if (typeof ra === "string") return fail(`起点：${ra}`);
  const aYear = Number(ra.start.slice(0, 4));
  const aMonth = Number(ra.start.slice(5, 7));
  // the end inherits year (and month when it is only a day) from the start
  const bPoint: Point = b.anchor ? b : { ...b };
  // the end's year: written, else the start's year, or the next one when the end's month/day
  // comes before the start's (a range that crosses the new year)
  let bYear = b.year ?? (nextYear ? aYear + 1 : aYear);
  let inferred = ra.inferred;
  if (b.year === null && !b.anchor && !nextYear) {
    const bm = b.month ?? aMonth;
    const bd = b.day ?? 31;
    const aDay = Number(ra.start.slice(8, 10));
    if (bm < aMonth || (bm === aMonth && bd < aDay)) {
      bYear = aYear + 1;
      inferred = true;
    }
  }
  const rb = resolvePoint(bPoint, ctx, { year: bYear, month: b.month === null ? aMonth : null });
  if (typeof rb === "string") return fail(`终点：${rb}`);
  inferred = inferred || rb.inferred;
  if (rb.end < ra.start) return fail("终点早于起点");
  return { ok: true, start: ra.start, end: rb.end, dueBy, inferred, openEnded: false, granularity: "range", raw };
}

/** Regex source matching one date expression inside running text (for the importer). */
const POINT_SRC = `(?:即日起?|(?:\\d{4}\\s*年\\s*)?(?:${NUM}\\s*月份?)(?:\\s*${NUM}\\s*[日号])?(?:上中旬|中下旬|上旬|中旬|下旬|底|末)?)`;
/** A time of day or weekday between a date and its 前: "17:00", "24时", "下班", "（星期五）". */
export const TIME_TAIL_SRC = `(?:\\s*(?:[（(](?:下|本|这)?(?:星期|周)[一二三四五六日天][)）]|[（(]含(?:当[天日])?[)）]|\\d{1,2}\\s*[:：]\\s*\\d{2}|\\d{1,2}\\s*[时点](?:\\s*\\d{1,2}\\s*分)?|下班|上午|下午|中午|晚上)){0,3}`;
export const DATE_EXPR_SRC = `${POINT_SRC}(?:\\s*${RANGE_SEP}\\s*(?:(?:\\d{4}\\s*年\\s*|次年|翌年)?(?:${NUM}\\s*月份?)?(?:\\s*${NUM}\\s*[日号])?(?:上中旬|中下旬|上旬|中旬|下旬|底|末)?))?(?:${TIME_TAIL_SRC}\\s*(?:之前|以前|前(?![往进来去后]))|以后|之后|起)?`;
