/** Windows given as periods: 从…起为期N天, 期间（A至B）, several periods listed after 时间为. */
import { addDays } from "../../../core/calendar.js";
import { DATE_EXPR_SRC, RANGE_SEP, parseDateExpr } from "../dates.js";
import { parseNum } from "../text.js";
import { clauseTitle } from "./clause-title.js";
import { CN } from "./patterns.js";
import { N, type Scan } from "./scan.js";

/** "从6月20日起开展为期10天的…": a window of that many days. */
export function readForDays(x: Scan): void {
  const { s, o, orig, free, take, pushWindow, ctx } = x;
  let m: RegExpExecArray | null;

  // "从6月20日起开展为期10天的集中宣传": a window of that many days from the date (周 = 7 days)
  const forRe = new RegExp(`(?:从|自|于)\\s*((?:\\d{4}\\s*年\\s*)?\\d{1,2}\\s*月\\s*\\d{1,2}\\s*[日号])\\s*(?:起|开始)[^。；;，,]{0,16}?为期\\s*${N}\\s*(天|日|周)`, "g");
  while ((m = forRe.exec(s))) {
    const n = parseNum(m[2]);
    const r = parseDateExpr(m[1], ctx);
    if (n === null || n < 1 || !free(m.index, m.index + m[0].length)) continue;
    take(m.index, m.index + m[0].length);
    const days = m[3] === "周" ? 7 * n : n;
    if (r.ok && r.start) pushWindow({ kind: "window", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), start: r.start, end: addDays(r.start, days - 1), raw: m[0].trim() }, false);
    else {
      pushWindow({ kind: "window", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), start: null, end: null, raw: m[0].trim() }, false);
      ctx.unresolved.push({ field: "deadlines", raw: o, reason: `日期“${m[1]}”无法确定：${r.ok ? "不是具体日期" : r.reason}` });
    }
  }
}

/** 期间（A至B） and 时间为A、B、C lists: one window each. */
export function readPeriods(x: Scan): void {
  const { s, o, orig, free, take, push, pushWindow, ctx } = x;
  let m: RegExpExecArray | null;

  // a period in brackets after 期间: "在开学期间全天（2月10日至20日）…加强巡逻" — when something happens
  const perRe = new RegExp(`期间[${CN}]{0,3}\\s*[（(]\\s*(${DATE_EXPR_SRC})\\s*[)）]`, "g");
  while ((m = perRe.exec(s))) {
    if (!free(m.index, m.index + m[0].length) || !new RegExp(RANGE_SEP).test(m[1]) || /(之前|以前|前)$/.test(m[1])) continue;
    take(m.index, m.index + m[0].length);
    const raw = orig(m.index, m.index + m[0].length);
    const r = parseDateExpr(m[1], ctx);
    if (r.ok) push({ kind: "window", title: clauseTitle(o, raw), start: r.start, end: r.end, raw });
    else {
      ctx.unresolved.push({ field: "deadlines", raw, reason: `日期“${m[1]}”无法确定：${r.reason}` });
      if (/缺少年份/.test(r.reason)) push({ kind: "window", title: clauseTitle(o, raw), start: null, end: null, raw });
    }
  }
  // "具体时间为3月17日-3月21日、4月21日-4月25日、5月19日-5月23日": several periods listed after 时间为 — one window each
  // (a list cannot be one span); an element that is not a clean date is reported, never guessed
  const listRe = new RegExp(`时间\\s*(?:为|是|[：:])\\s*((?:[^、，,。；;\\s]{3,20}[、])+[^、，,。；;\\s]{3,20})`, "g");
  while ((m = listRe.exec(s))) {
    const els = m[1].split("、");
    const at = m.index + m[0].length - m[1].length;
    if (els.length < 2 || !free(at, at + m[1].length) || !els.every((e) => /\d+\s*月/.test(e)) || !els.some((e) => new RegExp(`^(?:${DATE_EXPR_SRC})$`).test(e))) continue;
    take(at, at + m[1].length);
    let off = at;
    for (const e of els) {
      const raw = orig(off, off + e.length);
      off += e.length + 1;
      const r = new RegExp(`^(?:${DATE_EXPR_SRC})$`).test(e) ? parseDateExpr(e, ctx) : null;
      if (r && r.ok && !r.dueBy) pushWindow({ kind: "window", title: clauseTitle(o, raw), start: r.start, end: r.end, raw }, true);
      else ctx.unresolved.push({ field: "deadlines", raw, reason: `日期“${raw}”无法确定：${r && !r.ok ? r.reason : "不是完整的日期（可能有错字）"}` });
    }
  }
}
