/** Relative limits: N (working) days after an event (事件发生后5日内, 开学后3日内, 接报后…), also in later clauses of an anchored sentence. */
import { parseNum } from "../text.js";
import { clauseTitle } from "./clause-title.js";
import { CN } from "./patterns.js";
import { N, type Scan } from "./scan.js";

/** N days after a named event: 办结后3个工作日内, 发现之日起5日内. */
export function readRelative(x: Scan): void {
  const { s, o, orig, take, push } = x;
  let m: RegExpExecArray | null;

  // relative: 事件处置结束后 5 日内 / 办结后3个工作日内
  // (a school-calendar event the notice does not date — 开学后5日内, 放假离校后3日内, 返校后 — is an event like any other)
  // (a decision or a finding is an anchor too — 作出处理决定后3日内, 在认定后5个工作日内 — and an event named by one word before 后:
  // 灾后/震后/汛后/事后/案发后/事发后)
  const relRe = new RegExp(`([${CN}]{0,8}?(?:结束|闭幕|完成|办结|结案|终结|发生|发现|处理完毕|处置完毕|受理|接报|接到[${CN}]{0,6}|收到[${CN}]{0,6}|启动[${CN}]{0,6}|开学|放假|离校|返校|决定|认定|查实|核实|灾|震|汛|案发|事发|事))(?:之日)?(?:起|后)\\s*${N}\\s*(个)?\\s*(工作日|自然日|日|天)\\s*(?:内|以内)`, "g");
  while ((m = relRe.exec(s))) {
    const days = parseNum(m[2]);
    if (days === null) continue;
    take(m.index, m.index + m[0].length);
    push({ kind: "relative", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), days, dayType: m[4] === "工作日" ? "working" : m[4] === "自然日" ? "calendar" : "unspecified", raw: m[0].trim() });
  }
}

/**
 * "确需离校的，须提前五天向学院请假": a duty counted BEFORE an event (the event is the anchor; the limit is N days ahead of it) —
 * a relative limit too; only with a must-word and an action that asks or tells (请假, 申请, 报备, 告知…), not "提前完成".
 */
export function readAheadLimits(x: Scan): void {
  const { s, o, orig, free, take, push } = x;
  let m: RegExpExecArray | null;
  const aheadRe = new RegExp(`(?:须|需|需要|应|应当|要|必须|务必)\\s*提前\\s*${N}\\s*(个)?\\s*(工作日|自然日|日|天)\\s*(?:以上)?\\s*(?:向[^，。；,;]{1,14}?)?(?:办理|提出|提交|申请|报备|报告|报送|告知|通知|请假|备案|登记)`, "g");
  while ((m = aheadRe.exec(s))) {
    const days = parseNum(m[1]);
    if (days === null || !free(m.index, m.index + m[0].length)) continue;
    take(m.index, m.index + m[0].length);
    push({ kind: "relative", title: clauseTitle(o, orig(m.index, m.index + m[0].length), m.index), days, dayType: m[3] === "工作日" ? "working" : m[3] === "自然日" ? "calendar" : "unspecified", raw: m[0].trim() });
  }
}

/** "事件发生后，学校须在2日内…，5个工作日内…": limits in the clauses after an anchor. */
export function readAnchoredLimits(x: Scan): void {
  const { s, o, orig, free, take, push } = x;
  let m: RegExpExecArray | null;

  // "事件发生后，学校须在2日内…，5个工作日内…": limits in later clauses of an anchored sentence
  // (the event may be named between: "学校发生学生欺凌事件后，应在3个工作日内…")
  // (also a school-calendar event: "开学后，各校须在5日内…"; and a finding: "学校发现欺凌事件后，要在2个工作日内…")
  const anchorM = /(?:发生[^，。；、]{0,10}?|发现[^，。；、]{0,10}?|结束|完毕|办结|结案|接报|接到[^，。；]{0,6}|收到[^，。；]{0,6}|受理[^，。；]{0,6}|开学|放假|离校|返校)(?:之日)?(?:起|后)[，,]/.exec(s);
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
}

/**
 * The general reading of a limit (the writers' convention: any obligation "(在)N(个工作)日/天内" is a relative limit, whatever
 * event precedes it or none): "学校应在3个工作日内完成调查核实", "学校在3日内答复", "须在10日内整改到位", "在变更后7日内",
 * "在知悉后1个工作日内", "并在2个工作日内报送". Day type: 工作日 → working; 自然日/日历日 → calendar; a bare 日/天 → unspecified.
 * Not a limit: N days tied to a calendar date (自3月1日起30日内, 3月1日至10日内 — a dated window/deadline, read elsewhere), a day
 * of the month (5月10日内), a look back (近7日内, 返校前14天内 — a condition, not a duty), a condition or a noun phrase after it
 * (14天内有旅居史, 7日内的记录), an hour limit (read elsewhere). A duty needs a must-word or 在/并 before the count, or an action
 * right after it.
 */
export function readBareLimits(x: Scan): void {
  const { s, o, orig, free, take, push } = x;
  let m: RegExpExecArray | null;
  const limRe = new RegExp(`(?<![\\d一二两三四五六七八九十〇零月至到—\\-－～~〜、·.．])${N}\\s*(个)?\\s*(工作日|自然日|日历日|日|天)\\s*(?:内|以内)(?![的有无未曾])`, "g");
  // (round 16: "并在2个工作日内形成书面报告" — drawing up a report is a duty as handing it in is)
  const ACTION = "(?:完成|形成|办结|办理|整改|答复|回复|反馈|报送|报告|上报|续报|报|提交|提出|送达|处理|处置|核实|核查|调查|认定|作出|书面|告知|通知|备案|登记|落实|补齐|补报|补充|上传|填报|录入|更新|组织|召开|开展|启动|复查|复核|审核|审查|审批|公示|公布|移交|移送|整治|清理|拆除|消除|修复|维修|更换|配备|签订|签署|建立|制定|修订|向|将|把|对|予以|给予|作|进行|交|上交|送|发|到位|到|赴|结案|销号)";
  const MUST = "(?:须|需|需要|应|应当|要|必须|务必|限|责令|负责|原则上|一般|并|在|于|及时)";
  const tiedRe = new RegExp(`(?:起|开始|算起|以后|后)\\s*[，,]?\\s*[${CN}]{0,6}$`);
  const actRe = new RegExp(`^\\s*(?:[，,]\\s*[${CN}]{0,8}?)?(?:要|须|应|必须|需)?\\s*${ACTION}`);
  const mustRe = new RegExp(MUST);
  while ((m = limRe.exec(s))) {
    const a = m.index;
    const b = a + m[0].length;
    if (!free(a, b)) continue;
    const days = parseNum(m[1]);
    if (days === null || days < 1) continue;
    const clauseStart = Math.max(s.lastIndexOf("，", a), s.lastIndexOf(",", a), s.lastIndexOf("；", a), s.lastIndexOf("。", a), s.lastIndexOf("：", a)) + 1;
    const before = s.slice(clauseStart, a);
    // a look back or a count before an event: 近7日内, 最近3天内, 返校前14天内, 考前3日内 (提前N天 is read by readAheadLimits)
    if (/(?:近|最近|过去|以往|前)\s*$/.test(before)) continue;
    // tied to a calendar date: "自3月1日起30日内", "从10月8日开始，15日内" (a dated window/deadline, not a relative limit)
    if (/\d\s*月\s*\d{1,2}\s*[日号]/.test(before) && tiedRe.test(before)) continue;
    if (/\d\s*月\s*\d{1,2}\s*[日号]\s*(?:起|开始|算起)[^。；;]{0,12}$/.test(s.slice(0, a))) continue;
    const after = s.slice(b, b + 16);
    const acts = actRe.test(after);
    // (a clause opening with the limit carries on the duty of the clause before: "须在24小时内电话报告，7日内提交书面报告")
    const must = mustRe.test(before) || (!before.trim() && mustRe.test(s.slice(Math.max(0, s.lastIndexOf("。", clauseStart - 1) + 1), clauseStart)));
    const anchored = /(?:后|起)\s*$/.test(before);
    // "应在3个工作日内与家长面谈" / "须在2个工作日内安排维修": a must-word right before 在 and the count is a duty whatever verb follows
    const bound = /(?:须|需|需要|应|应当|要|必须|务必)\s*在\s*$/.test(before);
    if (!(acts || bound) || !(must || anchored)) continue;
    take(a, b);
    const raw = orig(clauseStart, b).trim();
    push({ kind: "relative", title: clauseTitle(o, orig(a, b), a), days, dayType: m[3] === "工作日" ? "working" : m[3] === "自然日" || m[3] === "日历日" ? "calendar" : "unspecified", raw });
  }
}
