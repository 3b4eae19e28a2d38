/** The campaign's phases (阶段/步骤) in their many layouts: headings, inline runs, tables, blank or deferred dates. */
import { DATE_EXPR_SRC, RANGE_SEP, parseDateExpr } from "../dates.js";
import type { ImportResult } from "../importer.js";
import type { Ctx } from "./context.js";
import { CN, TOP_HEADING_RE } from "./patterns.js";

// (程序/流程: "二、评估程序" lists a campaign's own steps as a 步骤 heading does)
const PHASE_SECTION_RE = /(步骤|阶段|安排|进度|进程|组织实施|实施|推进|节点|时间|程序|流程)/;
const DATEISH = `[^（()）]*?(?:\\d|即日|[一二三四五六七八九十]月|年\\s*月)[^（()）]*?`;

const CN_ORD = "[一二三四五六七八九十]+";
/** A list item's number: （一） / 一、 / 1. / 1、 */
const ORD = "(?:[（(][一二三四五六七八九十\\d]+[)）]|[一二三四五六七八九十]+、|\\d+[.．、](?!\\d))";
/** "次年" / "翌年" / "第二年" before a step's period: the year after. */
const NEXT_YEAR = "(?:次年|翌年|第二年)";
/** A range with its month and day numbers left blank for the school to fill: "（　月　日至　月　日）". */
const BLANK_RANGE = `[\\s_＿]*月[\\s_＿]*[日号][\\s_＿]*${RANGE_SEP}[\\s_＿]*月[\\s_＿]*[日号]?[\\s_＿]*`;
/** A phase's period after its name: a date expression, perhaps opening with 次年 (pushPhase dates it). */
const PHASE_DATE = `(?:${NEXT_YEAR})?${DATE_EXPR_SRC}`;
/** A date in brackets; a bracket left unclosed before a colon ("第四阶段(3月9日—10日：汇总上报") still counts. */
const BRACKETED_DATE = `[（(]\\s*((?:${NEXT_YEAR})?${DATE_EXPR_SRC})\\s*(?:[)）]|(?=[：:]))`;

/**
 * Phases written inline, several to a line (text copied from a PDF or a web page loses its line breaks):
 * "（一）名称阶段（日期）…（二）…", "第一阶段（日期）：名称，第二阶段（日期）：名称", "第一阶段为4月—7月，…；第二阶段为…",
 * "第一阶段：9月20日至10月31日。". Each needs the word 阶段, so a bracketed date elsewhere is never a phase.
 */
function inlinePhases(line: string): { name: string; expr: string; index: number }[] {
  const found: { name: string; expr: string; index: number; end: number }[] = [];
  const add = (index: number, end: number, name: string, expr: string, blankOk = false) => {
    if (!blankOk && !/\d|[一二三四五六七八九十]月|即日/.test(expr)) return;
    if (found.some((f) => index < f.end && end > f.index)) return;
    found.push({ index, end, name, expr });
  };
  let m: RegExpExecArray | null;
  const reA = new RegExp(`(第${CN_ORD}阶段)\\s*${BRACKETED_DATE}\\s*[：:]?\\s*([${CN}、]{2,16})?`, "g");
  while ((m = reA.exec(line))) add(m.index, m.index + m[0].length, m[3] ?? m[1], m[2]);
  // (also "一是宣传发动阶段（…）；二是…")
  const reB = new RegExp(`(?:[（(](?:${CN_ORD}|\\d{1,2})[)）]|(?<![${CN}])[一二三四五六七八九十]是)\\s*([^（()）。；：:，,]{2,24}?阶段)\\s*${BRACKETED_DATE}`, "g");
  while ((m = reB.exec(line))) add(m.index, m.index + m[0].length, m[1], m[2]);
  // …and any name when the sentence announces its steps ("分三步推进：一是宣传培训（9月10日到9月20日），…；二是全面筛查（…）"): a range only
  if (new RegExp(`分[一二两三四五六七八九十]+(?:个)?(?:步|阶段|步骤)`).test(line)) {
    const reB2 = new RegExp(`(?<![${CN}])[一二三四五六七八九十]是\\s*([${CN}、]{2,12}?)\\s*${BRACKETED_DATE}`, "g");
    while ((m = reB2.exec(line))) if (new RegExp(RANGE_SEP).test(m[2]) && !/(之前|以前|前)$/.test(m[2])) add(m.index, m.index + m[0].length, m[1], m[2]);
    // when the announced count of steps is all there (分三步…一是…二是…三是), each bracketed, at least one a range: a whole
    // month ("一是动员排查（3月）") is a step's period too, and a blank one ("三是总结提升（　月　日至　月　日）") an undated step
    const count = new RegExp(`分([一二两三四五六七八九十]+)(?:个)?(?:步|阶段|步骤)`).exec(line)![1];
    const steps = [...line.matchAll(new RegExp(`(?<![${CN}])[一二三四五六七八九十]是\\s*([${CN}、]{2,12}?)\\s*[（(]\\s*((?:${NEXT_YEAR})?${DATE_EXPR_SRC}|${BLANK_RANGE})\\s*[)）]`, "g"))];
    const wholeMonth = (e: string) => /^\s*(?:\d{4}\s*年\s*)?\d{1,2}\s*月份?\s*$/.test(e);
    const blank = (e: string) => !/\d/.test(e);
    if (steps.length === "一二三四五六七八九十".indexOf(count.replace("两", "二")) + 1 && steps.some((x) => new RegExp(RANGE_SEP).test(x[2]) && !blank(x[2])) &&
      steps.every((x) => !/(之前|以前|前)$/.test(x[2]) && (new RegExp(RANGE_SEP).test(x[2]) || wholeMonth(x[2]))))
      for (const x of steps) add(x.index!, x.index! + x[0].length, x[1], x[2], blank(x[2]));
  }
  // a named phase opening a clause, its period in brackets: "分三个阶段进行：宣传发动阶段（5月6日—5月12日），…；集中整治阶段（…）" (a range)
  const reB3 = new RegExp(`(?:^|(?<=[：:；;。，,]))\s*([${CN}]{2,10}阶段)\s*${BRACKETED_DATE}`, "g");
  // (once the sentence announces its phases — 分三个阶段 — a whole month or an open end is a phase's period too: "启动部署阶段（2025年3月）",
  // "评估命名阶段（2025年10月以后）")
  const announced = new RegExp(`分[一二两三四五六七八九十]+(?:个)?阶段`).test(line);
  while ((m = reB3.exec(line))) if ((new RegExp(RANGE_SEP).test(m[2]) || (announced && /月份?(?:以后|之后)?$/.test(m[2]))) && !/(之前|以前|前)$/.test(m[2]) && !/^(?:第|每|各|个|两|三|四|五)|这|该|此|本|在|于|对/.test(m[1])) add(m.index, m.index + m[0].length, m[1], m[2]);
  // (…and, once announced, the period written straight after the name: "分三个阶段进行:自查阶段3月1日-3月15日,各校…;整改阶段…")
  if (announced) {
    const reB4 = new RegExp(`(?:^|(?<=[：:；;。，,]))\\s*([${CN}]{2,10}阶段)\\s*(${PHASE_DATE})(?=\\s*[，,。；;.]|$)`, "g");
    while ((m = reB4.exec(line))) if (new RegExp(RANGE_SEP).test(m[2]) && !/(之前|以前|前)$/.test(m[2]) && !/^(?:第|每|各|个|两|三|四|五)|这|该|此|本|在|于|对/.test(m[1])) add(m.index, m.index + m[0].length, m[1], m[2]);
  }
  const reC = new RegExp(`(第${CN_ORD}阶段)\\s*(?:为|是|[：:])\\s*(${PHASE_DATE})(?=\\s*(?:[，,。；;：:]|$))`, "g");
  while ((m = reC.exec(line))) add(m.index, m.index + m[0].length, m[1], m[2]);
  // a named phase and its dates: "宣传部署阶段为7月20日至8月30日；组织实施阶段为…" (news reports, run-on text)
  const reD = new RegExp(`(?<![${CN}])([${CN}]{2,8}阶段)\\s*(?:为|是)\\s*(${PHASE_DATE})(?=\\s*(?:[，,。；;]|$))`, "g");
  while ((m = reD.exec(line))) if (!/^(?:第|这|该|此|本|每|各)/.test(m[1])) add(m.index, m.index + m[0].length, m[1], m[2]);
  // a phase given only its finishing date: "2月13日前完成动员部署阶段" — the phase ends then (its start is not given)
  const reE = new RegExp(`(${DATE_EXPR_SRC})\\s*完成\\s*([${CN}]{2,10}?阶段)`, "g");
  while ((m = reE.exec(line))) if (/(之前|以前|前)$/.test(m[1]) && !new RegExp(RANGE_SEP).test(m[1])) add(m.index, m.index + m[0].length, m[2], m[1]);
  // dates then the phase they make: "4月20日至4月30日为宣传发动阶段，…；5月1日至8月20日为集中防控阶段" / "2025年3月—4月，为全面排查阶段", "本次检查10月15日至10月31日为自查阶段"
  const reF = new RegExp(`(?<![\\d年月])(?:自|从)?\\s*(${DATE_EXPR_SRC})\\s*[，,]?\\s*(?:为|是)\\s*([${CN}]{2,10}阶段)(?=\\s*(?:[，,。；;.]|$))`, "g");
  while ((m = reF.exec(line))) if (!/(之前|以前|前)$/.test(m[1]) && !/^(?:第|这|该|此|本|每|各)/.test(m[2])) add(m.index, m.index + m[0].length, m[2], m[1]);
  // a named phase, then its period (often labelled 时间/日期) in the next clause: "第一阶段为学校自查阶段，时间为3月4日至3月22日，…；
  // 第二阶段为…" / "动员部署阶段，时间：9月1日至9月10日" / "…分三个阶段：自查阶段，4月3日至4月14日；整改阶段，…" (a range only:
  // a 时间为 label on its own is read as a window elsewhere)
  const reG = new RegExp(`(?<![${CN}])(第${CN_ORD}阶段\\s*(?:为|是|[：:])\\s*)?([${CN}]{2,12}?阶段)\\s*[，,：:]\\s*(?:(?:时间|日期|时段)\\s*(?:为|是|[：:])\\s*)?(${PHASE_DATE})(?=\\s*(?:[，,。；;]|$))`, "g");
  // (with the ordinal a 旬 or a month will do too — "第一阶段为动员部署阶段，4月上旬" — never a single day: that is an event's)
  const period = (e: string, ordinal: boolean) => !/(之前|以前|前)$/.test(e) && (new RegExp(RANGE_SEP).test(e) || (ordinal && !/\d\s*[日号]/.test(e)));
  while ((m = reG.exec(line))) if (period(m[3], !!m[1]) && !/^(?:第|这|该|此|本|每|各|个)/.test(m[2]) && !/个阶段$/.test(m[2])) add(m.index, m.index + m[0].length, m[2], m[3]);
  // …and with the ordinal the name need not end in 阶段: "第一阶段为学校自查，时间为3月4日至3月22日" / "第二步：集中整改，4月…"
  const reH = new RegExp(`(第${CN_ORD}(?:阶段|步))\\s*(?:为|是|[：:])\\s*([${CN}、]{2,12}?)\\s*[，,]\\s*(?:(?:时间|日期|时段)\\s*(?:为|是|[：:])\\s*)?(${PHASE_DATE})(?=\\s*(?:[，,。；;]|$))`, "g");
  while ((m = reH.exec(line))) if (period(m[3], true)) add(m.index, m.index + m[0].length, m[2], m[3]);
  // "…为整改提升阶段；第四步为迎接抽查阶段，具体时间另行通知": after dated steps on the same line, a numbered step whose time the
  // notice defers is a step too, undated (alone on a line it is read by the deferred-phase rule)
  if (found.length) {
    const reI = new RegExp(`(第${CN_ORD}(?:步|阶段))\\s*(?:为|是|[：:])\\s*([${CN}、]{2,12}?)\\s*[，,（(]\\s*((?:具体)?(?:时间|日期)?(?:另行通知|另行安排|另定|待定))`, "g");
    while ((m = reI.exec(line))) add(m.index, m.index + m[0].length, m[2], m[3], true);
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * What stands before a bracket is not a step's name when it is a qualifier of a duty — "专项治理期间（10月至12月），各校另于每周五
 * …报送" (a period during which a duty holds: 期间/期内/时段) — or a duty itself, carrying its own day ("首次报送于10月9日前完成
 * （报送9月份情况…）": the bracket glosses the duty, it does not date a step).
 */
const qualifier = (name: string) => /(?:期间|期内|时段|时期)$/.test(name) || /\d\s*月\s*\d{1,2}\s*[日号]|于\s*\d/.test(name);

export function extractPhases(body: string[], ctx: Ctx, masks: Set<string>): ImportResult["phases"] {
  const phases: ImportResult["phases"] = [];
  const pushPhase = (name: string, expr: string) => {
    masks.add(expr);
    // "第三步：巩固提高。次年1月1日至3月31日，…": a step dated in the year after the campaign's first step (or the notice's
    // year) — 次年 names the year after the campaign's, not the year after the step before (which may already cross into it)
    const next = new RegExp(`^\\s*${NEXT_YEAR}`).exec(expr);
    const firstYear = phases.find((p) => p.start ?? p.end);
    const base = firstYear ? Number((firstYear.start ?? firstYear.end)!.slice(0, 4)) : ctx.year;
    const r = next && base ? parseDateExpr(expr.slice(next[0].length).replace(/完成$/, ""), { ...ctx, year: base + 1, span: undefined }) : parseDateExpr(expr.replace(/完成$/, ""), ctx);
    // "(即日-4月10日)" in a notice dated 5月26日 (a plan republished after it was written): the written end is already past on
    // the issue day — it is not next year's (it would make a phase of ten months and more); the phase ends as written and its start (即日 of the first writing) is unknown
    const sinceNow = new RegExp(`^\\s*(?:自|从)?\\s*即日起?\\s*${RANGE_SEP}\\s*((?!\\d{4}|次年|翌年|第二年).+)$`).exec(expr.replace(/完成$/, ""));
    const asWritten = r.ok && sinceNow && r.start && r.end && r.end.slice(0, 4) > r.start.slice(0, 4) ? `${Number(r.end.slice(0, 4)) - 1}${r.end.slice(4)}` : null;
    // (only a recently past end, within three months: "即日-1月10日" in a November notice is next January)
    const pastBy = asWritten && r.ok ? (Date.parse(r.start!) - Date.parse(asWritten)) / 86_400_000 : NaN;
    if (asWritten && r.ok && pastBy > 0 && pastBy <= 92 && !/02-29$/.test(asWritten)) {
      phases.push({ name, start: null, end: asWritten, raw: expr.trim() });
      ctx.unresolved.push({ field: `phases[${phases.length - 1}]`, raw: expr.trim(), reason: `阶段“${name}”的结束日期早于发文日期，“即日”的起点无法确定` });
    } else if (r.ok) phases.push({ name, start: r.dueBy ? null : r.start, end: r.end, raw: expr.trim() });
    else {
      // "即日起至5月31日" with no issue date: the start is unknown, the written end is not (kept in unresolved)
      const tail = new RegExp(`^\\s*(?:自|从)?\\s*即日起?\\s*${RANGE_SEP}\\s*(.+)$`).exec(expr.replace(/完成$/, ""));
      const re = tail && /“即日”/.test(r.reason) ? parseDateExpr(tail[1], ctx) : null;
      phases.push({ name, start: null, end: re?.ok && !re.openEnded ? re.end : null, raw: expr.trim() });
      ctx.unresolved.push({ field: `phases[${phases.length - 1}]`, raw: expr.trim(), reason: `阶段“${name}”的日期无法确定：${r.reason}` });
    }
  };
  let section = "";
  let sectionHasPhases = false;
  let tableHasPhases = false;
  let skip = -1;
  // under "二、检查方式" / "(二)检查方式" the dated steps of a check (单位自查, 学校检查) are its phases
  let checkSteps = false;
  for (let li = 0; li < body.length; li++) {
    if (li === skip) continue;
    const line = body[li].trim();
    if (TOP_HEADING_RE.test(line)) checkSteps = false;
    if (new RegExp(`^(?:${ORD})?\\s*(?:检查|督查|督导|评估|验收|排查)(?:方式|办法|步骤|安排)\\s*[：:]?\\s*$`).test(line)) checkSteps = true;
    // "1.学院自查" then "自查时间:2026年3月1日—3月3日" (or per-site days, "3月4-5日(A校区),3月6日(B校区)"): a step of the check,
    // from its first day to its last
    if (checkSteps) {
      const st = new RegExp(`^${ORD}\\s*([${CN}]{2,10})\\s*$`).exec(line);
      let j = li + 1;
      while (st && j < body.length && body[j].trim() === "") j++;
      const tl = st ? new RegExp(`^[${CN}]{0,4}时间\\s*[：:]\\s*(.+)$`).exec((body[j] ?? "").trim()) : null;
      if (st && tl) {
        const exprs = [...tl[1].matchAll(new RegExp(DATE_EXPR_SRC, "g"))].map((x) => x[0]).filter((x) => /\d/.test(x) && !/(之前|以前|前)$/.test(x));
        const rs = exprs.map((e) => parseDateExpr(e, ctx));
        const first = rs[0];
        const last = rs[rs.length - 1];
        if (first?.ok && last?.ok && first.start && last.end && (rs.length > 1 || new RegExp(RANGE_SEP).test(exprs[0]))) {
          for (const e of exprs) masks.add(e);
          phases.push({ name: st[1], start: first.start, end: last.end, raw: tl[1].trim() });
          skip = j;
          continue;
        }
      }
    }
    // "第三阶段“督导检查”原定时间为6月1日—6月30日，现调整为6月11日至7月10日": a step of the plan rescheduled — the phase is the new period
    {
      const rm = new RegExp(`(第[一二三四五六七八九十]+(?:阶段|步)|[${CN}]{2,8}阶段)\\s*(?:[“"「]([^”"」]{2,12})[”"」])?[^。；;]*?(?:原定|原为|原计划)[^。；;]*?(?:调整为|调整至|改为|变更为|推迟至|推迟到|延期至|顺延至|提前至)\\s*(?:于|在)?\\s*(${DATE_EXPR_SRC})`).exec(line);
      if (rm && new RegExp(RANGE_SEP).test(rm[3]) && !/(之前|以前|前)$/.test(rm[3])) {
        pushPhase(rm[2] ?? rm[1], rm[3]);
        continue;
      }
    }
    // a step dated in parts, one per campus or grade — "第二步：宿舍楼疏散演练（11月9日-10日(东校区)，11月12日(西校区)）",
    // "2. 学校检查：3月4日-5日(东校区)，3月6日(西校区)" — is ONE phase, from its first day to its last
    {
      const PART = `(${DATE_EXPR_SRC})\\s*[（(][^（()）\\d]{1,10}[)）]`;
      const sm = new RegExp(`^(第[一二三四五六七八九十]+(?:步|阶段)|${ORD})\\s*[：:、]?\\s*([${CN}、]{2,14}?)\\s*[：:（(]\\s*(${PART.replace("(", "(?:")}(?:\\s*[，,、；;]\\s*${PART.replace("(", "(?:")})+)`).exec(line);
      // (the group may follow its day unbracketed: "第二步：分年级开展安全教育（4月11-12日一、二年级，4月13日三、四年级，4月14日五、六年级）")
      const PART2 = `(${DATE_EXPR_SRC})\\s*[一二三四五六七八九十初高、]{1,10}年级`;
      const sm2 = sm ? null : new RegExp(`^(第[一二三四五六七八九十]+(?:步|阶段)|${ORD})\\s*[：:、]?\\s*([${CN}、]{2,14}?)\\s*[（(]\\s*(${PART2.replace("(", "(?:")}(?:\\s*[，,；;]\\s*${PART2.replace("(", "(?:")})+)\\s*[)）]`).exec(line);
      // the step's parts as one phase, first day to last, when every part is a dated day or range in order
      const partsAsPhase = (m: RegExpExecArray | null, part: string): boolean => {
        if (!m || !(sectionHasPhases || /^第/.test(m[1]!))) return false;
        const exprs = [...m[3]!.matchAll(new RegExp(part, "g"))].map((x) => x[1]!);
        const rs = exprs.map((e) => parseDateExpr(e, ctx));
        const first = rs[0];
        const last = rs[rs.length - 1];
        if (!(rs.every((r) => r.ok && !r.dueBy && r.start && r.end) && first?.ok && last?.ok && first.start! <= last.end!)) return false;
        for (const e of exprs) masks.add(e);
        phases.push({ name: m[2]!, start: first.start, end: last.end, raw: m[3]!.trim() });
        return true;
      };
      if (partsAsPhase(sm2, PART2) || partsAsPhase(sm, PART)) continue;
    }
    // "第一阶段：各级发动…" with its period on the next line "时间：9月—10月": the phase and its dates (not a window)
    // (also "第一步：动员部署", and a numbered heading naming a phase, "（一）动员部署阶段"; the period may also lead the next line as
    // a range: "4月1日—4月15日，各校制定方案。")
    const ph =
      new RegExp(`^(?:[（(]?[一二三四五六七八九十\\d]+[)）、.．]\\s*)?(第[一二三四五六七八九十]+(?:阶段|步))\\s*[：:]?\\s*([^：:（()）\\d]{0,30})$`).exec(line) ??
      new RegExp(`^${ORD}\\s*([${CN}、]{2,12}阶段)\\s*[：:。]?$`).exec(line);
    // "第三步，分片督导。市教育局组织三个督导组，按片区…进行督导：" — a step announcing its parts after a colon, no date of its own
    const phParts = ph ? null : new RegExp(`^(第[一二三四五六七八九十]+(?:阶段|步))\\s*[，,：:、]\\s*([${CN}、“”"]{2,14})[。.，,][^\\d]{0,60}[：:]\\s*$`).exec(line);
    if (ph || phParts) {
      const stepHead = (ph ?? phParts)!;
      let j = li + 1;
      while (j < body.length && body[j].trim() === "") j++;
      const next = (body[j] ?? "").trim();
      const tm = new RegExp(`^(?:[${CN}]{0,4}时间|时间安排)\\s*[：:]\\s*(${PHASE_DATE})\\s*(?:[。；;，,]|$)`).exec(next);
      const lead = tm ? null : new RegExp(`^(?:自|从)?\\s*(${PHASE_DATE})\\s*[，,：:。]`).exec(next);
      const t = tm ?? (lead && new RegExp(RANGE_SEP).test(lead[1]) ? lead : null);
      if (ph && t && /\d|[一二三四五六七八九十]月/.test(t[1]) && !/(之前|以前|前)$/.test(t[1])) {
        pushPhase((ph[2] ?? "").replace(/[，,。；;\s].*$/, "").trim() || ph[1], t[1]);
        skip = j;
        continue;
      }
      // "第二阶段：分年级开展“安全教育周”活动" over "一、二年级：9月17日—9月21日，…" "三、四年级：9月24日—9月28日，…": a step with
      // no period of its own, carried out group by group (grade, batch, area) on successive ranges, is ONE phase from the first
      // group's first day to the last one's last day (round 16); each group line names a group only, in order, not overlapping
      if (!t) {
        // (the group may name its places before its days: "一片：梧桐区、凤鸣区，11月18日—19日；")
        const GROUP_LINE = new RegExp(`^(?:[${CN}、，,]{1,10}年级|第[一二三四五六七八九十\\d]+批(?:次)?|第?[一二三四五六七八九十\\d]+(?:片|片区|组)|[${CN}]{1,6}(?:片区|校区|学段|学部))(?:[（(][^）)]{0,20}[)）])?\\s*[：:]\\s*(?:[^，,。；;：:\\d]{1,30}[，,]\\s*)?(${DATE_EXPR_SRC})\\s*(?:[，,。；;]|$)`);
        const parts: string[] = [];
        let k = j;
        for (; k < body.length; k++) {
          const g = GROUP_LINE.exec(body[k].trim());
          if (!g) break;
          parts.push(g[1]);
        }
        const rs = parts.map((e) => parseDateExpr(e, ctx));
        const ordered = rs.every((r, n) => r.ok && !r.dueBy && r.start && r.end && r.start !== r.end && (n === 0 || (rs[n - 1].ok && r.start > (rs[n - 1] as { end: string }).end)));
        const first = rs[0];
        const last = rs[rs.length - 1];
        if (parts.length >= 2 && ordered && first?.ok && last?.ok) {
          for (const e of parts) masks.add(e);
          phases.push({ name: (stepHead[2] ?? "").replace(/[，,。；;\s].*$/, "").trim() || stepHead[1], start: first.start, end: last.end, raw: parts[0].trim() });
          skip = k - 1;
          li = k - 1;
          continue;
        }
      }
    }
    // "第二阶段：20xx年9月—12月" — a template with the year blanked: the phase is there, its dates are not
    const bl = new RegExp(`^(?:[（(]?[一二三四五六七八九十\\d]+[)）、.．]\\s*)?(第[一二三四五六七八九十]+阶段|[${CN}]{2,12}阶段)\\s*[：:]?\\s*[（(]?\\s*((?:20|19)?[xX×_＿]{2,4}\\s*年\\s*${DATE_EXPR_SRC})`).exec(line);
    if (bl) {
      phases.push({ name: bl[1], start: null, end: null, raw: bl[2].trim() });
      masks.add(bl[2]);
      ctx.unresolved.push({ field: `phases[${phases.length - 1}]`, raw: bl[2].trim(), reason: `阶段“${bl[1]}”的年份被隐去，日期无法确定` });
      continue;
    }
    // "（一）部署摸底阶段。各学校…，2024 年 月底前完成。" — a phase heading whose finishing date has its month left blank
    const hb = new RegExp(`^(?:[（(][一二三四五六七八九十\\d]+[)）]|[一二三四五六七八九十]+、|\\d+[.．、])\\s*([${CN}]{2,12}阶段)\\s*[。.：:]`).exec(line);
    if (hb) {
      const joined = /年\s*$/.test(line) && li + 1 < body.length ? line + body[li + 1].trim() : line;
      const bm = /((?:\d{4}|(?:20|19)?[xX×_＿]{2,4})\s*年[\s_＿]*月\s*(?:底|末)?\s*(?:之前|以前|前)\s*完成)/.exec(joined);
      if (bm) {
        phases.push({ name: hb[1], start: null, end: null, raw: bm[1].trim() });
        masks.add(bm[1]);
        ctx.unresolved.push({ field: `phases[${phases.length - 1}]`, raw: bm[1].trim(), reason: `阶段“${hb[1]}”的完成月份空白（原文未填写），需人工补充` });
        if (joined !== line) skip = li + 1;
        continue;
      }
      // the same heading with its finishing date written ("…，3月底前完成。"): the phase ends then, its start is not given
      const dm = new RegExp(`[，,]\\s*(${DATE_EXPR_SRC})\\s*完成\\s*[。.]?\\s*$`).exec(joined);
      if (dm && /(之前|以前|前)$/.test(dm[1]) && !new RegExp(RANGE_SEP).test(dm[1]) && /\d|[一二三四五六七八九十]月/.test(dm[1])) {
        pushPhase(hb[1], dm[1]);
        if (joined !== line) skip = li + 1;
        continue;
      }
    }
    // "3、巩固总结阶段（  月  日至  月  日）" — the dates left blank in the notice: the phase is there, its dates are not
    let bb = new RegExp(`^(?:[（(]?[一二三四五六七八九十\\d]+[)）、.．]\\s*)?(第[一二三四五六七八九十]+阶段|[${CN}]{2,12}阶段)\\s*[（(]((?:\\d{4}\\s*年)?[\\s_＿]*月[\\s_＿]*[日号]?[\\s_＿]*(?:${RANGE_SEP}[\\s_＿]*月[\\s_＿]*[日号]?[\\s_＿]*)?(?:之前|以前|前)?)[)）]`).exec(line);
    // in a 步骤/安排 section a numbered step with a blank RANGE is a phase too: "（三）督导评估（  月  日—  月  日）"
    // (the blank may be glossed as deferred: "（三）回头看（　月　日至　月　日，具体时间另行通知）")
    const bs = bb ? null : new RegExp(`^(?:[（(][一二三四五六七八九十\\d]+[)）]|[一二三四五六七八九十]+、|\\d+[.．、])\\s*([${CN}、“”"]{2,14})\\s*[（(]((?:\\d{4}\\s*年)?[\\s_＿]*月[\\s_＿]*[日号]?[\\s_＿]*${RANGE_SEP}[\\s_＿]*月[\\s_＿]*[日号]?[\\s_＿]*)(?:[，,；;]\\s*(?:具体)?(?:时间|日期)?(?:另行通知|另行安排|另定|待定))?[)）]`).exec(line);
    if (!bb && bs && sectionHasPhases) bb = bs;
    // "第四阶段：巩固提升（  月  日—  月  日）" — the step's name between the ordinal and the blank range
    if (!bb) {
      const bn = new RegExp(`^(?:[（(]?[一二三四五六七八九十\\d]+[)）、.．]\\s*)?(第[一二三四五六七八九十]+阶段|第[一二三四五六七八九十]+步)\\s*[：:，,、]?\\s*([${CN}、]{2,12})\\s*[（(]((?:\\d{4}\\s*年)?[\\s_＿]*月[\\s_＿]*[日号]?[\\s_＿]*${RANGE_SEP}[\\s_＿]*月[\\s_＿]*[日号]?[\\s_＿]*)(?:[，,；;]\\s*(?:具体)?(?:时间|日期)?(?:另行通知|另行安排|另定|待定))?[)）]`).exec(line);
      // (round 16: the blank may be glossed as deferred here too — "第三阶段：巩固提升（　月　日至　月　日，具体时间另行通知）")
      if (bn) bb = [bn[0], bn[2], bn[3]] as unknown as RegExpExecArray;
    }
    // "（三）总结提高阶段：  月  日至  月  日。" — the blank range after a colon instead of in brackets
    if (!bb) bb = new RegExp(`^\\s*(?:[（(]?[一二三四五六七八九十\\d]+[)）、.．]\\s*)?(第[一二三四五六七八九十]+阶段|[${CN}]{2,12}阶段)\\s*[：:]\\s*((?:\\d{4}\\s*年)?[\\s_＿]*月[\\s_＿]*[日号]?[\\s_＿]*${RANGE_SEP}[\\s_＿]*月[\\s_＿]*[日号]?)\\s*(?:[。；;，,]|$)`).exec(line);
    // "  总结验收   （  月  日至  月  日）  总结成效" — a row of a 阶段 table (cells apart by wide gaps) with its date cell left blank
    if (!bb && tableHasPhases) bb = new RegExp(`^\\s*([${CN}、]{2,12})(?: {2,}|\\t+)[（(]?((?:\\d{4}\\s*年)?[\\s_＿]*月[\\s_＿]*[日号]?[\\s_＿]*${RANGE_SEP}[\\s_＿]*月[\\s_＿]*[日号]?)\\s*[)）]?(?: {2,}|\\t+|\\s*$)`).exec(line);
    // "3.总结验收：  月  日—  月  日" — in a 步骤/安排 section, a numbered step with a blank range after its colon
    if (!bb && sectionHasPhases) bb = new RegExp(`^\\s*(?:[（(][一二三四五六七八九十\\d]+[)）]|[一二三四五六七八九十]+、|\\d+[.．、])\\s*([${CN}、]{2,12})\\s*[：:]\\s*((?:\\d{4}\\s*年)?[\\s_＿]*月[\\s_＿]*[日号]?[\\s_＿]*${RANGE_SEP}[\\s_＿]*月[\\s_＿]*[日号]?)\\s*(?:[。；;，,]|$)`).exec(line);
    if (bb && /(?:^|[\s_＿年])[\s_＿]*月/.test(bb[2]) && !/\d\s*月/.test(bb[2])) {
      phases.push({ name: bb[1], start: null, end: null, raw: bb[2].trim() });
      masks.add(bb[2]);
      ctx.unresolved.push({ field: `phases[${phases.length - 1}]`, raw: bb[2].trim(), reason: `阶段“${bb[1]}”的日期空白（原文未填写），需人工补充` });
      continue;
    }
    // "第四阶段：总结提升（时间另行通知）" — a phase whose dates the notice defers: the phase is there, its dates are not
    const deferred = new RegExp(`^\\s*(?:[（(]?[一二三四五六七八九十\\d]+[)）、.．]\\s*)?(第[一二三四五六七八九十]+阶段|[${CN}]{2,12}阶段)\\s*[：:]?\\s*([${CN}、]{2,12})?\\s*[（(]\\s*((?:具体)?(?:时间|日期)?(?:另行通知|另行安排|另定|待定))\\s*[)）]`).exec(line);
    // "　督导检查        另行通知        区教育局组织…" — a row of a 阶段 table whose time cell the notice defers
    if (!deferred && tableHasPhases) {
      const row = new RegExp(`^\\s*([${CN}、]{2,12})(?: {2,}|\\t+)((?:具体)?(?:时间|日期)?(?:另行通知|另行安排|另定|待定))(?: {2,}|\\t+|\\s*$)`).exec(line);
      if (row) {
        phases.push({ name: row[1], start: null, end: null, raw: row[2] });
        ctx.unresolved.push({ field: `phases[${phases.length - 1}]`, raw: row[2], reason: `阶段“${row[1]}”的日期原文写明另行通知，需人工补充` });
        continue;
      }
    }
    if (deferred) {
      const name = deferred[2] ?? deferred[1];
      phases.push({ name, start: null, end: null, raw: deferred[3] });
      ctx.unresolved.push({ field: `phases[${phases.length - 1}]`, raw: deferred[3], reason: `阶段“${name}”的日期原文写明另行通知，需人工补充` });
      continue;
    }
    // "一、6月4日~6月13日，各学院…" is a step that opens with its dates, not a new heading: the section goes on
    if (TOP_HEADING_RE.test(line) && !new RegExp(`^\\s*[一二三四五六七八九十]+、\\s*(?:自|从)?\\s*(?:${DATE_EXPR_SRC})\\s*[：:，,]`).test(line)) {
      section = line;
      // (only the heading itself: "一、入住教育。9月2日至9月6日，…利用晚自习前时间…" is not a 时间 section because its body says 时间)
      sectionHasPhases = PHASE_SECTION_RE.test(line.split(/[。：:]/)[0]);
    } else if (/(?:安排|步骤|进度|日程)如下\s*[：:]\s*$/.test(line)) {
      // "现将…检查工作安排如下：" announces the steps that follow, as a 步骤/安排 heading would
      section = line;
      sectionHasPhases = true;
    }
    const inSection = sectionHasPhases;
    // "四、工作步骤：动员部署（5月6日—5月17日）；排查整治（…）；暑期巡防（  月  日—  月  日）；…": a step heading with every
    // step listed after its colon, each a short name and its period in brackets — one phase each (a blank period: undated)
    const stepList = new RegExp(`^(?:[（(]?[一二三四五六七八九十\\d]+[)）、.．]\\s*)?[${CN}]{0,8}(?:步骤|阶段|安排|进度|日程)(?:如下|分为|为)?\\s*[：:]\\s*(.+)$`).exec(line);
    if (stepList) {
      const blank = `(?:\\d{4}\\s*年)?[\\s_＿]*月[\\s_＿]*[日号]?[\\s_＿]*${RANGE_SEP}[\\s_＿]*月[\\s_＿]*[日号]?[\\s_＿]*`;
      // (steps apart by ；may carry a few words of task after their bracket: "动员部署（…），各地召开会议；…"; steps apart by ，may not)
      const itemRe = (tail: boolean) => new RegExp(`^\\s*(?:[（(]?[一二三四五六七八九十\\d]+[)）、.．]\\s*)?([${CN}、]{2,12})\\s*[（(]\\s*((?:${NEXT_YEAR})?${DATE_EXPR_SRC}|${blank})\\s*[)）]\\s*${tail ? "(?:[，,：:].*)?" : ""}$`);
      const list = stepList[1].replace(/[。.]\s*$/, "");
      let items = list.split(/[；;]/).map((x) => itemRe(true).exec(x));
      if (items.length < 2) items = list.split(/[，,]/).map((x) => itemRe(false).exec(x));
      // (a single day is an event's, not a step's: "开幕式（5月8日）；讲座（5月10日）" is left to the other readers)
      const oneDay = (e: string) => !new RegExp(RANGE_SEP).test(e) && /\d\s*[日号]/.test(e);
      if (items.length >= 2 && items.every((x) => x && !/(之前|以前|前)$/.test(x[2]) && !oneDay(x[2]))) {
        for (const it of items as RegExpExecArray[]) {
          if (/\d|[一二三四五六七八九十]月/.test(it[2])) pushPhase(it[1], it[2]);
          else {
            phases.push({ name: it[1], start: null, end: null, raw: it[2].trim() });
            masks.add(it[2]);
            ctx.unresolved.push({ field: `phases[${phases.length - 1}]`, raw: it[2].trim(), reason: `阶段“${it[1]}”的日期空白（原文未填写），需人工补充` });
          }
        }
        continue;
      }
    }
    // "动员部署：4月1日—4月15日；集中整治：4月16日—5月31日；…" — in a 步骤/安排 section, a line of named periods apart by ；
    if (inSection && /[；;]/.test(line)) {
      const segRe = new RegExp(`^\\s*(?:${ORD}\\s*)?([${CN}、]{2,12})\\s*(?:[：:]\\s*(${PHASE_DATE})|[（(]\\s*(${PHASE_DATE})\\s*[)）])\\s*$`);
      const segs = line.replace(/[。.]\s*$/, "").split(/[；;]/).map((x) => segRe.exec(x));
      const ok = (g: RegExpExecArray | null) => !!g && new RegExp(RANGE_SEP).test(g[2] ?? g[3]) && !/(之前|以前|前)$/.test(g[2] ?? g[3]) && !/(时间|日期|时限|期限)$/.test(g[1]);
      if (segs.length >= 2 && segs.every(ok)) {
        for (const g of segs as RegExpExecArray[]) pushPhase(g[1], g[2] ?? g[3]);
        continue;
      }
    }
    // "1.动员部署（4月1日—15日）。2.集中整治（4月16日—5月31日）。3.总结验收（6月）。" — several numbered steps run into one line
    // of a 步骤/安排 section, each a name and its bracketed period: one phase each
    if (inSection) {
      const runRe = new RegExp(`(?:^|[。；;]\\s*)${ORD}\\s*([${CN}、]{2,12})\\s*${BRACKETED_DATE}`, "g");
      const run = [...line.matchAll(runRe)].filter((x) => /\d|[一二三四五六七八九十]月/.test(x[2]) && !/(之前|以前|前)$/.test(x[2]));
      if (run.length >= 2 && run.every((x) => new RegExp(RANGE_SEP).test(x[2]) || !/\d\s*[日号]/.test(x[2]))) {
        for (const x of run) pushPhase(x[1], x[2]);
        continue;
      }
    }
    const inline = inlinePhases(line);
    if (inline.length) {
      for (const f of inline) pushPhase(f.name.replace(/[：:，,。\s]+$/, ""), f.expr);
      continue;
    }
    let name: string | null = null;
    let expr: string | null = null;
    // （一）名称（日期）  /  1. 名称（日期）  (the name may carry a bracketed gloss: "学校(幼儿园)自查阶段(10月24日—11月4日)")
    // (the campaign's own period qualifying a duty — "专项治理期间（10月至12月），各校另于每周五…报送" — is no item at all: the duty
    // carries its own dates; an event's period — "中考期间（6月20日至22日），各考点实行封闭管理" — is left to the date reader)
    for (const q of line.matchAll(new RegExp(`(?:治理|整治|行动|攻坚|专项工作|活动)(?:期间|期内)\\s*[（(](${DATEISH})[)）]\\s*[，,]`, "g"))) masks.add(q[1]);
    let m = new RegExp(`^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\\d+[.．、]|(?:阶段|步骤)[一二三四五六七八九十]+[：:、]?|第[一二三四五六七八九十]+阶段[：:、]?|第[一二三四五六七八九十]+步[，,：:、]?)\\s*(?:第[一二三四五六七八九十]+阶段[：:、]?)?\\s*((?:[^（(：:。，]|[（(][${CN}]{1,6}[)）]){2,24}?)\\s*[（(](${DATEISH})[)）]`).exec(line);
    // "1、利用周一(5月6日)升旗仪式…": a bracket after a weekday is that weekday's date, not a phase's period
    if (m && (inSection || (checkSteps && new RegExp(RANGE_SEP).test(m[2])) || /阶段/.test(m[1]) || /^\s*(?:第[一二三四五六七八九十]+阶段|(?:阶段|步骤)[一二三四五六七八九十])/.test(line)) && !/(?:周|星期)[一二三四五六日天]$/.test(m[1]) && !qualifier(m[1])) {
      name = m[1];
      expr = m[2];
    }
    // 第一阶段：名称（日期） / 第一阶段名称。日期，  / 第一阶段（日期）：名称
    if (!name) {
      m = new RegExp(`第[一二三四五六七八九十]+阶段\\s*[（(](${DATEISH})[)）]\\s*[：:]?\\s*([^，。；：:]{2,24})`).exec(line);
      if (m) {
        name = m[2];
        expr = m[1];
      }
    }
    if (!name) {
      m = new RegExp(`第[一二三四五六七八九十]+阶段\\s*[：:]?\\s*([^。；：:（(]{2,30}?)[。：:，,\\s]\\s*((?:${DATE_EXPR_SRC}))\\s*[，,。：:；]`).exec(line);
      if (m && /\d|即日/.test(m[2])) {
        name = m[1];
        expr = m[2];
      }
    }
    // 名称阶段：日期 / 名称阶段（日期） / 名称阶段：（日期）请各… (the period in brackets after the colon, the text running on)
    if (!name) {
      m = new RegExp(`^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\\d+[.．、])?\\s*([${CN}、]{2,16}阶段)\\s*[：:]\\s*(?:[（(]\\s*(${PHASE_DATE})\\s*[)）]|(${PHASE_DATE}))`).exec(line);
      if (m) m = [m[0], m[1], m[2] ?? m[3]] as unknown as RegExpExecArray;
      // "分为两个阶段：4月至7月为第一阶段，…；9月至12月为第二阶段" announces the phases: the dates belong to the first of them
      if (m && /分为?[一二三四五六七八九十两\d]+个阶段$/.test(m[1])) m = null;
      if (m) {
        name = m[1];
        expr = m[2];
      }
    }
    // （一）名称：日期  (inside a 步骤/安排 section)
    if (!name && inSection) {
      // (the name may quote a theme: "3．“防溺水”专题教育月：5月")
      m = new RegExp(`^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\\d+[.．、])\\s*((?:[${CN}、]|[“"][${CN}]{1,8}[”"]){2,16}?)\\s*[：:]\\s*(${PHASE_DATE})\\s*(?:[。；;，,]|$)`).exec(line);
      // "检查时间：3月3日至4日" labels when something happens; it is not a phase named 检查时间
      if (m && !/(时间|日期|时限|期限)$/.test(m[1])) {
        name = m[1];
        expr = m[2];
      }
    }
    // 日期为名称阶段
    if (!name) {
      // also "9月1日—9月15日，动员部署阶段。" (the name after a comma, no 为)
      m = new RegExp(`^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|\\d+[.．、])?\\s*(?:自|从)?\\s*(${DATE_EXPR_SRC})\\s*(?:[，,：:]\\s*(?:为|是)?|为|是)\\s*([${CN}、]{2,16}阶段)\\s*(?:[。；;，,]|$)`).exec(line);
      if (m && !/(之前|以前|前)$/.test(m[1])) {
        name = m[2];
        expr = m[1];
      }
    }
    // a table row "| 名称 | 日期 | 任务 |" in a 步骤/进度 section or under a header naming 阶段
    // (also without the outer pipes: "动员部署｜3月1日—3月15日｜任务｜单位", at least three cells)
    // (a table copied as text, its cells separated by runs of spaces: "1    部署启动    3月12日—3月23日    制定方案")
    // (under a header naming 阶段, a row whose task stands one space from its period — "自查自改    10月12日—10月31日 各校…" — is
    // still a row: the period cell ends where the date does)
    const gaps = line.trim().match(/\S(?: {2,}|\t+)(?=\S)/g)?.length ?? 0;
    const spaced = !/[|｜]/.test(line) && (gaps >= 2 || (gaps === 1 && tableHasPhases));
    const splitDateCell = (c: string) => {
      const dm = tableHasPhases ? new RegExp(`^(${DATE_EXPR_SRC}) (?=[^\\d\\s至到—–\\-－～~〜])(.+)$`).exec(c) : null;
      return dm ? `${dm[1]}|${dm[2]}` : c;
    };
    const pl = spaced ? line.trim().split(/ {2,}|\t+/).map(splitDateCell).join("|") : line.replace(/｜/g, "|");
    if (/^\|.*\|/.test(pl) || (pl.split("|").length >= 3 && !/^\|/.test(pl))) {
      const cells = /^\|/.test(pl) ? pl.split("|").map((c) => c.trim()).filter((c, i, a) => i > 0 && i < a.length - 1) : pl.split("|").map((c) => c.trim());
      if (cells.some((c) => /^(?:阶段|步骤|环节)(?:名称)?$/.test(c))) tableHasPhases = true;
      const di = cells.findIndex((c) => new RegExp(`^${NEXT_YEAR}?(?:${DATE_EXPR_SRC})$`).test(c.replace(/\s+/g, "")) && /\d|[一二三四五六七八九十]月/.test(c) && !/(前|以前|之前)$/.test(c));
      const nm = di > 0 ? cells.slice(0, di).reverse().find((c) => new RegExp(`^[${CN}、]{2,12}$`).test(c)) : undefined;
      if (!name && (inSection || tableHasPhases) && nm && !/^(?:阶段|步骤|环节|时间)/.test(nm)) {
        name = nm;
        expr = cells[di];
      }
    } else if (line) tableHasPhases = false;
    // 1. 日期，名称。 (inside a 步骤/安排 section: the date leads, a short name follows)
    if (!name && inSection) {
      m = new RegExp(`^(?:[（(][一二三四五六七八九十\\d]+[)）]|[一二三四五六七八九十]+、|\\d+[.．、])\\s*(?:自|从)?\\s*(${PHASE_DATE})\\s*[，,：:]\\s*([${CN}、]{2,12})\\s*(?:[。；;]|$)`).exec(line);
      if (m && /\d|[一二三四五六七八九十]月/.test(m[1]) && !/(前|以前|之前)$/.test(m[1])) {
        name = m[2];
        expr = m[1];
      }
    }
    // （一）10月8日—10月19日：各学校进行宣传发动，… (a step of a 步骤/安排 section led by a date range and a colon;
    // what follows may be long, or on the next lines): a phase named by its first clause
    if (!name && inSection) {
      m = new RegExp(`^([（(][一二三四五六七八九十\\d]+[)）]|[一二三四五六七八九十]+、|\\d+[.．、])\\s*(?:自|从)?\\s*(${DATE_EXPR_SRC})\\s*[：:，,]\\s*([^，,。；;]*)`).exec(line);
      if (m && new RegExp(RANGE_SEP).test(m[2]) && /\d|[一二三四五六七八九十]月/.test(m[2]) && !/(前|以前|之前)$/.test(m[2])) {
        name = m[3].trim().slice(0, 24) || m[1];
        expr = m[2];
      }
    }
    // several phases in one sentence of a 步骤 section: "自A—B开展学校自查，C—D开展复查，10月由…组织抽查"
    // (the first may follow the colon of "分三步进行：11月2日至11月15日为学校自查阶段；…")
    if (!name && inSection) {
      // (the first may also follow the sentence's subject: "本次专项检查10月15日至10月31日为自查阶段，11月1日至…为整改阶段" —
      // then only a name ending in 阶段 counts)
      const clauseRe = new RegExp(`(?:^([${CN}]{2,10}?)|^|[，,；;。：:]|自|从)\\s*(${DATE_EXPR_SRC})\\s*(?:开展|进行|为|是|由[${CN}]{1,12}?(?:组织|开展|进行))\\s*([${CN}、“”"]{2,16}?)(?=[，,；;。]|$)`, "g");
      const found: [string, string][] = [];
      let cm: RegExpExecArray | null;
      while ((cm = clauseRe.exec(line))) if (/\d|[一二三四五六七八九十]月/.test(cm[2]) && !/(前|以前|之前)$/.test(cm[2]) && (!cm[1] || /阶段$/.test(cm[3]))) found.push([cm[3], cm[2]]);
      if (found.length >= 2) {
        for (const [n, e] of found) {
          const r = parseDateExpr(e, ctx);
          masks.add(e);
          if (r.ok && !r.dueBy) phases.push({ name: /^第.+阶段$/.test(n) ? n : n.replace(/阶段$/, "") || n, start: r.start, end: r.end, raw: e.trim() });
          else {
            phases.push({ name: n, start: null, end: null, raw: e.trim() });
            ctx.unresolved.push({ field: `phases[${phases.length - 1}]`, raw: e.trim(), reason: `阶段“${n}”的日期无法确定：${r.ok ? "只有截止日期" : r.reason}` });
          }
        }
        continue;
      }
    }
    // 第一阶段（动员部署）：9月1日—9月10日 — the name in brackets, the dates after it
    if (!name) {
      m = new RegExp(`^\\s*第[一二三四五六七八九十]+阶段\\s*[（(]([${CN}、]{2,12})[)）]\\s*[：:]?\\s*(${PHASE_DATE})\\s*(?:[。；;，,]|$)`).exec(line);
      if (m && new RegExp(RANGE_SEP).test(m[2])) {
        name = m[1];
        expr = m[2];
      }
    }
    // "第一阶段 动员部署 9月1日—9月10日" (a table copied as text: cells separated by spaces)
    if (!name) {
      // (also "第一步 动员部署 …", "阶段一 动员部署 …", and "1. 动员部署阶段 4月1日—4月15日")
      m =
        new RegExp(`^\\s*(?:第[一二三四五六七八九十]+(?:阶段|步)|(?:阶段|步骤)[一二三四五六七八九十]+)\\s+([${CN}、]{2,12})\\s+(${PHASE_DATE})\\s*$`).exec(line) ??
        new RegExp(`^\\s*${ORD}\\s*([${CN}、]{2,12}阶段)\\s+(${PHASE_DATE})\\s*$`).exec(line);
      if (m && new RegExp(RANGE_SEP).test(m[2])) {
        name = m[1];
        expr = m[2];
      }
    }
    // "（一）动员部署。9月1日—9月10日，各校制定方案。" — a short step name as its own sentence, then its period leads the next
    if (!name && inSection) {
      m = new RegExp(`^(?:[（(][一二三四五六七八九十\\d]+[)）]|[一二三四五六七八九十]+、|\\d+[.．、]|第[一二三四五六七八九十]+步[，,：:、]?|[一二三四五六七八九十]+是)\\s*([${CN}、]{2,12})\\s*[。.]\\s*(?:自|从)?\\s*((?:${NEXT_YEAR})?${DATE_EXPR_SRC})\\s*[，,：:]`).exec(line);
      if (m && new RegExp(RANGE_SEP).test(m[2]) && !/(之前|以前|前)$/.test(m[2])) {
        name = m[1];
        expr = m[2];
      }
    }
    if (!name || !expr) continue;
    name = name.replace(/^第[一二三四五六七八九十]+阶段[：:、，,]?/, "").replace(/^[，,：:\s]+/, "").replace(/^(?:为|是)(?=[\u4e00-\u9fa5]{2,}阶段$)/, "").replace(/[：:，,。\s]+$/, "").trim();
    if (!name) continue;
    pushPhase(name, expr);
  }
  void section;
  for (const h of datedHeadingRun(body, ctx)) if (!masks.has(h.expr) && !phases.some((p) => p.raw === h.expr.trim())) pushPhase(h.name, h.expr);
  if (!phases.some((p) => p.start && p.end)) for (const h of rangeLedRun(body, ctx)) if (!phases.some((p) => p.raw === h.expr.trim())) pushPhase(h.name, h.expr);
  if (!phases.length) for (const h of spacedScheduleTable(body, ctx)) pushPhase(h.name, h.expr);
  if (!phases.length) for (const h of monthHeadingRun(body, ctx)) pushPhase(h.name, h.expr);
  return phases;
}

/**
 * A run of numbered items, each a short name with its period in brackets — headings "一、宣传发动周（9月1日—9月7日）" (its work may
 * follow a colon: "二、演练准备（5月9日至5月11日）：政教处制定方案"), or
 * lines "一是自查自纠（3月15日至4月10日）。各学校…" — is the campaign's schedule: each item is a phase. It takes at least
 * two items of one numbering style, dated in order (each starting after the one before ends), at least one a range; a
 * due day (…前) is never a phase's period. A lone dated heading stays what the other readers make of it.
 */
function datedHeadingRun(body: string[], ctx: Ctx): { name: string; expr: string }[] {
  const re = new RegExp(`^\\s*([一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十]+[)）])\\s*([${CN}、]{2,14}?)\\s*${BRACKETED_DATE}\\s*(?:[。.：:].*)?$`);
  const style = (o: string) => (/是$/.test(o) ? "是" : /、$/.test(o) ? "、" : "()");
  const items: { style: string; name: string; expr: string; start: string; end: string }[] = [];
  for (const line of body) {
    const m = re.exec(line);
    if (!m || /(之前|以前|前)$/.test(m[3]) || /[这该此本]/.test(m[2])) continue;
    const r = parseDateExpr(m[3].replace(/^(?:次年|翌年|第二年)/, ""), ctx);
    if (!r.ok || r.dueBy || r.openEnded || !r.start || !r.end) continue;
    items.push({ style: style(m[1]), name: m[2], expr: m[3], start: r.start, end: r.end });
  }
  for (const st of ["、", "是", "()"]) {
    const run = items.filter((i) => i.style === st);
    if (run.length < 2 || !run.some((i) => new RegExp(RANGE_SEP).test(i.expr))) continue;
    if (run.every((i, k) => k === 0 || i.start > run[k - 1].end)) return run.map((i) => ({ name: i.name, expr: i.expr }));
  }
  return [];
}

/**
 * A schedule table laid out with spaces (text copied from a PDF or a word processor): a header line with a 时间 column and a
 * work column (工作内容/内容/任务/工作安排), then rows each opening with a period and its work after two spaces or more —
 * "    4月—6月         开展心理健康普查     各校心理辅导室", "    9月以后         新生心理测评". Each row is a phase (a bare month
 * runs 1st..last day, 以后 is an open end). It takes two rows or more, dated in order; a due day (…前) is never a period.
 */
function spacedScheduleTable(body: string[], ctx: Ctx): { name: string; expr: string }[] {
  const head = body.findIndex((l) => /^\s*(?:时间|日期|时间安排)\s{2,}(?:工作内容|内容|工作任务|任务|工作安排|主要工作|工作事项)(?:\s{2,}|\s*$)/.test(l));
  if (head < 0) return [];
  const rowRe = new RegExp(`^\\s*(${DATE_EXPR_SRC})\\s{2,}([${CN}][^\\s]{1,40})`);
  const rows: { name: string; expr: string; start: string }[] = [];
  let lastEnd = "";
  for (let i = head + 1; i < body.length; i++) {
    if (!body[i].trim()) { if (rows.length) break; continue; }
    const m = rowRe.exec(body[i]);
    if (!m || /(之前|以前|前)$/.test(m[1])) break;
    const r = parseDateExpr(m[1], ctx);
    if (!r.ok || r.dueBy || !r.start || r.start <= lastEnd) return [];
    lastEnd = r.end ?? "9999";
    rows.push({ name: m[2].replace(/[，,。；;].*$/, ""), expr: m[1], start: r.start });
  }
  return rows.length >= 2 ? rows.map(({ name, expr }) => ({ name, expr })) : [];
}

/**
 * A month-by-month plan: under a heading naming it (月度工作安排, 逐月工作计划), lines that hold only a month ("九月", "十月",
 * "一月") each open that month's work — each month is a phase, 1st to last day. It takes three months or more, one after
 * another (December runs into next January); the first month's year is read as any year-less month is, the rest follow it.
 */
function monthHeadingRun(body: string[], ctx: Ctx): { name: string; expr: string }[] {
  const head = body.findIndex((l) => TOP_HEADING_RE.test(l.trim()) && /(?:月度|逐月|分月)(?:工作)?(?:安排|计划|任务)/.test(l));
  if (head < 0) return [];
  const CN_MONTH = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];
  const months: number[] = [];
  for (let i = head + 1; i < body.length; i++) {
    const t = body[i].trim();
    if (TOP_HEADING_RE.test(t)) break;
    const m = /^(十[一二]|[一二三四五六七八九十]|\d{1,2})\s*月份?\s*[：:]?$/.exec(t);
    if (!m) continue;
    const n = /\d/.test(m[1]) ? Number(m[1]) : CN_MONTH.indexOf(m[1]) + 1;
    if (n < 1 || n > 12) return [];
    if (months.length && n !== (months[months.length - 1] % 12) + 1) return [];
    months.push(n);
  }
  if (months.length < 3) return [];
  const first = parseDateExpr(`${months[0]}月`, ctx);
  if (!first.ok || !first.start) return [];
  let year = Number(first.start.slice(0, 4));
  return months.map((n, k) => {
    if (k > 0 && n === 1) year += 1;
    return { name: `${CN_MONTH[n - 1]}月`, expr: `${year}年${n}月` };
  });
}

/** a range-led step's name: never a place, always some work */
const RUN_PLACE = /(?:区|县|市|镇|乡|街道|校区|片区|片|学校|中学|小学|幼儿园)$/;
const RUN_WORK = /查|改|评|治|训|宣|传|结|验|整|署|动员|摸底|发动|部署|提升|巩固|落实|学习|教育|演练|考核|督导|表彰/;

/**
 * "二、工作进程 / 1．3月16日～3月31日 调查摸底。各校…" / "三、工作安排 / 3月20日～3月31日 学校自评": in a 进程/安排/步骤 section, lines
 * that each open with a period (optionally numbered), then a space and a short step name (alone, or closed by a full stop),
 * are the campaign's steps (round 16). Two or more, in order and not overlapping, at least two of them ranges; the last may be
 * open-ended ("5月以后 整改复查"). Used only when no other reader found a dated phase.
 */
function rangeLedRun(body: string[], ctx: Ctx): { name: string; expr: string }[] {
  const re = new RegExp(`^\\s*(?:\\d+[.．、]\\s*)?((?:${NEXT_YEAR})?${DATE_EXPR_SRC})[ \\t　]+([${CN}、]{2,12})\\s*(?:[。.].*)?$`);
  let section = "";
  let items: { name: string; expr: string; start: string; end: string | null; section: string }[] = [];
  const runs: (typeof items)[] = [];
  for (const raw of body) {
    const line = raw.trim();
    if (TOP_HEADING_RE.test(line)) {
      if (items.length) runs.push(items);
      items = [];
      section = line;
      continue;
    }
    const m = re.exec(line);
    if (!m || !PHASE_SECTION_RE.test(section.split(/[。：:]/)[0]) || /(之前|以前|前)$/.test(m[1])) continue;
    const r = parseDateExpr(m[1], ctx);
    if (!r.ok || r.dueBy || !r.start) continue;
    items.push({ name: m[2], expr: m[1], start: r.start, end: r.openEnded ? null : r.end, section });
  }
  if (items.length) runs.push(items);
  for (const run of runs) {
    if (run.length < 2 || run.filter((i) => i.end && new RegExp(RANGE_SEP).test(i.expr)).length < 2) continue;
    // (each names work — 摸底, 整治, 验收 —, never a place: "9月12日-13日　松韵区" rows are a tour's days, events)
    if (run.some((i) => RUN_PLACE.test(i.name) || !RUN_WORK.test(i.name))) continue;
    if (run.some((i, k) => k < run.length - 1 && !i.end)) continue;
    if (run.every((i, k) => k === 0 || (run[k - 1].end !== null && i.start > run[k - 1].end!))) return run.map((i) => ({ name: i.name, expr: i.expr }));
  }
  return [];
}
