/** Deadlines read sentence by sentence: relative, recurring, immediate, once (…前) and window (于…) items. */
import { addDays, dayOfWeek, isIsoDate } from "../../../core/calendar.js";
import { DATE_EXPR_SRC, RANGE_SEP, TIME_TAIL_SRC, parseDateExpr } from "../dates.js";
import type { ImportedDeadline } from "../importer.js";
import { parseNum } from "../text.js";
import { clauseTitle, recipientOf, whoOf } from "./clause-title.js";
import type { Ctx } from "./context.js";
import { CN, EVENT_LABEL } from "./patterns.js";

/**
 * An obligation word, then 立即/第一时间/马上, then any action ("要立即停运整改", "须立即拨打119", "要立即核实情况"): a task to do at
 * once. The must-word must stand right before 立即 (so "不能马上整改的" is not one) and be a must-word, not the tail of another
 * word (效应, 相应, 主要, 重要) nor denied (无须, 不要); a rule taking effect at once (立即生效 / 立即施行) is not a task.
 */
const IMMEDIATE_ANY = `(?<![不无毋勿])(?:必须|(?<![相反响适对供答效感])应当?|(?<![只主重纲摘概提])要|务必|须)(?:按要求)?\\s*(?:立即|第一时间|马上)(?!生效|施行)[${CN}]{2}`;

export function extractDeadlines(body: string[], ctx: Ctx, masks: Set<string>): ImportedDeadline[] {
  const original = body.join("\n");
  let text = original;
  // mask whole expressions only: a phase's "10月" must not hide the "10月" of a later "10月8日前"
  for (const m of masks)
    if (m) text = text.replace(new RegExp(`(?<![\\d年])${m.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\d一二三四五六七八九十]|\\s*[日号]|上|中|下|底|末)`, "g"), (x) => "※".repeat(x.length));
  // hide 《titles》 so their years and months are never read as dates (same length: offsets stay valid)
  text = text.replace(/《[^》\n]*》/g, (x) => "《" + "·".repeat(x.length - 2) + "》");
  const sentences: { s: string; o: string; at: number }[] = [];
  {
    let pos = 0;
    for (const part of text.split(/(?<=[。；;！!？?\n])/)) {
      sentences.push({ s: part, o: original.slice(pos, pos + part.length), at: pos });
      pos += part.length;
    }
  }
  const out: ImportedDeadline[] = [];
  const seen = new Set<string>();
  const push = (d: ImportedDeadline) => {
    // the same date restated is one deadline; two different things due the same day are two
    // ("12月1日前完成自查…", "…12月1日前上交申报表"); undated ones are told apart by their raw text
    const what = d.kind === "once" || d.kind === "window" ? (d.due === null || d.start === null ? d.raw + d.title : d.title) : "";
    const k = `${d.kind}|${d.kind === "immediate" ? d.raw : ""}|${d.due ?? ""}|${d.start ?? ""}|${d.end ?? ""}|${JSON.stringify(d.rule ?? "")}|${d.days ?? ""}|${d.dayType ?? ""}|${what}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(d);
  };
  const N = "(\\d+|[一二两三四五六七八九十]+)";
  // the same event announced ("拟于11月24日举行…") and restated under its own time label ("演练时间：11月24日…") is one
  // window; two labelled activities on one day (a lecture and a drill) stay two
  const windowsBy = { labelled: new Set<string>(), plain: new Set<string>() };
  const pushWindow = (d: ImportedDeadline, labelled: boolean) => {
    const k = `${d.start}|${d.end}`;
    if (d.start && (labelled ? windowsBy.plain : windowsBy.labelled).has(k)) return;
    if (d.start) (labelled ? windowsBy.labelled : windowsBy.plain).add(k);
    push(d);
  };
  for (const sentence of sentences) {
    const s = sentence.s.replace(/\n/g, "");
    const o = sentence.o.replace(/\n/g, "");
    const orig = (a: number, b: number) => o.slice(a, b);
    if (!s.trim()) continue;
    const used: [number, number][] = [];
    const free = (a: number, b: number) => !used.some(([x, y]) => a < y && b > x);
    const take = (a: number, b: number) => used.push([a, b]);
    let m: RegExpExecArray | null;

    // relative: 事件处置结束后 5 日内 / 办结后3个工作日内
    // (a school-calendar event the notice does not date — 开学后5日内, 放假离校后3日内, 返校后 — is an event like any other)
    const relRe = new RegExp(`([${CN}]{0,8}?(?:结束|闭幕|完成|办结|结案|终结|发生|发现|处理完毕|处置完毕|受理|接报|接到[${CN}]{0,6}|收到[${CN}]{0,6}|启动[${CN}]{0,6}|开学|放假|离校|返校))(?:之日)?(?:起|后)\\s*${N}\\s*(个)?\\s*(工作日|自然日|日|天)\\s*(?:内|以内)`, "g");
    while ((m = relRe.exec(s))) {
      const days = parseNum(m[2]);
      if (days === null) continue;
      take(m.index, m.index + m[0].length);
      push({ kind: "relative", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), days, dayType: m[4] === "工作日" ? "working" : m[4] === "自然日" ? "calendar" : "unspecified", raw: m[0].trim() });
    }
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
    // "事件发生后，学校须在2日内…，5个工作日内…": limits in later clauses of an anchored sentence
    // (the event may be named between: "学校发生学生欺凌事件后，应在3个工作日内…")
    // (also a school-calendar event: "开学后，各校须在5日内…")
    const anchorM = /(?:发生[^，。；、]{0,10}?|结束|完毕|办结|结案|接报|接到[^，。；]{0,6}|收到[^，。；]{0,6}|受理[^，。；]{0,6}|开学|放假|离校|返校)(?:之日)?(?:起|后)[，,]/.exec(s);
    if (anchorM) {
      const limRe = new RegExp(`${N}\\s*(个)?\\s*(工作日|自然日|日|天)\\s*(?:内|以内)`, "g");
      limRe.lastIndex = anchorM.index + anchorM[0].length;
      while ((m = limRe.exec(s))) {
        const days = parseNum(m[1]);
        if (days === null || !free(m.index, m.index + m[0].length)) continue;
        take(m.index, m.index + m[0].length);
        const raw = orig(anchorM.index, anchorM.index + anchorM[0].length) + "…" + orig(m.index, m.index + m[0].length);
        push({ kind: "relative", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), days, dayType: m[3] === "工作日" ? "working" : m[3] === "自然日" ? "calendar" : "unspecified", raw });
      }
    }
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
    const wkRe = /每(?:个)?(?:周|星期|礼拜)([一二三四五六日天])/g;
    while ((m = wkRe.exec(s))) {
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
    // hour limits (24小时内) are not day deadlines: report them, do not convert
    const hrRe = new RegExp(`${N}\\s*(?:个)?小时(?:内|以内)`, "g");
    while ((m = hrRe.exec(s))) {
      take(m.index, m.index + m[0].length);
      const ctxRaw = o.slice(Math.max(0, m.index - 16), m.index + m[0].length);
      ctx.unresolved.push({ field: "deadlines", raw: ctxRaw.trim(), reason: "按小时计的时限（事件触发），未换算为日期，请在计划中按需设置" });
    }
    // blank dates: ____年__月__日前 / 年 月 日前 / 于　　月　　日前 (month and day blank, no digit before them): the deadline is
    // there, its date is not — an undated once item AND an unresolved entry (the contract's ruling, as for blank-dated phases)
    const blankRe = /(?:(?:_{1,}|\s)\s*年\s*(?:_{1,}|\s)|(?<![\d一二三四五六七八九十〇零年※]\s*)(?:_{1,}|[ \t])+)\s*月\s*(?:_{1,}|\s)?\s*日\s*(?:之前|以前|前)/g;
    while ((m = blankRe.exec(s))) {
      take(m.index, m.index + m[0].length);
      const lead = /(?:于|在)\s*$/.exec(s.slice(0, m.index));
      const at = lead ? lead.index : m.index + (m[0].length - m[0].trimStart().length);
      const raw = orig(at, m.index + m[0].length);
      push({ kind: "once", title: clauseTitle(o, raw, at), due: null, raw });
      ctx.unresolved.push({ field: "deadlines", raw: o.slice(Math.max(0, m.index - 8), m.index + m[0].length + 12).trim(), reason: "日期空白（原文未填写年月日），需人工补充" });
    }
    // immediate: 立即启动 / 第一时间…启动
    const immRe = /(?:立即|第一时间)[^，。；]{0,6}?启动[^，。；]{0,20}/g;
    while ((m = immRe.exec(s))) {
      take(m.index, m.index + m[0].length);
      const raw = orig(m.index, m.index + m[0].length);
      push({ kind: "immediate", title: raw.replace(/^(?:立即|第一时间)[^启]*启动/, "启动"), raw });
    }
    // an obligation to report or act at once: "学校必须立即向县教体局报告", "须立即报警", "教师要立即进行劝阻"
    // (must + 立即 + report / alarm / take measures / stop — "要立即停止供应相关食品"): an immediate task, no date
    // (a report to someone at once — 立即/第一时间 报告/上报/报警 — is a task even when the must-word is left out:
    // "一旦发生溺水事故，第一时间向教育局报告")
    // (any action after the must-word and 立即 — "要立即停运整改", "须立即拨打119", "要立即核实情况", "要立即介入调查" — is one too;
    // a rule taking effect at once (立即生效/施行) is not a task, nor a clause that reports what was done (了))
    const immActRe = new RegExp(`(?:(?:必须|须|应当|应|要|务必)(?:按要求)?\\s*(?:立即|第一时间|马上)(?:向[^，。；、]{1,14}?)?(?:电话|书面)?(?:报告|上报|报警|采取[^，。；]{0,6}?措施|进行劝阻|劝阻|制止|停止(?:使用|供应|销售|营业|活动|施工|运行)?)|(?:立即|第一时间|马上)(?:向[^，。；、]{1,14}?)?(?:电话|书面)?(?:报告|上报|报警)|(?<any>${IMMEDIATE_ANY}))[^，。；]{0,16}`, "g");
    while ((m = immActRe.exec(s))) {
      if (!free(m.index, m.index + m[0].length) || (m.groups?.any && /(?<![为除])了(?![解结如])/.test(m[0]))) continue;
      take(m.index, m.index + m[0].length);
      const raw = orig(m.index, m.index + m[0].length);
      push({ kind: "immediate", title: raw.replace(/^(?:必须|须|应当|应|要|务必)?(?:按要求)?\s*/, ""), raw });
    }
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
    // dated: once (…前) and window (于…)
    const dRe = new RegExp(`(?:(?:请|须|要|应|并|将|拟|定|务必)?(?:于|在|截至|截止到?|(?:截止|截至|截稿|报名截止|提交截止)(?:时间|日期)\\s*(?:为|是|[：:])?|(?:最迟|最晚)(?:不超过|不晚于|于)?|不晚于|不迟于))?\\s*(${DATE_EXPR_SRC})`, "g");
    while ((m = dRe.exec(s))) {
      const a = m.index;
      const b = m.index + m[0].length;
      const expr = m[1];
      if (!free(a, b)) continue;
      if (!/\d|[一二三四五六七八九十]月/.test(expr) || /^即日/.test(expr)) continue;
      if (!/月/.test(expr)) continue;
      const before = s.slice(Math.max(0, a - 2), a);
      if (/每$|每个$/.test(before)) continue;
      const prefix = m[0].slice(0, m[0].length - expr.length);
      // "于开学第一周（9月4日—9月8日）开展…": the date in brackets glosses a time phrase after 于/在
      const hasYu = /于|在|截至|截止/.test(prefix) || (new RegExp(`(?:于|在)[${CN}\\d]{1,10}[（(]\\s*$`).test(s.slice(Math.max(0, a - 14), a)) && /^\s*[)）]/.test(s.slice(b)));
      // "截至2023年8月底，全县共排查隐患326处，已整改…": a count as of a day is a report, not a deadline
      if (/截至|截止/.test(prefix) && /^\s*[，,]\s*[^，。；;]{0,12}?(?:已|共|累计)(?!须|要|应)/.test(s.slice(b))) {
        take(a, b);
        continue;
      }
      // "于9月20日交学区办公室" / "9月20日上报": a day followed by a hand-in verb is the due day, even without 前
      const handIn = new RegExp(`^${TIME_TAIL_SRC}\\s*(?:报送|上报|上交|提交|送交|送达|报至|交至|交到|交(?!流|通|界|叉|替)|报(?!告|道|名|警)|(?:发布|上传|发送)(?:在|到|至)|发至)`).test(s.slice(m.index + m[0].length));
      const due = /(之前|以前|前)$/.test(expr) || /截至|截止|截稿|最迟|最晚|不晚于|不迟于|不超过/.test(prefix) || (handIn && /[日号]$/.test(expr.replace(/\s+/g, "")) && !new RegExp(RANGE_SEP).test(expr));
      const after = s.slice(b, b + 2);
      // "检查时间：3月3日至4日" / "督查时间为9月10日": when an inspection, meeting … takes place
      const labelled =
        new RegExp(`${EVENT_LABEL}\\s*(?:为|是|[：:])\\s*$`).test(s.slice(Math.max(0, a - 12), a)) ||
        // "时间：2019年11月12日 14:30" under one activity: a single day (or, when the notice lists several activities' times, a
        // range) is that activity's time; the campaign's own period (one range) was taken as the span and masked before
        new RegExp(`(?<![${CN}])时间\\s*(?:为|是|[：:])\\s*$`).test(s.slice(Math.max(0, a - 6), a));
      const clauseStart =
        (/(^|[。；;，,\n：:])\s*$/.test(s.slice(0, a)) && /^\s*[，,]/.test(s.slice(b)) && /^[\s，,]*[^，。；]{0,12}?(将|组织|开展|进行|召开|举行|对)/.test(s.slice(b))) ||
        // the whole sentence hangs on the date (it opens the sentence); the action may come a few clauses later; a
        // report of something done (了) is not a plan
        // ("12月4日上午9时-12时，组织人员…": a time range of the day may stand between the date and the comma)
        (/(?:^|[：:])\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?$/.test(s.slice(0, a)) && new RegExp(`^${TIME_TAIL_SRC}(?:\\s*[-—–~～至到]\\s*\\d{1,2}\\s*(?:[:：]\\s*\\d{2}|[时点]))?\\s*[，,]`).test(s.slice(b)) && /^[^。；;了]{0,60}?(组织|开展|进行|召开|举行)/.test(s.slice(b)) && !/^[^。；;]*了/.test(s.slice(b))) ||
        (/(?:^|[：:])\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?$/.test(s.slice(0, a)) &&
          new RegExp(`^${TIME_TAIL_SRC}\\s*(?:之间|期间)?\\s*(?:[（(][^（()）]{1,10}[)）])?\\s*(?!是)[^，。；;了]{0,30}?(?:召开|举行|开展|进行|组织)`).test(s.slice(b)) &&
          !/^[^。；;]*了/.test(s.slice(b)));
      // "政教处10月下旬组织…": a date right after a department or unit, followed by what it does
      const subjectStart =
        /(?:处|局|厅|科|室|股|组|中心|学校|各校|委员会|办)\s*$/.test(s.slice(Math.max(0, a - 6), a)) && /^\s*(?:将|要|须|应)?\s*(?:组织|开展|进行|召开|举行)/.test(s.slice(b));
      // "迎接市里九月下旬对我市…的检查": a date directly followed by 对 + whom + an inspection is when it happens
      const inspection = /^\s*对[^，。；,;]{1,30}?(?:检查|督查|抽查|督导|验收|评估|考核|调研)/.test(s.slice(b));
      // "11月20日至12月15日。结合…开展…": a period standing alone as a line's first sentence, under an activity's heading, is
      // when that activity runs (the campaign's own period was taken as the span and masked before)
      // (not under a time heading — "二、时间安排" + a period is the campaign's own time, not one activity's)
      const headingAbove = (original.slice(0, sentence.at).split("\n").filter((x) => x.trim()).pop() ?? "").trim();
      const periodLine = /(?:^|\n)\s*$/.test(sentence.s.slice(0, sentence.s.indexOf(s.slice(a, b)))) && a === s.search(/\S/) && new RegExp(RANGE_SEP).test(expr) && /^\s*。/.test(s.slice(b)) && /\d+\s*月\s*\d+\s*[日号]/.test(expr) && !/(?:时间|日期|期限|时限|安排|步骤|进度)\s*[：:]?$/.test(headingAbove);
      // "6月10日启动，6月25日完成": a task started on one day and finished on another runs between them
      const startFinish = /^\s*(?:正式)?启动\s*[，,]/.test(s.slice(b)) && !hasYu;
      if (startFinish) {
        const fm = new RegExp(`^\\s*(?:正式)?启动\\s*[，,]\\s*(${DATE_EXPR_SRC})\\s*(?:前)?(?:完成|完毕)`).exec(s.slice(b));
        if (fm && !new RegExp(RANGE_SEP).test(expr) && !/(之前|以前|前)$/.test(expr)) {
          take(a, b + fm[0].length);
          const r1 = parseDateExpr(expr, ctx);
          const r2 = parseDateExpr(fm[1].replace(/(之前|以前|前)$/, ""), ctx);
          const raw = orig(a, b + fm[0].length).trim();
          const title = clauseTitle(o, raw, a);
          if (r1.ok && r2.ok && r1.start && r2.end && r2.end >= r1.start) pushWindow({ kind: "window", title, start: r1.start, end: r2.end, raw }, false);
          else {
            pushWindow({ kind: "window", title, start: null, end: null, raw }, false);
            ctx.unresolved.push({ field: "deadlines", raw, reason: `日期“${raw}”无法确定：${!r1.ok ? r1.reason : !r2.ok ? r2.reason : "终点早于起点"}` });
          }
          continue;
        }
      }
      // "4、6月25日上午9:00街头宣传，地点：…": a sentence opening with a day whose activity names its place is that event's time
      const withPlace = /(?:^|[：:])\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?$/.test(s.slice(0, a)) && /^[^。；;了]{0,30}?[，,]\s*(?:活动)?地点\s*[：:为]/.test(s.slice(b)) && !due;
      // "利用周一（12月1日）国旗下讲话时间…" / "利用3月28日升旗仪式…": the occasion used for an activity is when it happens
      const occasion = /利用\s*(?:(?:本|下)?(?:周|星期)[一二三四五六日天])?\s*[（(]?\s*$/.test(s.slice(Math.max(0, a - 10), a)) && new RegExp(`^\\s*[)）]?\\s*(?:的)?[${CN}“”]{0,12}?(?:时间|仪式|班会|晨会|班队会|课)`).test(s.slice(b)) && !due;
      // "1、4月15日，各单位在门户网站转载…": a numbered item opening with a day, then who acts (各单位/各校/学校…) — that day's activity
      const itemSubject = /^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．])\s*$/.test(s.slice(0, a)) && new RegExp(`^${TIME_TAIL_SRC}\\s*[，,]\\s*(?:各[${CN}]{1,4}|学校|全校|全体[${CN}]{1,4}|[${CN}]{1,6}(?:处|部|科|办|室|组|中心))\\s*(?:要|须|将|应)?\\s*(?:在|于|利用|通过|组织|开展|进行|召开|举行)`).test(s.slice(b)) && !/^[^。；;]*了/.test(s.slice(b)) && !due;
      // "9月1日至9月7日为开学安全教育周，各校要…": a period named as an event week or month is when it runs
      const namedPeriod = /(?:^|[：:])\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?$/.test(s.slice(0, a)) && new RegExp(RANGE_SEP).test(expr) && new RegExp(`^\\s*(?:为|是)[${CN}“”"]{2,16}(?:周|月)\\s*[，,。；;]`).test(s.slice(b)) && !due;
      // "检查分两批进行：第一批11月13日—17日，第二批11月20日—24日": each batch's days
      const batch = new RegExp(`第[一二三四五六七八九十\\d]+批次?\\s*[：:为]?\\s*$`).test(s.slice(Math.max(0, a - 8), a)) && !due;
      if (!due && !hasYu && !namedPeriod && !batch && !clauseStart && !subjectStart && !labelled && !inspection && !periodLine && !withPlace && !occasion && !itemSubject) continue; // a bare date in running text is not a deadline
      if (/^(以来|以后|之后|起)/.test(after)) continue;
      // "《办法》将于9月1日起施行": when a rule takes effect is not a task of the campaign
      if (/^\s*(?:正式)?(?:施行|生效|(?:实施|执行)\s*(?:[。；;，,]|$))/.test(s.slice(b))) {
        take(a, b);
        continue;
      }
      // "在5月8前": a month followed by a number that is not a day (日 missing) — incomplete, never a whole month
      if (!/[日号旬底末前后起]$/.test(expr.replace(/\s+/g, "")) && /^\s*(?:\d|[一二三四五六七八九十]+[日号]?前)/.test(s.slice(b))) {
        take(a, b);
        ctx.unresolved.push({ field: "deadlines", raw: o.slice(Math.max(0, a - 8), b + 6).trim(), reason: `日期“${o.slice(a, b + 3).trim()}”不完整（缺少“日”或有错字），请人工确认` });
        continue;
      }
      take(a, b);
      const r = parseDateExpr(expr, ctx);
      const raw = m[0].trim();
      if (!r.ok) {
        ctx.unresolved.push({ field: "deadlines", raw: s.trim().slice(0, 80), reason: `日期“${raw}”无法确定：${r.reason}` });
        // the deadline exists, only its year is unknown: keep it, undated, for a person to date
        if (/缺少年份/.test(r.reason)) {
          const title = clauseTitle(o, orig(m.index, m.index + m[0].length), m.index);
          if (due) push({ kind: "once", title, due: null, raw });
          else push({ kind: "window", title, start: null, end: null, raw });
        }
        continue;
      }
      // the school calendar ("于9月1日正式开学", "1月20日放寒假") is not a task of the notice
      if (!due && /^\s*(?:起)?\s*(?:正式)?(?:开学|放假|放寒假|放暑假)(?![前之以])/.test(s.slice(b))) continue;
      // a report of what already happened ("会议于8月20日…召开，会上传达了…", before the notice was issued) is not a task
      if (!due && ctx.issueDate && r.end && r.end < ctx.issueDate && /(?<![为除])了(?![解结如])/.test(s)) continue;
      const extra = { ...(whoOf(o) ? { who: whoOf(o) } : {}), ...(recipientOf(o) ? { to: recipientOf(o) } : {}) };
      if (due) {
        if (r.granularity === "month" || (r.granularity === "range" && r.end === null)) {
          ctx.unresolved.push({ field: "deadlines", raw, reason: "“X月前”含义不明确（该月1日前还是月底前），请人工确认" });
          continue;
        }
        push({ kind: "once", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), due: r.end, raw, ...extra });
      } else if (r.openEnded) {
        push({ kind: "window", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), start: r.start, end: null, raw, ...extra });
      } else {
        pushWindow({ kind: "window", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), start: r.start, end: r.end, raw, ...extra }, labelled);
        // "将分别于10月26日（广州）、28日（清远）举行": further days of the same month listed after a one-day event
        if (r.granularity === "day" && r.start) {
          const lm = /^((?:\s*[（(][^（()）]{1,10}[)）])?\s*[、和及]\s*(\d{1,2})\s*[日号])/;
          let rest = b;
          let dm: RegExpExecArray | null;
          while ((dm = lm.exec(s.slice(rest)))) {
            const day = Number(dm[2]);
            const d = `${r.start.slice(0, 8)}${String(day).padStart(2, "0")}`;
            take(rest, rest + dm[0].length);
            if (day > Number(r.start.slice(8, 10)) && day <= 31 && isIsoDate(d) && Number(d.slice(8, 10)) === day) pushWindow({ kind: "window", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), start: d, end: d, raw: orig(rest, rest + dm[0].length).trim(), ...extra }, labelled);
            else ctx.unresolved.push({ field: "deadlines", raw: orig(rest, rest + dm[0].length).trim(), reason: "列出的日期没有写月份，且不在前一日期之后，请人工确认" });
            rest += dm[0].length;
          }
        }
      }
    }
  }
  return out;
}
