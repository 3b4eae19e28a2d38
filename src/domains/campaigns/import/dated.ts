/** Dated items in running text: once (…前, 截止…, a day + hand-in verb) and window (于…, labelled event times, activities led by their date). */
import { isIsoDate } from "../../../core/calendar.js";
import { DATE_EXPR_SRC, RANGE_SEP, TIME_TAIL_SRC, parseDateExpr } from "../dates.js";
import { clauseTitle, recipientOf, whoOf } from "./clause-title.js";
import { CN, EVENT_LABEL, EVENT_WORDS } from "./patterns.js";
import type { ImportedDeadline } from "../importer.js";
import type { Scan } from "./scan.js";

/** The general date reader; it runs last, on what the other readers left free. */
/** How a time label states its date: 时间：…, 时间为…, and the time fixed by a decision (时间定为/定于/确定为/安排在…). */
const SET_AS = "(?:(?:定|确定|安排|初定|暂定)(?:为|于|在)|为|是|[：:])";
/** a time of day that may name a class period of the school day: "1月26日下午第二节课", "3月18日下午第二节课后" */
// (round 16: "9月1日晚8时" — 晚/早 before an hour — is a time of that day too)
const DAY_TAIL = `${TIME_TAIL_SRC}(?:\\s*(?:晚|早|晚间)\\s*\\d{1,2}\\s*[时点](?:\\s*\\d{1,2}\\s*分)?)?(?:\\s*第[一二三四五六七八九十\\d]+节(?:课)?(?:后)?)?`;

export function readDated(x: Scan): void {
  const { s, o, orig, free, take, push, pushWindow, ctx, sentence, original } = x;
  let m: RegExpExecArray | null;

  // dated: once (…前) and window (于…)
  const dRe = new RegExp(`(?:(?:请|须|要|应|并|将|拟|定|务必)?(?:于|在|截至|截止到?|(?:截止|截至|截稿|报名截止|提交截止)(?:时间|日期)\\s*(?:为|是|[：:])?|(?:最迟|最晚)(?:不超过|不晚于|于)?|不晚于|不迟于))?\\s*(${DATE_EXPR_SRC})`, "g");
  // what stands just before a date: a pattern anchored at its end ("…：" / "（一）" / a clause break, then the date) tried over the
  // whole sentence before it is quadratic on a text with no full stops; 40 characters are plenty, and a sentinel keeps ^ from
  // matching at the cut
  const lead = (a: number) => (a <= 40 ? s.slice(0, a) : "\u0000" + s.slice(a - 40, a));
  while ((m = dRe.exec(s))) {
    const a = m.index;
    // "于3月下旬到校为全体教职工开展…培训": 到 followed by a place (到校, 到岗, 到位) is not a range's second end — the day stands
    // alone and the text goes on
    const dangling = /\s*(?:到|至)$/.exec(m[1]);
    if (dangling && /^[校岗位场县市区镇乡村园班]/.test(s.slice(m.index + m[0].length))) dRe.lastIndex = m.index + m[0].length - dangling[0].length;
    if (dangling && dRe.lastIndex === m.index + m[0].length - dangling[0].length) {
      m[0] = m[0].slice(0, -dangling[0].length);
      m[1] = m[1].slice(0, -dangling[0].length);
    }
    const expr = m[1];
    const b = m.index + m[0].length;
    if (!free(a, b)) continue;
    if (!/\d|[一二三四五六七八九十]月/.test(expr) || /^即日/.test(expr)) continue;
    if (!/月/.test(expr)) continue;
    const before = s.slice(Math.max(0, a - 2), a);
    if (/每$|每个$/.test(before)) continue;
    const prefix = m[0].slice(0, m[0].length - expr.length);
    // "于开学第一周（9月4日—9月8日）开展…": the date in brackets glosses a time phrase after 于/在
    const hasYu = /于|在|截至|截止/.test(prefix) || /(?:于|在)\s*(?:次年|翌年|第二年)\s*$/.test(s.slice(Math.max(0, a - 5), a)) || (new RegExp(`(?:于|在)[${CN}\\d]{1,10}[（(]\\s*$`).test(s.slice(Math.max(0, a - 14), a)) && /^\s*[)）]/.test(s.slice(b)));
    // "截至2023年8月底，全县共排查隐患326处，已整改…": a count as of a day is a report, not a deadline
    if (/截至|截止/.test(prefix) && /^\s*[，,]\s*[^，。；;]{0,12}?(?:已|共|累计)(?!须|要|应)/.test(s.slice(b))) {
      take(a, b);
      continue;
    }
    // "于9月20日交学区办公室" / "9月20日上报": a day followed by a hand-in verb is the due day, even without 前
    // (also "于4月13日汇总相关数据至心理中心": gathering something up TO an office is handing it in; and "于12月10日将年度总结报送
    // 市局": the day, then what is handed in, then the verb)
    const handIn = new RegExp(`^${TIME_TAIL_SRC}\\s*(?:报送|上报|上交|提交|送交|送达|报至|交至|交到|交(?!流|通|界|叉|替)|报(?!告|道|名|警)|(?:发布|上传|发送)(?:在|到|至)|发至|汇总[^，。；;,]{0,16}?(?:报送|上报|报至|交至|交到|至|到)|将[^，。；;,]{1,30}?(?:报送|上报|上交|提交|送交|报至|交至|(?<![通举播预情])报(?!告|道|名|警|表)))`).test(s.slice(m.index + m[0].length));
    // "于10月17日（星期五）放学前交德育处": a day, then a time of the school day (放学, 下课, 晚自习…) with 前 — due by then, as
    // "下午5点前" is (the date reader's time tail knows clock times, not the school day's)
    const schoolTimeDue = new RegExp(`^${TIME_TAIL_SRC}\\s*(?:放学|离校|下课|上课|晚自习|午休|上班|下班)\\s*(?:之前|以前|前(?![往进来去后]))`).test(s.slice(b)) && /[日号]$/.test(expr.replace(/\s+/g, "")) && !new RegExp(RANGE_SEP).test(expr);
    const due = schoolTimeDue || /(之前|以前|前)$/.test(expr) || /截至|截止|截稿|最迟|最晚|不晚于|不迟于|不超过/.test(prefix) || (handIn && /[日号]$/.test(expr.replace(/\s+/g, "")) && !new RegExp(RANGE_SEP).test(expr));
    const after = s.slice(b, b + 2);
    // "检查时间：3月3日至4日" / "督查时间为9月10日": when an inspection, meeting … takes place
    const labelled =
      new RegExp(`${EVENT_LABEL}\\s*${SET_AS}\\s*$`).test(s.slice(Math.max(0, a - 14), a)) ||
      // (round 16) a survey's time label ("问卷时间: 11月14日-11月18日") dates the survey as an inspection's does
      new RegExp(`(?:问卷|调查)(?:时间|日期)\\s*${SET_AS}\\s*$`).test(s.slice(Math.max(0, a - 14), a)) ||
      // "时间：2019年11月12日 14:30" under one activity: a single day (or, when the notice lists several activities' times, a
      // range) is that activity's time; the campaign's own period (one range) was taken as the span and masked before
      new RegExp(`(?<![${CN}])时间\\s*${SET_AS}\\s*$`).test(s.slice(Math.max(0, a - 8), a)) ||
      // "竞赛时间：11月25日（星期四）晚7:00": a contest's, a ceremony's, an activity's time label with one day is the day it
      // happens (a contest that is the campaign itself has a period — its span — not one day; the school calendar's labelled
      // days — 离校时间, 注册日期, 上课日期 — are not events)
      (!new RegExp(RANGE_SEP).test(expr) && /[日号]$/.test(expr.replace(/\s+/g, "")) && new RegExp(`(?:竞赛|比赛|大赛|决赛|活动|仪式|展演|演出|开放日|观摩|班会|演练)(?:时间|日期)\\s*${SET_AS}\\s*$`).test(s.slice(Math.max(0, a - 12), a)));
    const clauseStart =
      (/(^|[。；;，,\n：:])\s*$/.test(lead(a)) && /^\s*[，,]/.test(s.slice(b)) && /^[\s，,]*[^，。；]{0,12}?(将|组织|开展|进行|召开|举行|对)/.test(s.slice(b))) ||
      // the whole sentence hangs on the date (it opens the sentence); the action may come a few clauses later; a
      // report of something done (了) is not a plan
      // ("12月4日上午9时-12时，组织人员…": a time range of the day may stand between the date and the comma)
      (/(?:^|[：:])\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?$/.test(lead(a)) && new RegExp(`^${TIME_TAIL_SRC}(?:\\s*[-—–~～至到]\\s*\\d{1,2}\\s*(?:[:：]\\s*\\d{2}|[时点]))?\\s*[，,]`).test(s.slice(b)) && /^[^。；;了]{0,60}?(组织|开展|进行|召开|举行)/.test(s.slice(b)) && !/^[^。；;]*了/.test(s.slice(b))) ||
      (/(?:^|[：:])\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?$/.test(lead(a)) &&
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
    const withPlace = /(?:^|[：:])\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?$/.test(lead(a)) && /^[^。；;了]{0,30}?[，,]\s*(?:活动)?地点\s*[：:为]/.test(s.slice(b)) && !due;
    // "利用周一（12月1日）国旗下讲话时间…" / "利用3月28日升旗仪式…": the occasion used for an activity is when it happens
    const occasion = /利用\s*(?:(?:本|下)?(?:周|星期)[一二三四五六日天])?\s*[（(]?\s*$/.test(s.slice(Math.max(0, a - 10), a)) && new RegExp(`^\\s*[)）]?\\s*(?:的)?[${CN}“”]{0,12}?(?:时间|仪式|班会|晨会|班队会|课)`).test(s.slice(b)) && !due;
    // "1、4月15日，各单位在门户网站转载…": a numbered item opening with a day, then who acts (各单位/各校/学校…) — that day's activity
    const itemSubject = /^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．])\s*$/.test(s.slice(0, a)) && new RegExp(`^${DAY_TAIL}\\s*[，,]\\s*(?:各[${CN}]{1,4}|学校|全校|全体[${CN}]{1,4}|[${CN}]{1,6}(?:处|部|科|办|室|组|中心))\\s*(?:要|须|将|应)?\\s*(?:在|于|利用|通过|组织|开展|进行|召开|举行)`).test(s.slice(b)) && !/^[^。；;]*了/.test(s.slice(b)) && !due;
    // "9月1日至9月7日为开学安全教育周，各校要…": a period named as an event week or month is when it runs
    const namedPeriod = /(?:^|[：:])\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?$/.test(lead(a)) && new RegExp(RANGE_SEP).test(expr) && new RegExp(`^\\s*(?:为|是)[${CN}“”"]{2,16}(?:周|月)\\s*[，,。；;]`).test(s.slice(b)) && !due;
    // "检查分两批进行：第一批11月13日—17日，第二批11月20日—24日": each batch's days
    const batch = new RegExp(`第[一二三四五六七八九十\\d]+批次?\\s*[：:为]?\\s*$`).test(s.slice(Math.max(0, a - 8), a)) && !due;
    // "…,8月29日至31日集中学习、校本培训、备课": a range opening a clause and followed at once by the work done in it is when
    // that work runs (a single day stays a bare date)
    const rangeWork = !due && new RegExp(RANGE_SEP).test(expr) && /(?:^|[，,；;：:])\s*$/.test(s.slice(Math.max(0, a - 2), a)) && /^\s*(?:集中|统一|组织)?(?:学习|培训|备课|教研|演练|排查|巡查|自查|宣传|整治|整改)/.test(s.slice(b));
    // a day (or period) that opens a sentence — after a heading's full stop, a number, or glossing a time phrase in brackets
    // ("开学第一天（9月1日）各班…") — maybe glossed itself ("9月28日（放假前最后一天），…", "10月7日返校当天，…"), then the work
    // done on it by someone: when that work happens (a report of what was done — 了 — is not)
    const glossed = new RegExp(`[${CN}]{2,10}[（(]\\s*$`).test(lead(a)) && /^\s*[)）]/.test(s.slice(b));
    // (a full stop typed as "." after Chinese text — "(四)加强指导.10月下旬,…" — ends a sentence too)
    const opens = glossed || new RegExp(`(?:^|[。；;：:！!]|(?<=[${CN}])\\.)\\s*(?:[（(]?[一二三四五六七八九十\\d]+[)）、.．]\\s*)?$`).test(lead(a));
    const rest = s.slice(b).replace(/^\s*[)）]/, "").replace(/^\s*[（(][^（()）]{1,14}[)）]/, "").replace(new RegExp(`^[${CN}]{0,6}?(?:当天|当日)`), "");
    const dayWork = !due && opens && new RegExp(`^${DAY_TAIL}\\s*${glossed ? "[，,]?" : "[，,]"}\\s*[^。；;了]{0,40}?(?:组织|开展|进行|召开|举行|举办|上好|上一(?:堂|节)|参加|参与|(?:作|做)[^。；;，,]{0,8}?(?:讲座|宣讲))`).test(rest) && !/^[^。；;]*(?<![为除])了(?![解结如])/.test(rest) && !/^\s*(?:为|是)/.test(rest);
    // "6月16日为全国安全生产咨询日，各地要在当天组织…" / "7月下旬至8月上旬是溺水高发时段，县局将在此期间组织…巡查": a day or
    // period named, then the work done on it (当天/当日/期间/届时)
    const namedThenWork = !due && opens && new RegExp(`^\\s*(?:为|是)[^。；;，,]{2,24}[，,][^。；;]{0,30}?(?:当天|当日|这一天|此期间|这期间|期间|届时)[^。；;]{0,20}?(?:组织|开展|进行|召开|举行|参加|参与)`).test(s.slice(b).replace(/^\s*[（(][^（()）]{1,14}[)）]/, ""));
    // "第二阶段 检查指导（5月21日～6月15日）：…，其中5月28日至5月31日集中检查“六一”活动场地": 其中 + a range + a concentrated
    // (集中/重点/专项) event is an event of its own inside the stage, a window (a stage's end restated, a per-place split of the
    // stage's own work — "其中3月18日抽查东片" — carries no such word and stays unread)
    const subEvent = !due && new RegExp(RANGE_SEP).test(expr) && /其中\s*$/.test(s.slice(Math.max(0, a - 4), a)) && new RegExp(`^\\s*[，,]?\\s*(?:集中|重点|专项)\\s*(?:开展|组织|进行)?\\s*${EVENT_WORDS}`).test(s.slice(b));
    // "…集中整改，10月中旬县教育局、县食药监局将组成联合检查组，深入各校食堂进行实地检查" / "6月上旬和7月中旬，县教体局…将分两次开展
    // 联合督查": a part of a month opening a clause, then the authorities who WILL (将/拟) hold an inspection — that inspection's
    // time, even inside a stage's description (a stage's restated end is a due day or a range, never 旬 + 将 + an authority)
    const PART = "\\d{1,2}\\s*月\\s*[上中下]旬";
    const plan = !due && new RegExp(`^${PART}$`).test(expr.replace(/\s+/g, "")) && /(?:^|[，,；;。：:])\s*$/.test(lead(a)) ?
      new RegExp(`^((?:\\s*[和、及]\\s*${PART})*)\\s*[，,]?\\s*[${CN}、]{2,40}?(?:局|厅|委|办|中心)\\s*(?:将|拟)\\s*(?:分[一二两三四五六七八九十\\d]+次)?[^。；;]{0,24}?${EVENT_WORDS}`).exec(s.slice(b)) : null;
    const planMore: ImportedDeadline[] = [];
    if (plan && plan[1]) {
      for (const pm of plan[1].matchAll(new RegExp(PART, "g"))) {
        const pr = parseDateExpr(pm[0], ctx);
        const at = b + pm.index!;
        if (!pr.ok || !pr.start || !pr.end || !free(at, at + pm[0].length)) continue;
        take(at, at + pm[0].length);
        planMore.push({ kind: "window", title: clauseTitle(o, orig(at, at + pm[0].length), at), start: pr.start, end: pr.end, raw: pm[0] });
      }
    }
    if (!due && !hasYu && !subEvent && !plan && !namedPeriod && !dayWork && !namedThenWork && !batch && !rangeWork && !clauseStart && !subjectStart && !labelled && !inspection && !periodLine && !withPlace && !occasion && !itemSubject) continue; // a bare date in running text is not a deadline
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
    // "次年3月15日前报送总结": 次年/翌年 before a year-less day — the year after the campaign's start (or the notice's year)
    const nextYear = /(?:次年|翌年|第二年)\s*$/.test(s.slice(Math.max(0, a - 4), a)) && !/\d{4}\s*年/.test(expr);
    const baseYear = ctx.span?.start ? Number(ctx.span.start.slice(0, 4)) : ctx.year;
    // (the cover letter in front of next year's plan is dated in the issue year)
    const dctx = ctx.cover && sentence.at < ctx.cover.before ? { ...ctx, year: ctx.cover.year, span: undefined } : ctx;
    const r = nextYear && baseYear ? parseDateExpr(expr, { ...ctx, year: baseYear + 1, span: undefined }) : parseDateExpr(expr, dctx);
    const raw = (nextYear ? /(?:次年|翌年|第二年)\s*$/.exec(s.slice(Math.max(0, a - 4), a))![0] : "") + m[0].trim();
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
    // "9月2日报到，9月3日开学上课" / "于8月28日到校报到": the term's reporting day is the school calendar too, not a due day
    if (!/(之前|以前|前)$/.test(expr) && /^\s*(?:到校|返校)?\s*报到(?![前之以])/.test(s.slice(b))) continue;
    // a day before the notice was issued, in a sentence that sets no duty and plans nothing, is a past event (a news report's
    // "4月7日下午，…动员部署会在…召开"): not an item
    if (!due && ctx.issueDate && r.end && r.end < ctx.issueDate && !/将|拟|要(?!求)|须|应|请|务必|计划|准备|定于|安排|届时/.test(s)) continue;
    // a report of what already happened ("会议于8月20日…召开，会上传达了…", before the notice was issued) is not a task
    if (!due && ctx.issueDate && r.end && r.end < ctx.issueDate && /(?<![为除])了(?![解结如])/.test(s)) continue;
    // "1月10日，…对我院进行…检查，现将检查发现的问题通报如下": the event a notice reports on (通报) is done by the issue day
    if (!due && ctx.issueDate && r.end && r.end <= ctx.issueDate && /(?:情况|结果|问题)[^。；;]{0,12}通报如下/.test(s)) continue;
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
      for (const w of planMore) pushWindow(w, false);
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
