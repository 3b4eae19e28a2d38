/**
 * Phase vs window by structure (round 11). A campaign's own schedule is a CHAIN: two or more dated ranges written
 * close together (one paragraph, one list), in date order, each starting on or shortly after the previous one's end
 * and each several days long. Such a chain is the campaign's phases whatever the layout (headings, inline "一是…，
 * 9月3日至9月14日", "第一步，摸底排查（9月12日至9月30日）", numbered lists) and whether or not 阶段/步骤 is written; a
 * member read as a window becomes a phase, a member not read at all is added as one. An inspection tour of short
 * contiguous days stays windows (each member must last ≥ MIN_DAYS).
 */
import { addDays } from "../../../core/calendar.js";
import { parseDateExpr, RANGE_SEP } from "../dates.js";
import type { ImportedDeadline, ImportResult } from "../importer.js";
import type { Ctx } from "./context.js";
import { DOUBTFUL_KIND } from "./doubtful-kind.js";
import { EVENT_WORDS } from "./patterns.js";

/** each member lasts at least this many days (a tour of districts day by day is no schedule) */
const MIN_DAYS = 5;
/** the next member starts no later than this many days after the previous one ends */
const MAX_GAP = 7;
/** at most this many characters of text between two members (one paragraph or one short list) */
const MAX_TEXT_GAP = 160;

type Phase = ImportResult["phases"][number];
interface Member { pos: number; len: number; start: string; end: string; raw: string; phase: boolean }

const DAY = "(?:\\d{4}\\s*年\\s*)?\\d{1,2}\\s*月\\s*\\d{1,2}\\s*[日号]";
const RANGE = new RegExp(`${DAY}\\s*${RANGE_SEP}\\s*(?:(?:\\d{4}\\s*年\\s*)?\\d{1,2}\\s*月\\s*)?\\d{1,2}\\s*[日号]`, "g");

const MONTHS = `(?:\\d{4}\\s*年\\s*)?\\d{1,2}\\s*月(?:\\s*${RANGE_SEP}\\s*(?:\\d{4}\\s*年\\s*)?\\d{1,2}\\s*月)?`;
const PLAIN = new RegExp(`^(?:${RANGE.source}|${MONTHS})$`);

const SECTION = /\n\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+(?:部分|章))/;

const days = (s: string, e: string) => {
  let n = 1;
  for (let d = s; d < e && n < 400; d = addDays(d, 1)) n++;
  return n;
};

/** the work named just before a range: "第一步，摸底排查（" → 摸底排查; "一是摸底排查，" → 摸底排查 */
function nameBefore(text: string, pos: number): string {
  const before = text.slice(Math.max(0, pos - 30), pos);
  const clause = before.split(/[。；;，,：:]\s*(?=[^。；;，,：:]*[（(]?\s*$)/).pop() ?? before;
  return clause.replace(/[（(【\[]\s*$/, "").replace(/^.*?(?:第[一二三四五六七八九十\d]+(?:步|阶段|环节)|[一二三四五六七八九十]+是|\d+[．.、])\s*[，,、：:]?/, "").replace(/[，,、：:\s]+$/, "").trim() || "阶段";
}

/**
 * Three members make a schedule; two do only when one of them was already read as a phase: a self-check period and the
 * spot-check after it ("自查时间 3月8日—3月15日 … 3月16日-22日之间…抽查") are two events, not a campaign's stages.
 */
const isChain = (c: Member[]) => c.length >= 3 || (c.length === 2 && c.some((m) => m.phase));

/**
 * What says a run of ranges is the campaign's schedule and not a series of events (round 13): a stage word (阶段, 步骤,
 * 第N步, 环节, 进度), an announcement (分三步, 分两个阶段), an enumeration of steps (一是…二是), or a section heading that
 * plans (时间安排, 工作步骤, 实施计划, 工作流程).
 */
const SCHEDULE_WORDS = /阶段|階段|步骤|步驟|第[一二三四五六七八九十\d]+步|环节|環節|进度|進度|分[一二三四五六七八九十两\d]+(?:步|个|批|期)|[一二三四五六七八九十]是/;
const PLANNING_HEADING = /安排|步骤|步驟|计划|計劃|流程|程序|进度|進度|阶段|階段/;

function scheduleEvidence(bodyText: string, chain: Member[]): boolean {
  const first = chain[0];
  const last = chain[chain.length - 1];
  const before = bodyText.slice(0, first.pos);
  // (a heading's numeral may be followed by a comma or a dot in plain-text copies: "一,工作安排")
  const lastHead = [...before.matchAll(/(?:^|\n)\s*((?:[一二三四五六七八九十]+\s*[、,，.．]|第[一二三四五六七八九十]+(?:部分|章))[^\n]*)/g)].pop();
  if (lastHead && PLANNING_HEADING.test(lastHead[1])) return true;
  // the chain's own text and the sentence that introduces it
  const from = Math.max(0, first.pos - 60, lastHead ? lastHead.index! : 0);
  return SCHEDULE_WORDS.test(bodyText.slice(from, last.pos + last.len));
}

/** Reclassify dated windows that are members of a chain as phases, and add the chain members nobody read. */
export function kindByStructure(bodyText: string, ctx: Ctx, phases: Phase[], deadlines: ImportedDeadline[]): void {
  const found: Member[] = [];
  const add = (raw: string, start: string | null | undefined, end: string | null | undefined, at?: number, phase = false) => {
    if (!start || !end || start >= end) return;
    const pos = at ?? bodyText.indexOf(raw);
    if (pos < 0 || (at === undefined && bodyText.lastIndexOf(raw) !== pos)) return;
    if (found.some((m) => m.start === start && m.end === end && Math.abs(m.pos - pos) < 40)) return;
    found.push({ pos, len: raw.length, start, end, raw, phase });
  };
  for (const p of phases) add(p.raw, p.start, p.end, undefined, true);
  // a window joins a chain only when written as a plain range of days or of whole months: "5月下旬召开…" (a part of a
  // month), "3月16-22日之间（具体日期待定）…抽查", "初一年级9月10日、初二年级9月12日…分别" are an event's dates
  // (round 16) a range lying inside a dated phase's period is a part of that step (a grade's, a batch's days) or an event
  // within it ("督导抽查 | 9月1日—10月31日 | …抽查时间为10月16日至10月27日"), never a stage of its own
  const inPhase = (s: string, e: string) => phases.some((p) => p.start && p.end && p.start <= s && e <= p.end && (p.start !== s || p.end !== e));
  for (const d of deadlines) if (d.kind === "window" && PLAIN.test(d.raw.trim()) && !(d.start && d.end && inPhase(d.start, d.end))) add(d.raw, d.start, d.end);
  for (const m of bodyText.matchAll(RANGE)) {
    const r = parseDateExpr(m[0], ctx);
    if (r.ok && r.start && r.end && !r.dueBy && !inPhase(r.start, r.end)) add(m[0], r.start, r.end, m.index);
  }
  found.sort((a, b) => a.pos - b.pos);
  const chains: Member[][] = [];
  let cur: Member[] = [];
  for (const m of found) {
    const prev = cur[cur.length - 1];
    // a chain stays in one section: a heading between two ranges ("二、工作要求") starts another part of the notice
    const between = prev ? bodyText.slice(prev.pos + prev.len, m.pos) : "";
    const linked = prev && between.length <= MAX_TEXT_GAP && !SECTION.test(between) && m.start > prev.end && m.start <= addDays(prev.end, MAX_GAP) &&
      days(m.start, m.end) >= MIN_DAYS && days(prev.start, prev.end) >= MIN_DAYS;
    if (linked) cur.push(m);
    else {
      if (isChain(cur)) chains.push(cur);
      cur = [m];
    }
  }
  if (isChain(cur)) chains.push(cur);
  for (const chain of chains) {
    // a chain of which no member was read as a phase, with nothing calling it a schedule, may as well be a series of
    // events (4月8日至12日开展消防检查，4月15日至19日开展食堂检查…): say so rather than guess either way
    if (!chain.some((m) => m.phase) && !scheduleEvidence(bodyText, chain)) {
      for (const m of chain) {
        const wi = deadlines.findIndex((d) => d.kind === "window" && d.start === m.start && d.end === m.end);
        if (wi >= 0) deadlines.splice(wi, 1);
        ctx.unresolved.push({ field: "deadlines", raw: m.raw.trim(), reason: DOUBTFUL_KIND });
      }
      continue;
    }
    for (const m of chain) {
      if (phases.some((p) => p.start === m.start && p.end === m.end)) continue;
      const wi = deadlines.findIndex((d) => d.kind === "window" && d.start === m.start && d.end === m.end);
      const name = (wi >= 0 ? deadlines[wi].title : nameBefore(bodyText, m.pos)).replace(/^[：:，,、\s]+/, "") || "阶段";
      if (wi >= 0) deadlines.splice(wi, 1);
      phases.push({ name, start: m.start, end: m.end, raw: m.raw });
    }
  }
}

const EVENT_NEAR = new RegExp(`${EVENT_WORDS}|活动|讲座|家访|竞赛|比赛|教育|班会|家长会|演讲|宣传周|宣传月`);

const STAGE = /阶段|階段|步骤|步驟|第[一二三四五六七八九十\d]+步|环节|環節/;

/**
 * A lone dated range is no schedule: when the notice yields a single dated phase and nothing on its line calls it a
 * stage (阶段, 步骤, 第一步, 环节), it is an event happening on those dates — "1. 新生心理普查：9月11日至9月22日，心理辅导室
 * 组织七年级新生开展测评" in a school's list of tasks — and is read as a window. (A lone "第三阶段…调整为6月11日至7月10日" or
 * "自查阶段(7月4日-7月10日)" stays a phase, and so does one under "二、检查步骤" or in a table headed "| 阶段 |".)
 */
export function loneRangeAsWindow(body: string[], ctx: Ctx, phases: Phase[], deadlines: ImportedDeadline[], span: ImportResult["span"]): void {
  if (phases.length !== 1) return;
  const p = phases[0];
  // (the campaign's own period is no event of it: a lone phase that is the span stays as read)
  if (!p.start || !p.end || !p.raw.trim() || (p.start === span.start && p.end === span.end)) return;
  const at = body.findIndex((l) => l.includes(p.raw.trim()));
  if (at < 0 || body.findIndex((l, i) => i > at && l.includes(p.raw.trim())) >= 0 || STAGE.test(p.name)) return;
  // its section counts too: the heading above it ("二、检查步骤", "一、工作进度") or a table's header ("| 阶段 | 时间 |")
  let from = at;
  while (from > 0 && !/^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)/.test(body[from])) from--;
  if (body.slice(from, at + 1).some((l) => STAGE.test(l) || /进度|進度/.test(l))) return;
  phases.splice(0, 1);
  if (deadlines.some((d) => d.kind === "window" && d.start === p.start && d.end === p.end)) return;
  // (round 13) an event needs a word saying what happens (普查, 检查, 测评, 演练, 培训, 活动…): without one the range is
  // neither a declared stage nor a named event, and a person is asked instead of either guess
  if (EVENT_NEAR.test(body[at])) deadlines.push({ kind: "window", title: p.name, start: p.start, end: p.end, raw: p.raw });
  else ctx.unresolved.push({ field: "phases", raw: p.raw.trim(), reason: DOUBTFUL_KIND });
}
