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
