/** Immediate tasks: 立即启动…, and an obligation to act at once (须立即报告, 要立即停运整改). */
import { CN } from "./patterns.js";
import type { Scan } from "./scan.js";

/**
 * An obligation word, then 立即/第一时间/马上, then any action ("要立即停运整改", "须立即拨打119", "要立即核实情况"): a task to do at
 * once. The must-word must stand right before 立即 (so "不能马上整改的" is not one) and be a must-word, not the tail of another
 * word (效应, 相应, 主要, 重要) nor denied (无须, 不要); a rule taking effect at once (立即生效 / 立即施行) is not a task.
 */
const IMMEDIATE_ANY = `(?<![不无毋勿])(?:必须|(?<![相反响适对供答效感])应当?|(?<![只主重纲摘概提])要|务必|须)(?:按要求|依法|坚决|按规定)?(?:责令|督促)?\\s*(?:立即|第一时间|马上)(?!生效|施行)[${CN}]{2}`;

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
  // a rule taking effect at once (立即生效/施行) is not a task, nor a clause that reports what was done (了), nor a denied one:
  // 无须立即报告, 不需要立即上报)
  const immActRe = new RegExp(`(?:(?<![无不毋勿]|不需|无需)(?:必须|须|应当|应|要|务必)(?:按要求|依法|坚决|按规定)?(?:责令|督促)?\\s*(?:立即|第一时间|马上)(?:向[^，。；、]{1,14}?)?(?:电话|书面)?(?:报告|上报|报警|采取[^，。；]{0,6}?措施|进行劝阻|劝阻|制止|停止(?:使用|供应|销售|营业|活动|施工|运行)?)|(?<!无须|无需|不须|不需|不必|不用|毋须|勿须|不要|不得)(?:立即|第一时间|马上)(?:向[^，。；、]{1,14}?)?(?:电话|书面)?(?:报告|上报|报警)|(?<any>${IMMEDIATE_ANY}))[^，。；]{0,16}`, "g");
  while ((m = immActRe.exec(s))) {
    if (!free(m.index, m.index + m[0].length) || (m.groups?.any && /(?<![为除])了(?![解结如])/.test(m[0]))) continue;
    take(m.index, m.index + m[0].length);
    const raw = orig(m.index, m.index + m[0].length);
    push({ kind: "immediate", title: raw.replace(/^(?:必须|须|应当|应|要|务必)?(?:按要求|依法|坚决|按规定)?(?:责令|督促)?\s*/, ""), raw });
  }
  // 立即 with no must-word before it, where the sentence still sets a duty: after a condition ("发现…的，立即停止…"), after
  // a fronted object ("对发现的问题立即整改"), or joined to a duty by 并 ("应及时报告并立即进行整改", "要认真部署，…，并立即组织…")
  // (never denied, nor a rule taking effect, nor a past clause)
  // (round 12) also after a 能…的 condition with no comma ("能整改的立即整改", "能立行立改的立即整改")
  // (round 11) also after 一律 ("一律立即停止使用"), after a found condition with no 的 ("发现安全隐患立即整改"), and after a
  // time clause naming who acts ("听到警报后，各班教师立即组织…"): the sentence still orders the act at once
  const ledRe = new RegExp(`(?:(?<=[${CN}]的[，,]\\s*)|(?<=能[${CN}]{1,8}的\\s*)|(?<=对[^，。；]{1,16}?)|(?<=并\\s*)|(?<=一律\\s*)|(?<=(?:发现|發現)[^，,。；;]{1,12}?)|(?<=[${CN}]{2}后[，,]\\s*(?:各|全体)[${CN}]{1,6}?))(?<![无不毋勿][须需必用要得能]\\s*)(?:立即|马上)(?!生效|施行|执行|起)[${CN}]{2}[^，,。；;]{0,14}`, "g");
  while ((m = ledRe.exec(s))) {
    // ("对不能马上整改的隐患": 马上 inside an attribute before 的 describes the thing, it sets no duty)
    if (!free(m.index, m.index + m[0].length) || /(?<![为除])了(?![解结如])/.test(m[0]) || /^(?:立即|马上)[^，,。；;]{0,6}的/.test(m[0])) continue;
    const before = s.slice(Math.max(0, s.lastIndexOf("。", m.index) + 1), m.index);
    // 并立即 needs a duty in the sentence (要/应/须/必须/务必) — "会议结束后并立即…" reporting a fact is not one
    if (/并\s*$/.test(before) && !/(?:必须|务必|须|应当?|要)/.test(before)) continue;
    take(m.index, m.index + m[0].length);
    const raw = orig(m.index, m.index + m[0].length);
    push({ kind: "immediate", title: raw.replace(/^(?:立即|马上)\s*/, ""), raw });
  }
}
