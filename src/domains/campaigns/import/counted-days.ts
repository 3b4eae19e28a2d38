/** Due days counted from something else: a weekday with its bracketed date, 本周/下周X前 and 本月底/下月N日前 from the issue date, a bare 于31日前 from the date before it. */
import { addDays, dayOfWeek, isIsoDate } from "../../../core/calendar.js";
import { DATE_EXPR_SRC, parseDateExpr } from "../dates.js";
import { clauseTitle, recipientOf } from "./clause-title.js";
import type { Scan } from "./scan.js";

/** Weekday, week, month and bare-day deadlines. */
export function readCountedDays(x: Scan): void {
  const { s, o, orig, free, take, push, ctx } = x;
  let m: RegExpExecArray | null;

  // a weekday with its date in brackets: "于下周一（11月2日）之前" / "本周五(3月8日)前" — the bracketed date is the due day
  const wdRe = new RegExp(`(?:本|下|这)?(?:周|星期)[一二三四五六日天]\\s*[（(]\\s*(${DATE_EXPR_SRC})\\s*[)）]\\s*(之前|以前|前)`, "g");
  while ((m = wdRe.exec(s))) {
    if (!free(m.index, m.index + m[0].length) || !/\d/.test(m[1])) continue;
    take(m.index, m.index + m[0].length);
    const raw = orig(m.index, m.index + m[0].length);
    const r = parseDateExpr(m[1] + m[2], ctx);
    if (r.ok && r.granularity === "day") push({ kind: "once", title: clauseTitle(o, raw), due: r.end, raw, ...(recipientOf(o) ? { to: recipientOf(o) } : {}) });
    else ctx.unresolved.push({ field: "deadlines", raw, reason: `日期“${raw}”无法确定：${r.ok ? "不是具体某一天" : r.reason}` });
  }
  // "本周日前" / "下周三前": a weekday counted from the issue date (weeks run Monday to Sunday); no issue date → unresolved
  const relWdRe = /(本|这|下)\s*(?:周|星期)\s*([一二三四五六日天])\s*(?:下班|上午|下午|中午|晚上)?\s*(之前|以前|前)(?!\s*[（(])/g;
  while ((m = relWdRe.exec(s))) {
    if (!free(m.index, m.index + m[0].length)) continue;
    take(m.index, m.index + m[0].length);
    const raw = orig(m.index, m.index + m[0].length);
    const target = "一二三四五六日".indexOf(m[2] === "天" ? "日" : m[2]) + 1;
    if (!ctx.issueDate || !isIsoDate(ctx.issueDate)) {
      ctx.unresolved.push({ field: "deadlines", raw, reason: `“${raw}”相对于发文日期，但未找到发文日期` });
      continue;
    }
    const wd = dayOfWeek(ctx.issueDate) || 7;
    const offset = target - wd + (m[1] === "下" ? 7 : 0);
    if (offset < 0) {
      ctx.unresolved.push({ field: "deadlines", raw, reason: `“${raw}”早于发文日期（${ctx.issueDate}），请人工确认` });
      continue;
    }
    push({ kind: "once", title: clauseTitle(o, raw), due: addDays(ctx.issueDate, offset), raw, ...(recipientOf(o) ? { to: recipientOf(o) } : {}) });
  }
  // "本月底前" / "下月10日前": a month counted from the issue date; no issue date → unresolved ("每月…" is a rule, not this)
  const relMonRe = /(?<!每)(本月|当月|下月|下个月)\s*(?:(底|末)|(\d{1,2})\s*[日号])\s*(?:下班|上午|下午|中午|晚上)?\s*(之前|以前|前)/g;
  while ((m = relMonRe.exec(s))) {
    if (!free(m.index, m.index + m[0].length) || /每[^，。；;]{0,6}$/.test(s.slice(0, m.index))) continue;
    take(m.index, m.index + m[0].length);
    const raw = orig(m.index, m.index + m[0].length);
    if (!ctx.issueDate || !isIsoDate(ctx.issueDate)) {
      ctx.unresolved.push({ field: "deadlines", raw, reason: `“${raw}”相对于发文日期，但未找到发文日期` });
      continue;
    }
    let y = Number(ctx.issueDate.slice(0, 4));
    let mo = Number(ctx.issueDate.slice(5, 7));
    if (/^下/.test(m[1])) [y, mo] = mo === 12 ? [y + 1, 1] : [y, mo + 1];
    const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    const day = m[2] ? last : Number(m[3]);
    const due = `${y}-${String(mo).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    if (day < 1 || day > last || due < ctx.issueDate) {
      ctx.unresolved.push({ field: "deadlines", raw, reason: `“${raw}”无法确定或早于发文日期（${ctx.issueDate}），请人工确认` });
      continue;
    }
    push({ kind: "once", title: clauseTitle(o, raw), due, raw, ...(recipientOf(o) ? { to: recipientOf(o) } : {}) });
  }
  // "从即日起到12月29日…，学校将于31日前…": a day without its month takes the month of the date just before it in the
  // same sentence, when it does not come before that date (otherwise it is unclear: unresolved)
  const bareRe = /(?:于|在)\s*(\d{1,2})\s*[日号]\s*(之前|以前|前)/g;
  while ((m = bareRe.exec(s))) {
    if (!free(m.index, m.index + m[0].length) || /[月\d]\s*$/.test(s.slice(0, m.index))) continue;
    const prev = [...o.slice(0, m.index).matchAll(/(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g)].pop();
    if (!prev) continue;
    take(m.index, m.index + m[0].length);
    const raw = orig(m.index, m.index + m[0].length);
    if (Number(m[1]) < Number(prev[3])) {
      ctx.unresolved.push({ field: "deadlines", raw, reason: `日期“${raw}”没有写月份，且早于前文的${prev[0]}，请人工确认` });
      continue;
    }
    const r = parseDateExpr(`${prev[1] ? prev[1] + "年" : ""}${prev[2]}月${m[1]}日${m[2]}`, ctx);
    if (r.ok) push({ kind: "once", title: clauseTitle(o, raw, m.index), due: r.end, raw, ...(recipientOf(o) ? { to: recipientOf(o) } : {}) });
    else ctx.unresolved.push({ field: "deadlines", raw, reason: `日期“${raw}”无法确定：${r.reason}` });
  }
}
