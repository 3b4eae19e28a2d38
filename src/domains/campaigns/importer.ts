/**
 * The notice importer: plain text of an official notice → the JSON contract of issue 3
 * (title, issuer, docNumber, issuedOn, span, phases, deadlines, leadershipGroup, duties,
 * contacts, unresolved) and a draft plan built from it (see toDraftPlan).
 *
 * It never invents: every date comes from a date expression in the text (years inferred
 * from the issue date / doc number / other full dates in the body); what it cannot
 * resolve goes to `unresolved` with the raw text and the reason.
 */
import { isIsoDate } from "../../core/calendar.js";
import { cleanNotice, joinBroken, joinEventHeadings } from "./import/clean.js";
import { extractContacts } from "./import/contacts.js";
import type { Ctx } from "./import/context.js";
import { extractDeadlines } from "./import/deadlines.js";
import { cnDateLine, extractIssuer, extractTitle, yearContext } from "./import/identity.js";
import { CN, DOCNO_SRC } from "./import/patterns.js";
import { extractDuties, extractLeadership } from "./import/people.js";
import { campaignPeriodWindows, doubtfulWindows } from "./import/doubtful-kind.js";
import { dropRestated } from "./import/restated.js";
import { dropDoneEvents, dropLongPast } from "./import/past-dates.js";
import { dropNestedDetails, mergeGroupParts } from "./import/step-parts.js";
import { kindByStructure, loneRangeAsWindow } from "./import/kind-by-structure.js";
import { extractPhases } from "./import/phases.js";
import { scheduleRows } from "./import/schedule-rows.js";
import { scheduleTableWindows } from "./import/schedule-table.js";
import { extractSpan } from "./import/span.js";
import { parseDateExpr } from "./dates.js";
import { normalizeText, tightenDates } from "./text.js";

// the readers live in ./import/ (one file each); cleanNotice and joinBroken stay exported from here for forms-import
export { cleanNotice, joinBroken };

export interface ImportedDeadline {
  kind: "once" | "recurring" | "relative" | "window" | "immediate";
  title: string;
  due?: string | null;
  start?: string | null;
  end?: string | null;
  rule?: Record<string, unknown>;
  days?: number;
  dayType?: "calendar" | "working" | "unspecified";
  /** who must act, as worded (各学校) — extension of the contract, optional */
  who?: string;
  /** who receives it, as worded — extension of the contract, optional */
  to?: string;
  raw: string;
}

export interface ImportedMember {
  name: string | null;
  role: "leader" | "deputy" | "member";
  title?: string;
  department?: string;
}

export interface ImportResult {
  title: string | null;
  issuer: string | null;
  docNumber: string | null;
  issuedOn: string | null;
  span: { start: string | null; end: string | null; raw: string | null };
  phases: { name: string; start: string | null; end: string | null; raw: string }[];
  deadlines: ImportedDeadline[];
  leadershipGroup: { members: ImportedMember[]; office?: { department: string | null; director?: string | null } };
  duties: { department: string; text: string }[];
  contacts: { region?: string; office: string; phone: string }[];
  unresolved: { field: string; raw: string | null; reason: string }[];
}

/** Import a notice's plain text. */
export function importNotice(text: string): ImportResult {
  const unresolved: ImportResult["unresolved"] = [];
  const lines = cleanNotice(text);
  // headings first: a broken-line join would glue "1、自查时间" to its date line and that to the next item ("2、…")
  const body = joinBroken(joinEventHeadings(lines));
  const bodyText = body.join("\n");
  const title = extractTitle(lines);
  const head = lines.filter((l) => l.trim()).slice(0, 6);
  const docLine = head.find((l) => new RegExp(`^\\s*${DOCNO_SRC}\\s*$`).test(l));
  // info-disclosure pages (信息公开) carry the number and date as labelled metadata: "文件编号：X", "成文日期：2018-03-26"
  const metaNo = new RegExp(`(?:文件编号|发文字号|文\\s*号)\\s*[：:|]\\s*\\|?\\s*(${DOCNO_SRC})`).exec(lines.slice(0, 20).join("\n"));
  const docNumber = docLine ? docLine.trim().replace(/\s+/g, "") : metaNo ? metaNo[1].replace(/\s+/g, "") : null;
  const dateLine = lines.find((l) => cnDateLine(l));
  const metaDate = /(?:成文日期|发文日期|生成日期)\s*[：:|]\s*\|?\s*(\d{4})-(\d{2})-(\d{2})/.exec(lines.slice(0, 20).join("\n")) ??
    // a web page's 发布时间 line (removed with the page's boilerplate) still tells when the page put the notice out
    /(?:发布时间|发布日期)\s*[：:]\s*(\d{4})-(\d{2})-(\d{2})/.exec(normalizeText(text).split("\n").slice(0, 20).join("\n"));
  const issuedOn = dateLine ? cnDateLine(dateLine) : metaDate ? `${metaDate[1]}-${metaDate[2]}-${metaDate[3]}` : null;
  const issuer = extractIssuer(title, lines, bodyText);
  if (!issuer) unresolved.push({ field: "issuer", raw: null, reason: "正文未写明发文机关" });
  if (!issuedOn) unresolved.push({ field: "issuedOn", raw: null, reason: "正文中没有单独的成文日期行" });
  const yc = yearContext(issuedOn, docNumber, title, bodyText);
  // without an issue date, a footer "2013年12月4日印发" (the printing date) still tells when the notice was sent out: it is
  // the reference for reading a year-less January in a December notice as next year's (never the 即日 anchor)
  const printed = issuedOn ? null : /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*印发/.exec(bodyText);
  const refDate = printed ? `${printed[1]}-${printed[2].padStart(2, "0")}-${printed[3].padStart(2, "0")}` : null;
  const ctx: Ctx = { issueDate: issuedOn, year: yc.year, unresolved, ...(refDate && isIsoDate(refDate) ? { refDate } : {}) };
  const planAt = yc.planHeading ? body.findIndex((l, i) => i > 0 && l.trim() === yc.planHeading) : -1;
  if (planAt > 0 && issuedOn) ctx.cover = { before: body.slice(0, planAt).join("\n").length, year: Number(issuedOn.slice(0, 4)) };
  const masks = new Set<string>();

  let span = extractSpan(body, bodyText, title, ctx, masks);

  if (span.start && span.end) ctx.span = { start: span.start, end: span.end };
  const phases = extractPhases(body, ctx, masks);
  const rows = scheduleRows(body, ctx, masks, phases);
  phases.push(...rows.phases);
  dropNestedDetails(phases, bodyText);
  const tableWindows = scheduleTableWindows(lines, ctx, masks);
  const deadlines = [...extractDeadlines(body, ctx, masks), ...rows.windows, ...tableWindows];
  // "特决定组织开展灭火器使用演练活动。…时间:12月12日—12月16日": when the notice's own activity is a one-off event (a drill, a
  // training, a lecture, a meeting), the period under its bare 时间 label is both the notice's span and that event's window
  const ownEvent = new RegExp(`决定[^。；;]{0,12}?(?:组织)?(?:开展|举行|举办|进行)([^。；;，,]{0,20}?(?:演练|培训|讲座|宣讲|会议)(?:活动)?)\\s*[。，,]`).exec(bodyText);
  if (ownEvent && span.start && span.end && span.raw && new RegExp(`(?<![${CN}])时间\\s*[为：:]\\s*${span.raw.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`).test(bodyText) &&
    !deadlines.some((d) => d.kind === "window" && d.start === span.start && d.end === span.end))
    deadlines.push({ kind: "window", title: ownEvent[1], start: span.start, end: span.end, raw: span.raw });
  // "一、演练时间\n2024年4月18日（星期四）上午9:30": a heading naming an event's time over a line that opens with one day is
  // that event's day (a range under such a heading is the span, read by extractSpan)
  const evAt = body.findIndex((l) => /^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])?\s*(?:演练|培训|讲座|会议|比赛|竞赛)时间\s*[：:]?\s*$/.test(l));
  const evLine = evAt >= 0 ? body.slice(evAt + 1).find((l) => l.trim()) : undefined;
  const evDay = evLine ? /^\s*((?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号])(?!\s*(?:[至到—–\-－～~〜]|前|以前|之前))/.exec(evLine) : null;
  const evDate = evDay && !masks.has(evDay[1]) ? parseDateExpr(evDay[1], ctx) : null;
  if (evDay && evDate?.ok && evDate.start && !evDate.dueBy && !deadlines.some((d) => (d.start ?? d.due) === evDate.start))
    deadlines.push({ kind: "window", title: body[evAt].trim().replace(/^[一二三四五六七八九十]+、|^[（(][一二三四五六七八九十]+[)）]/, "").replace(/[：:]\s*$/, ""), start: evDate.start, end: evDate.start, raw: evLine!.trim() });
  // "初一年级9月10日、初二年级9月12日、初三年级9月15日分别开展…实践活动": one activity held by group on its own days is one
  // window, from the first group's day to the last's (分别 says the days are the same activity's; in order only)
  const G = `[${CN}]{1,4}(?:年级|学段|校区|学部)`;
  const D = "(?:\\d{4}\\s*年\\s*)?\\d{1,2}\\s*月\\s*\\d{1,2}\\s*[日号]";
  for (const gm of bodyText.matchAll(new RegExp(`(?:${G}\\s*${D}\\s*[、，,]\\s*)+${G}\\s*${D}\\s*分别\\s*(?:开展|进行|组织|举行|举办)([^。；;，,]{2,30})`, "g"))) {
    const days = [...gm[0].matchAll(new RegExp(D, "g"))].map((x) => parseDateExpr(x[0], ctx));
    if (!days.every((r) => r.ok && r.start && !r.dueBy)) continue;
    const iso = days.map((r) => (r.ok ? r.start! : ""));
    if (iso.some((d, k) => k > 0 && d <= iso[k - 1])) continue;
    if (deadlines.some((d) => d.kind === "window" && d.start === iso[0] && d.end === iso[iso.length - 1])) continue;
    deadlines.push({ kind: "window", title: gm[1].replace(/[“”"]/g, "").trim(), start: iso[0], end: iso[iso.length - 1], raw: gm[0] });
  }
  const ownEventWindow = ownEvent ? deadlines.find((d) => d.kind === "window" && d.title === ownEvent[1] && d.start === span.start && d.end === span.end) : undefined;
  // "一、检查时间 7月13日-7月16日 … (一)单位自查(7月13日-14日) (二)学校检查(7月15日-16日)": a period that the phases tile from the
  // first one's start to the last one's end is the campaign's own period (its span), not one more window
  if (!span.start && !span.end && phases.length >= 2 && phases.every((p) => p.start && p.end)) {
    const first = phases.reduce((a, p) => (p.start! < a ? p.start! : a), phases[0].start!);
    const last = phases.reduce((a, p) => (p.end! > a ? p.end! : a), phases[0].end!);
    const wi = deadlines.findIndex((d) => d.kind === "window" && d.start === first && d.end === last);
    if (wi >= 0) {
      span = { start: first, end: last, raw: deadlines[wi].raw };
      deadlines.splice(wi, 1);
    }
  }
  kindByStructure(bodyText, ctx, phases, deadlines);
  loneRangeAsWindow(body, ctx, phases, deadlines, span);
  dropRereadWindows(deadlines, phases, span, bodyText, ownEventWindow);
  doubtfulWindows(bodyText, ctx, phases, deadlines);
  campaignPeriodWindows(bodyText, ctx, phases, deadlines, span, ownEventWindow);
  mergeGroupParts(phases, bodyText);
  dropDoneEvents(deadlines, bodyText, issuedOn);
  dropRestated(deadlines);
  dropLongPast(phases, deadlines, issuedOn, unresolved);
  deadlines.forEach((d, i) => {
    for (const u of unresolved) if (u.field === "deadlines.rule.anchor" && u.raw === d.raw) u.field = `deadlines[${i}].rule.anchor`;
  });
  const leadershipGroup = extractLeadership(lines, bodyText, unresolved);
  const duties = extractDuties(body);
  const contacts = extractContacts(lines);
  if (yc.year && yc.source !== "发文日期" && [...phases, ...deadlines].length)
    unresolved.push({ field: "year", raw: String(yc.year), reason: `未写年份的日期按 ${yc.year} 年推断（依据：${yc.source}），请核对` });
  return {
    title,
    issuer,
    docNumber,
    issuedOn,
    span,
    phases,
    deadlines,
    leadershipGroup,
    duties,
    contacts,
    unresolved,
  };
}

/**
 * Safety nets against one text read twice (round 10). A window is dropped when
 * - it was read from the very text of a phase (its raw holds the phase's date, written once in the notice) with exactly
 *   the phase's dates: the row of a schedule read both ways; the phase is the better-founded reading. (A separate
 *   sentence that happens to give the same dates — "将于9月下旬…抽查" beside a 9月21日至9月30日 phase — stays a window.)
 * - its dates are exactly the campaign's span: the span is the notice's own period, not one more item — except the
 *   window the notice's own one-off event (a drill, a training) is given on purpose.
 */
function dropRereadWindows(deadlines: ImportedDeadline[], phases: ImportResult["phases"], span: ImportResult["span"], bodyText: string, keep?: ImportedDeadline): void {
  // (an open end counts: "2025年10月以后" read as a phase and as a window is one period)
  const samePeriod = (d: ImportedDeadline, s: string | null, e: string | null) => !!d.start && d.start === s && (d.end ?? null) === e;
  const once = (raw: string) => raw.length > 0 && bodyText.indexOf(raw) >= 0 && bodyText.indexOf(raw) === bodyText.lastIndexOf(raw);
  const sameText = (d: ImportedDeadline, raw: string) => once(raw) && (d.raw.includes(raw) || (raw.includes(d.raw) && once(d.raw)));
  for (let i = deadlines.length - 1; i >= 0; i--) {
    const d = deadlines[i];
    if (d.kind !== "window" || d === keep) continue;
    if (phases.some((p) => samePeriod(d, p.start, p.end) && sameText(d, p.raw)) || samePeriod(d, span.start, span.end)) deadlines.splice(i, 1);
  }
}

export { tightenDates };
