/**
 * Precision nets (round 13): when the importer cannot settle whether a dated range is one of the campaign's stages or
 * an event of its own, it says so (an `unresolved` entry naming what to check) instead of emitting a guess. Every
 * invented item of the once-only runs of rounds 8–12 but one was the right dates with the other kind: a stage of a
 * schedule that the phase readers missed, emitted as a window (`一是X，9月3日至9月14日`, `第三步，巩固总结（11月16日至
 * 11月30日）`, a table row `4月—6月  开展…普查`, `1．6月：各校…排查`), or an open-ended `10月以后`. They shared a form:
 * the window's own text is the bare range (no event label such as 检查时间为, no 上/中/下旬), and another dated range of
 * several days stands right beside it in the same part of the notice. The windows the golds keep stood alone in their
 * section (`一、入住教育。9月2日至9月6日，…`), carried a label (`检查时间为6月3日至6月21日` inside a 阶段), or were a part
 * of a month (`4月中旬组织抽查`).
 */
import { addDays, diffDays } from "../../../core/calendar.js";
import { parseDateExpr, RANGE_SEP } from "../dates.js";
import type { ImportedDeadline, ImportResult } from "../importer.js";
import type { Ctx } from "./context.js";

type Phase = ImportResult["phases"][number];

/** the reason a person reads: what to check */
export const DOUBTFUL_KIND = "无法确定是工作阶段还是单独的活动时间，请核对";

/** a neighbour lies within this many characters of text (one paragraph, one short list or table) */
const NEAR = 200;
/**
 * one of the two ranges lasts at least MIN_DAYS days and neither less than two: a tour of districts one or two days
 * each ("9月12日-13日  松韵区", "9月17日-18日  鹿鸣县") is a list of events
 */
const MIN_DAYS = 3;
/** a schedule's next stage starts within this many days after the previous one ends (as kind-by-structure's chain) */
const MAX_GAP = 7;

const DAY = "(?:(?:次年|\\d{4}\\s*年)\\s*)?\\d{1,2}\\s*月\\s*\\d{1,2}\\s*[日号]";
const DAY_RANGE = `${DAY}\\s*${RANGE_SEP}\\s*(?:(?:\\d{4}\\s*年\\s*)?\\d{1,2}\\s*月\\s*)?\\d{1,2}\\s*[日号]`;
const MONTH_RANGE = `(?:(?:次年|\\d{4}\\s*年)\\s*)?\\d{1,2}\\s*月(?:份)?\\s*${RANGE_SEP}\\s*(?:\\d{4}\\s*年\\s*)?\\d{1,2}\\s*月(?:份)?(?!\\s*\\d{1,2}\\s*[日号])`;
const TEXT_RANGE = new RegExp(`${DAY_RANGE}|${MONTH_RANGE}`, "g");
/**
 * a bare range, a whole month or a month onward: nothing in the item's own text says what happens then — alone, in
 * brackets, before a colon, or opening a table row whose work follows after spaces ("4月—6月   开展心理健康普查")
 */
const BARE = new RegExp(`^\\s*[（(]?\\s*(?:${DAY_RANGE}|${MONTH_RANGE}|(?:(?:次年|\\d{4}\\s*年)\\s*)?\\d{1,2}\\s*月(?:份)?(?:\\s*(?:以后|之后|起))?)\\s*[)）]?(?=$|[\\s：:，,。；;])`);
/** a label's clause that names a stage ("第二阶段为整改落实阶段，时间为…") dates that stage, not an event */
const STAGE_CLAUSE = /阶段|階段|步骤|步驟|第[一二三四五六七八九十\d]+步|环节|環節/;
const clauseBefore = (text: string, pos: number) => text.slice(Math.max(0, pos - 40), pos).split(/[。；;\n]/).pop() ?? "";
/** a part of a month opening a table row ("12月下旬   召开专题会议…"): a row of a schedule like its neighbours */
const PART_ROW = /^\s*(?:(?:次年|\d{4}\s*年)\s*)?\d{1,2}\s*月\s*[上中下]旬(?=\s)/;
/** an event's time label just before the date: 检查时间为 / 演练时间： / 定于 / 安排在 */
const LABEL_BEFORE = /(?:时间|時間|日期)\s*(?:定为|定於|定于|为|為|是)?\s*[：:]?\s*$|(?:定于|定於|定在|安排在)\s*$|第[一二三四五六七八九十\d]+批\s*$/;
const SECTION = /\n\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+(?:部分|章))/;
const HEADING_LINE = /^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+(?:部分|章))/;

/** the line of text a position lies on */
const lineAt = (text: string, pos: number) => text.slice(text.lastIndexOf("\n", pos - 1) + 1, (text.indexOf("\n", pos) + 1 || text.length + 1) - 1);

/**
 * A table row's item is read with its cells joined ("9月 摸底排查，…" from "| 9月 | 摸底排查，… |"): it stands where the one
 * line holding both its date and the start of its work holds the date; -1 when no single line does.
 */
function rowAt(text: string, raw: string, date: string): number {
  const d = date.trim().replace(/^[（(]|[)）]$/g, "").trim();
  const work = raw.slice(date.length).replace(/^[\s|：:，,]+/, "").slice(0, 4);
  if (!d || work.length < 2) return -1;
  let found = -1;
  let from = 0;
  for (const line of text.split("\n")) {
    const at = line.indexOf(d);
    if (at >= 0 && line.includes(work, at + d.length)) {
      if (found >= 0) return -1;
      found = from + at;
    }
    from += line.length + 1;
  }
  return found;
}

/** a table row whose time cell is a due day ("1  10月15日前  学校自查  各学校") */
const DUE_CELL = /(?:^|\s|\|)\s*(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号]\s*(?:前|之前|以前)\s*(?:\s|\|)/;

/**
 * The rows of one table (the run of non-blank lines around a position) that give a due day in their time cell: such a
 * table is a task list, whose period rows are events by the conventions (round 9), not a schedule's stages.
 */
function inTaskTable(text: string, pos: number): boolean {
  const lines = text.split("\n");
  let at = 0;
  for (let n = 0, i = 0; i < lines.length; i++) {
    if (pos < n + lines[i].length + 1) {
      at = i;
      break;
    }
    n += lines[i].length + 1;
  }
  let from = at;
  while (from > 0 && lines[from - 1].trim()) from--;
  let to = at;
  while (to < lines.length - 1 && lines[to + 1].trim()) to++;
  return lines.slice(from, to + 1).some((l) => DUE_CELL.test(l));
}

/** how many days a period lasts, both ends counted */
const days = (s: string, e: string) => diffDays(s, e) + 1;

interface Span { pos: number; len: number; start: string; end: string }

/**
 * Windows whose kind cannot be told go to `unresolved` and out of the deadlines: a window written as a bare range (or a
 * month onward, or a table row's part of a month) with no event label before it, next to another dated range — a phase,
 * another bare window, a range in the text — in the same section (or the next numbered heading of the same list), within
 * NEAR characters, that follows it or precedes it like a schedule's next stage (starting 1–MAX_GAP days after the other
 * ends). An open-ended window (`10月以后`) is never an event's time and goes the same way wherever it stands.
 */
export function doubtfulWindows(bodyText: string, ctx: Ctx, phases: Phase[], deadlines: ImportedDeadline[]): void {
  const ranges: Span[] = [];
  for (const m of bodyText.matchAll(TEXT_RANGE)) {
    const r = parseDateExpr(m[0], ctx);
    if (r.ok && r.start && r.end && !r.dueBy && days(r.start, r.end) >= 2) ranges.push({ pos: m.index, len: m[0].length, start: r.start, end: r.end });
  }
  for (const p of phases) {
    const pos = p.raw.trim() ? bodyText.indexOf(p.raw.trim()) : -1;
    if (pos >= 0 && p.start && p.end && days(p.start, p.end) >= 2) ranges.push({ pos, len: p.raw.trim().length, start: p.start, end: p.end });
  }
  const bareAt = (d: ImportedDeadline) => {
    const raw = d.raw.trim();
    if (d.kind !== "window" || !d.start) return null;
    const verbatim = bodyText.indexOf(raw) >= 0 && bodyText.indexOf(raw) === bodyText.lastIndexOf(raw);
    // (a part of a month counts only in a table row, read with its cells joined: in prose "5月中旬组织抽查" is an event)
    const bare = BARE.exec(raw) ?? (verbatim ? null : PART_ROW.exec(raw));
    if (!bare) return null;
    const pos = verbatim ? bodyText.indexOf(raw) : rowAt(bodyText, raw, bare[0]);
    if (pos < 0 || (LABEL_BEFORE.test(bodyText.slice(Math.max(0, pos - 12), pos)) && !STAGE_CLAUSE.test(clauseBefore(bodyText, pos)))) return null;
    return { pos, len: bare[0].length };
  };
  // a bare window is itself a neighbour of the others (rows of a month-by-month table read as windows)
  for (const d of deadlines) {
    const at = bareAt(d);
    if (at && d.end && days(d.start!, d.end) >= 2) ranges.push({ ...at, start: d.start!, end: d.end });
  }
  // a table row: read with its cells joined, or its date followed by the work after a run of spaces
  const isRow = (d: ImportedDeadline) => bodyText.indexOf(d.raw.trim()) < 0 || /^\S+(?:\s{2,}|\t|　)/.test(d.raw.trim());
  for (let i = deadlines.length - 1; i >= 0; i--) {
    const d = deadlines[i];
    const at = bareAt(d);
    if (!at || !d.start) continue;
    const raw = d.raw.trim();
    const pos = at.pos;
    // numbered headings that each carry a range ("二、演练准备（5月9日至5月11日）：…" under "一、…（…）") are one list
    const onHeading = HEADING_LINE.test(lineAt(bodyText, pos));
    const openEnded = !d.end;
    let doubtful = openEnded;
    if (!doubtful && d.end && days(d.start, d.end) >= 2) {
      const me = at;
      doubtful = ranges.some((o) => {
        if (o.start === d.start && o.end === d.end) return false;
        if (Math.max(days(o.start, o.end), days(d.start!, d.end!)) < MIN_DAYS) return false;
        if (o.pos >= me.pos && o.pos < me.pos + me.len) return false;
        // one stage after the other, in text order: a spot-check in May and a review in October are two events
        const [first, next] = o.pos >= me.pos ? [{ end: d.end! }, o] : [o, { start: d.start! }];
        if (!(next.start > first.end && next.start <= addDays(first.end, MAX_GAP))) return false;
        const between = o.pos >= me.pos ? bodyText.slice(me.pos + me.len, o.pos) : bodyText.slice(o.pos + o.len, me.pos);
        return between.length <= NEAR && (!SECTION.test(between) || (onHeading && HEADING_LINE.test(lineAt(bodyText, o.pos)) && (between.match(/\n/g) ?? []).length <= 3));
      });
    }
    if (!doubtful || (!openEnded && isRow(d) && inTaskTable(bodyText, pos))) continue;
    deadlines.splice(i, 1);
    ctx.unresolved.push({ field: "deadlines", raw, reason: DOUBTFUL_KIND });
  }
}

/** the reason given for a period that may be the campaign's own */
export const OWN_PERIOD = "可能是整个工作的起止时间而不是单独的活动时间，请核对";
/** a period this long or longer, stated before the first heading, is how a notice opens its campaign */
const LONG_DAYS = 28;
const TOP_HEADING = /\n\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+(?:部分|章))/;

/**
 * A campaign's own period is never one of its events. A window goes to `unresolved` when it holds the whole span, when
 * it holds every one of two or more dated phases (the period they divide), or when it is a month or longer and stated in
 * the notice's preamble, before its first heading ("决定于2016年9月至12月联合开展…专项行动"). `keep`: the window the
 * notice's own one-off event is given on purpose.
 */
export function campaignPeriodWindows(bodyText: string, ctx: Ctx, phases: Phase[], deadlines: ImportedDeadline[], span: ImportResult["span"], keep?: ImportedDeadline): void {
  const dated = phases.filter((p) => p.start && p.end);
  const first = dated.length >= 2 ? dated.reduce((a, p) => (p.start! < a ? p.start! : a), dated[0].start!) : null;
  const last = dated.length >= 2 ? dated.reduce((a, p) => (p.end! > a ? p.end! : a), dated[0].end!) : null;
  const heading = TOP_HEADING.exec(bodyText);
  const preambleEnd = heading ? heading.index : -1;
  for (let i = deadlines.length - 1; i >= 0; i--) {
    const d = deadlines[i];
    if (d.kind !== "window" || d === keep || !d.start || !d.end) continue;
    const holdsSpan = !!span.start && !!span.end && d.start <= span.start && d.end >= span.end;
    const holdsPhases = !!first && !!last && d.start <= first && d.end >= last;
    const pos = bodyText.indexOf(d.raw.trim());
    const opening = pos >= 0 && pos < preambleEnd && days(d.start, d.end) >= LONG_DAYS;
    if (!holdsSpan && !holdsPhases && !opening) continue;
    deadlines.splice(i, 1);
    ctx.unresolved.push({ field: "deadlines", raw: d.raw.trim(), reason: OWN_PERIOD });
  }
}
