/** Recurring items: monthly, quarterly, per semester, weekly rules. */
import { parseNum } from "../text.js";
import { clauseTitle, recipientOf } from "./clause-title.js";
import { CN } from "./patterns.js";
import { N, type Scan } from "./scan.js";

/** What is handed in or sent up: 报送, 上报, 填报, 提交, 上传, 反馈, or "将…报<recipient>". */
// (also a form filled in and sent up to an office by a bare 报: "每周五…填写《排查表》报所在年级组" — 报 + the office that receives it)
// (round 16: "每周四放学前将《…记录表》交德育处" — 将 + what + a bare 交 to an office — is a hand-in too)
const WEEKLY_HAND_IN = /报送|上报|填报|提交|报备|上传|反馈|交至|交到|将[^。；;]{1,40}?交(?:给)?[\u4e00-\u9fa5]{0,8}?(?:年级组|教研组|政教处|德育处|教务处|办公室|安办|中心|[处室股科局])(?![\u4e00-\u9fa5])|将[^。；;]{1,40}?报(?!警|名|道|刊)|(?<![通举播预情汇警电画海公简快])报(?:所在|给)?[\u4e00-\u9fa5]{0,8}?(?:年级组|教研组|政教处|德育处|教务处|办公室|安办|中心|[处室股科局])(?![\u4e00-\u9fa5])/;

/** 每月25日前 / 次月10日前 / 每月底 / 每季度(末) / 每学期N次 / 每周五; 每两周 goes to unresolved. */
export function readRecurring(x: Scan): void {
  const { s, o, orig, free, take, push, ctx } = x;
  let m: RegExpExecArray | null;

  // recurring: 每月25日前
  const monRe = new RegExp(`每(?:个)?月\\s*${N}\\s*[日号]\\s*(?:之前|以前|前)?`, "g");
  while ((m = monRe.exec(s))) {
    const day = parseNum(m[1]);
    if (day === null || day < 1 || day > 31) continue;
    take(m.index, m.index + m[0].length);
    push({ kind: "recurring", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), rule: { every: "month", day }, raw: m[0].trim(), ...(recipientOf(o) ? { to: recipientOf(o) } : {}) });
  }
  // a monthly report due in the following month: "每月填写月报表…于次月10日前报送"
  if (/每(?:个)?月|月报/.test(s)) {
    const nextRe = new RegExp(`次月\\s*${N}\\s*[日号]\\s*(?:之前|以前|前)?`, "g");
    while ((m = nextRe.exec(s))) {
      const day = parseNum(m[1]);
      if (day === null || day < 1 || day > 31 || !free(m.index, m.index + m[0].length)) continue;
      take(m.index, m.index + m[0].length);
      push({ kind: "recurring", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), rule: { every: "month", day }, raw: orig(m.index, m.index + m[0].length).trim(), ...(recipientOf(o) ? { to: recipientOf(o) } : {}) });
    }
  }
  const monEndRe = /每(?:个)?月(?:底|末)(?:之前|以前|前)?/g;
  while ((m = monEndRe.exec(s))) {
    take(m.index, m.index + m[0].length);
    push({ kind: "recurring", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), rule: { every: "month", day: 31 }, raw: m[0] });
  }
  // every N months / quarter / half year
  const nmRe = new RegExp(`每(?:${N}个月|(季度)|(半年))`, "g");
  while ((m = nmRe.exec(s))) {
    const n = m[2] ? 3 : m[3] ? 6 : parseNum(m[1]);
    if (!n) continue;
    // "落实…幼儿园每季度一次的演练要求": a standing rule cited as a requirement, not a task of this notice
    if (new RegExp(`^[^，。；;]{0,10}?的[${CN}]{0,8}?(?:要求|规定|标准|制度)`).test(s.slice(m.index + m[0].length))) continue;
    const raw = /每[^，。；]{0,20}/.exec(s.slice(m.index))![0];
    // 每季度末 / 每季度最后一个月: a calendar quarter's end — dated by the calendar, not by a start month
    const qEnd = m[2] ? /^(?:末|底|最后一天|结束前)/.exec(s.slice(m.index + m[0].length)) : null;
    if (qEnd) {
      take(m.index, m.index + m[0].length + qEnd[0].length);
      push({ kind: "recurring", title: clauseTitle(o, orig(m.index, m.index + m[0].length + qEnd[0].length), m.index), rule: { every: "quarter", day: "last" }, raw });
      continue;
    }
    take(m.index, m.index + m[0].length);
    push({ kind: "recurring", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), rule: { every: `${n} months` }, raw });
    ctx.unresolved.push({ field: "deadlines.rule.anchor", raw, reason: "周期性事项未写明从哪个月开始（起始月份需人工确定）" });
  }
  // per semester: 每学期至少1-2次
  const semRe = new RegExp(`每(?:个)?学期[${CN}]{0,16}?${N}\\s*(?:[-－—~～至到]\\s*${N})?\\s*次`, "g");
  while ((m = semRe.exec(s))) {
    const min = parseNum(m[1]);
    const max = m[2] ? parseNum(m[2]) : null;
    if (min === null) continue;
    take(m.index, m.index + m[0].length);
    const rule: Record<string, unknown> = { every: "semester", min };
    if (max !== null) rule.max = max;
    push({ kind: "recurring", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), rule, raw: m[0] });
  }
  // weekly: 每周五 / 每周一前
  // ("每周一主题", "每周一次", "每周一课": 一 counts what the week holds, it is not Monday)
  const wkRe = /每(?:个)?(?:周|星期|礼拜)([一二三四五六日天])(?![次个项篇节期课讲题主场份])/g;
  while ((m = wkRe.exec(s))) {
    // only a weekly hand-in is an item: "每周五放学前进行一次提醒教育", "每周一升旗仪式进行安全提醒" are routines (like 每天巡查)
    if (!WEEKLY_HAND_IN.test(s.slice(m.index).split(/[。；;]/)[0])) continue;
    const weekday = "一二三四五六日".indexOf(m[1] === "天" ? "日" : m[1]) + 1;
    take(m.index, m.index + m[0].length);
    push({ kind: "recurring", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), rule: { every: "week", weekday }, raw: orig(m.index, m.index + m[0].length) });
  }
  // every N weeks: no start date in the text, so no dated rule
  const nwRe = new RegExp(`每(?:隔)?${N}(?:个)?(?:周|星期)`, "g");
  while ((m = nwRe.exec(s))) {
    if (parseNum(m[1]) === 1) continue;
    take(m.index, m.index + m[0].length);
    ctx.unresolved.push({ field: "deadlines", raw: o.slice(m.index, m.index + m[0].length + 12).trim(), reason: "每隔数周一次的周期未写明起始日期，未生成日期，请在计划中按需设置" });
  }
}
