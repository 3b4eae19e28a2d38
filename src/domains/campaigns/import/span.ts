/** The campaign's own period (span): 自即日起至…, 行动时间：…, 决定于A至B开展…, a 活动时间 heading over its date line. */
import { DATE_EXPR_SRC, RANGE_SEP, parseDateExpr } from "../dates.js";
import type { ImportResult } from "../importer.js";
import type { Ctx } from "./context.js";
import { CN } from "./patterns.js";

export function extractSpan(body: string[], bodyText: string, title: string | null, ctx: Ctx, masks: Set<string>): ImportResult["span"] {
  const unresolved = ctx.unresolved;
  // "一、举办展览 时间：11月7日-11月13日 … 二、举办讲座 时间：11月12日 …": several bare 时间 lines are the activities' own times
  const severalTimes = [...bodyText.matchAll(new RegExp(`(?<![${CN}])时间\\s*[为：:]\\s*(?:${DATE_EXPR_SRC})`, "g"))].filter((x) => /\d|[一二三四五六七八九十]月/.test(x[0])).length >= 2;
  let span: ImportResult["span"] = { start: null, end: null, raw: null };
  const sm =
    new RegExp(`(?:自|从)\\s*((?:即日起?|${DATE_EXPR_SRC.replace(/\(\?:之前\|以前\|前\|以后\|之后\|起\)\?$/, "")})\\s*(?:起)?\\s*${RANGE_SEP}\\s*(?:\\d{4}\\s*年\\s*)?\\d{1,2}\\s*月(?:\\s*\\d{1,2}\\s*[日号]|底|末)?)`).exec(bodyText) ??
    [...bodyText.matchAll(new RegExp(`(?<!截止|截至)(?:(?:行动|活动|治理|整治|工作)(?:时间|期限)[为：:]?|${severalTimes ? "(?!)" : `(?<![${CN}])(?:时间|期限)[为：:]`})\\s*(${DATE_EXPR_SRC})`, "g"))].find((x) => new RegExp(RANGE_SEP).test(x[1])) ??
    null;
  let spanExpr: string | null = sm ? sm[1] : null;
  if (!spanExpr) {
    // "决定于2025年4月至6月开展…专项行动": the campaign's own span
    // "决定于2024年2月28日至3月1日对全区学校开展…检查": what the notice decides to carry out over a range is the campaign itself
    const am = new RegExp(`(?:决定|定于|拟于)\\s*(?:于|在)?\\s*(${DATE_EXPR_SRC})\\s*(?:期间)?\\s*[，,]?\\s*(?:(?:在|对|面向)[^，。；,;]{1,24}?)?(?:组织|联合|集中|统一|全面|深入)?开展`).exec(bodyText);
    // (a whole month too — "决定在2018年11月开展…宣传月活动": the month the notice decides on is the campaign's own period)
    if (am && (new RegExp(RANGE_SEP).test(am[1]) || /^\s*(?:\d{4}\s*年\s*)?(?:\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月份?\s*$/.test(am[1]))) spanExpr = am[1];
  }
  if (!spanExpr && title) {
    // "各校于9月1日至12月31日期间开展专项整治行动" when the title is "…专项整治行动…的通知": the period of the notice's own campaign
    const om = new RegExp(`(?:于|在)\\s*(${DATE_EXPR_SRC})\\s*(?:期间)?\\s*[，,]?\\s*(?:在[^，。；,;]{1,20}?)?(?:组织)?开展([${CN}“”]{4,24}?)(?=[，,。；;]|$)`, "m").exec(bodyText);
    if (om && new RegExp(RANGE_SEP).test(om[1]) && !/(之前|以前|前)$/.test(om[1]) && /(?:行动|活动|治理|整治|工作)$/.test(om[2]) && title.replace(/\s+/g, "").includes(om[2].replace(/[“”]/g, "").slice(-4))) spanExpr = om[1];
  }
  if (!spanExpr) {
    const hi = body.findIndex((l) => /^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])?\s*(?:活动|行动|工作|治理|整治)时间\s*[：:]?\s*$/.test(l));
    const next = hi >= 0 ? body.slice(hi + 1).find((l) => l.trim()) : undefined;
    // the line may go on ("2016年6月，其中从6月20日起…"); a whole month is a period too
    const nm = next ? new RegExp(`^\\s*(${DATE_EXPR_SRC})\\s*(?:[。.]\\s*$|$|[，,；;](?=.*\\S))`).exec(next) : null;
    if (nm && (new RegExp(RANGE_SEP).test(nm[1]) || /^\s*\d{4}\s*年\s*\d{1,2}\s*月份?\s*$/.test(nm[1]))) spanExpr = nm[1];
  }
  if (spanExpr) {
    const sm1 = [spanExpr];
    const r = parseDateExpr(sm1[0], ctx);
    masks.add(sm1[0]);
    if (r.ok) span = { start: r.start, end: r.end, raw: sm1[0].trim() };
    else unresolved.push({ field: "span", raw: sm1[0], reason: r.reason });
  }
  return span;
}
