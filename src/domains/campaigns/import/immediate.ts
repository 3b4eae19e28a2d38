/** Immediate tasks: 立即启动…, and an obligation to act at once (须立即报告, 要立即停运整改). */
import { CN } from "./patterns.js";
import type { Scan } from "./scan.js";

/**
 * An obligation word, then 立即/第一时间/马上, then any action ("要立即停运整改", "须立即拨打119", "要立即核实情况"): a task to do at
 * once. The must-word must stand right before 立即 (so "不能马上整改的" is not one) and be a must-word, not the tail of another
 * word (效应, 相应, 主要, 重要) nor denied (无须, 不要); a rule taking effect at once (立即生效 / 立即施行) is not a task.
 */
const IMMEDIATE_ANY = `(?<![不无毋勿])(?:必须|(?<![相反响适对供答效感])应当?|(?<![只主重纲摘概提])要|务必|须)(?:按要求)?\\s*(?:立即|第一时间|马上)(?!生效|施行)[${CN}]{2}`;

/** 立即/第一时间 tasks (no date). */
export function readImmediate(x: Scan): void {
  const { s, orig, free, take, push } = x;
  let m: RegExpExecArray | null;

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
}
