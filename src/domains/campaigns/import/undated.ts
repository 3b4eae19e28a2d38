/** What carries no date: hour limits (reported only) and wholly blank dates (an undated once + unresolved). */
import { clauseTitle } from "./clause-title.js";
import { N, type Scan } from "./scan.js";

/** 24小时内: not a day deadline, reported in unresolved. */
export function readHourLimits(x: Scan): void {
  const { s, o, take, ctx } = x;
  let m: RegExpExecArray | null;

  // hour limits (24小时内) are not day deadlines: report them, do not convert
  const hrRe = new RegExp(`${N}\\s*(?:个)?小时(?:内|以内)`, "g");
  while ((m = hrRe.exec(s))) {
    take(m.index, m.index + m[0].length);
    const ctxRaw = o.slice(Math.max(0, m.index - 16), m.index + m[0].length);
    ctx.unresolved.push({ field: "deadlines", raw: ctxRaw.trim(), reason: "按小时计的时限（事件触发），未换算为日期，请在计划中按需设置" });
  }
}

/** ____年__月__日前 / 于　月　日前: an undated once item and an unresolved entry. */
export function readBlankDates(x: Scan): void {
  const { s, o, orig, take, push, ctx } = x;
  let m: RegExpExecArray | null;

  // blank dates: ____年__月__日前 / 年 月 日前 / 于　　月　　日前 / 2023年　月　日（星期　）前 (month and day blank, no digit before
  // them), or a blank after 截止时间：: the deadline is there, its date is not — an undated once item AND an unresolved entry
  // (the contract's ruling, as for blank-dated phases)
  const B = "(?:[_＿]{1,}|[ \\t])";
  const weekday = "(?:[（(](?:星期|周)[\\s_＿]*[一二三四五六日天]?[\\s_＿]*[)）])?";
  const blankRe = new RegExp(
    `(?:(?:[_＿]{1,}|\\s)\\s*年\\s*(?:[_＿]{1,}|\\s)|(?<![\\d一二三四五六七八九十〇零※\\s_＿])[_＿ \\t]+)月\\s*(?:[_＿]{1,}|\\s)?\\s*日\\s*${weekday}\\s*(?:之前|以前|前)` +
      `|(?<=(?:截止|截至)(?:时间|日期)\\s*(?:为|是|[：:])\\s*)${B}+\\s*(?:年\\s*${B}+)?\\s*月\\s*${B}+\\s*日`,
    "g",
  );
  // a blank window — "于　月　日至　月　日开展…" (both ends blank) — is there too: an undated window + unresolved
  // (ahead of the once reader: its first end would otherwise be missed and its second taken as a due day)
  const BL = "[_＿ \\t\\u3000]";
  const winRe = new RegExp(`(?<![\\d一二三四五六七八九十〇零_＿])(?:(?:于|在|从|自)\\s*)?${BL}+月${BL}+日\\s*${weekday}\\s*(?:至|到|—{1,2}|–|-{1,2}|－|～|~)\\s*${BL}*月${BL}+日(?!\\s*(?:之前|以前|前))`, "g");
  while ((m = winRe.exec(s))) {
    take(m.index, m.index + m[0].length);
    // "周次：第　　周（　　月　　日—　　月　　日）": a blank week glossed by a blank range is a form's field (a weekly report's
    // header, filled in each week), not an item of the notice
    if (/第[\s\u3000_＿]+周\s*[（(]\s*$/.test(s.slice(Math.max(0, m.index - 12), m.index))) continue;
    const raw = orig(m.index, m.index + m[0].length).trim();
    push({ kind: "window", title: clauseTitle(o, raw, m.index), start: null, end: null, raw });
    ctx.unresolved.push({ field: "deadlines", raw: o.slice(Math.max(0, m.index - 8), m.index + m[0].length + 12).trim(), reason: "日期空白（原文未填写起止日期），需人工补充" });
  }
  // "本月　日前" — this month named, the day left blank: an undated once + unresolved
  const monthRe = new RegExp(`(?:(?:于|在)\\s*)?(?:本|当|下)月${BL}+日\\s*${weekday}\\s*(?:之前|以前|前)`, "g");
  while ((m = monthRe.exec(s))) {
    take(m.index, m.index + m[0].length);
    const raw = orig(m.index, m.index + m[0].length).trim();
    push({ kind: "once", title: clauseTitle(o, raw, m.index), due: null, raw });
    ctx.unresolved.push({ field: "deadlines", raw: o.slice(Math.max(0, m.index - 8), m.index + m[0].length + 12).trim(), reason: "日期空白（原文未填写日），需人工补充" });
  }
  while ((m = blankRe.exec(s))) {
    if (!x.free(m.index, m.index + m[0].length)) continue;
    take(m.index, m.index + m[0].length);
    const lead = /(?:(?:于|在)\s*)?(?:\d{4}\s*年\s*)?$/.exec(s.slice(0, m.index));
    const at = lead && lead[0] ? lead.index : m.index + (m[0].length - m[0].trimStart().length);
    const raw = orig(at, m.index + m[0].length);
    push({ kind: "once", title: clauseTitle(o, raw, at), due: null, raw });
    ctx.unresolved.push({ field: "deadlines", raw: o.slice(Math.max(0, m.index - 8), m.index + m[0].length + 12).trim(), reason: "日期空白（原文未填写年月日），需人工补充" });
  }
}
