/** Deadlines read sentence by sentence: each kind has its reader (./relative, ./recurring, …); they run in a fixed order,
 * each taking the part of the sentence it reads so the later ones (the general date reader last) see only what is left. */
import type { ImportedDeadline } from "../importer.js";
import type { Ctx } from "./context.js";
import { readCountedDays } from "./counted-days.js";
import { readDated } from "./dated.js";
import { readImmediate } from "./immediate.js";
import { DATE_EXPR_SRC } from "../dates.js";
import { EVENT_WORDS } from "./patterns.js";
import { readForDays, readPeriods } from "./periods.js";
import { readRecurring } from "./recurring.js";
import { readAheadLimits, readAnchoredLimits, readBareLimits, readRelative } from "./relative.js";
import type { Scan } from "./scan.js";
import { readBlankDates, readHourLimits } from "./undated.js";

/** A rescheduling: what the schedule said before it is superseded (现调整为, 改为, 推迟至 …). */
// (改为/变更为 alone also turn a thing into another — "于3月1日前将旱厕改为水冲厕所" — so they count only after 现)
const RESCHEDULE = /(?:现|现予)(?:调整为|调整至|改为|改至|变更为|推迟至|推迟到|延期至|延后至|顺延至|提前至|提前到)|(?:调整为|调整至|推迟至|推迟到|延期至|延后至|顺延至)(?=\s*(?:于|在)?\s*(?:\d{4}\s*年\s*)?\d{1,2}\s*月)/;

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
    const what = d.kind === "once" || d.kind === "window" ? (d.due === null || d.start === null ? d.raw + d.title : d.title) : d.kind === "recurring" || d.kind === "relative" ? d.title : "";
    const k = `${d.kind}|${d.kind === "immediate" ? d.raw : ""}|${d.due ?? ""}|${d.start ?? ""}|${d.end ?? ""}|${JSON.stringify(d.rule ?? "")}|${d.days ?? ""}|${d.dayType ?? ""}|${what}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(d);
  };
  // the same event announced ("拟于11月24日举行…") and restated under its own time label ("演练时间：11月24日…") is one
  // window; two labelled activities on one day (a lecture and a drill) stay two
  const windowsBy = { labelled: new Set<string>(), plain: new Set<string>() };
  const pushWindow = (d: ImportedDeadline, labelled: boolean) => {
    const k = `${d.start}|${d.end}`;
    if (d.start && (labelled ? windowsBy.plain : windowsBy.labelled).has(k)) return;
    if (d.start) (labelled ? windowsBy.labelled : windowsBy.plain).add(k);
    if (labelled) labelledWindows.push(d);
    push(d);
  };
  const labelledWindows: ImportedDeadline[] = [];
  for (const sentence of sentences) {
    const s = sentence.s.replace(/\n/g, "");
    const o = sentence.o.replace(/\n/g, "");
    const orig = (a: number, b: number) => o.slice(a, b);
    if (!s.trim()) continue;
    const used: [number, number][] = [];
    const free = (a: number, b: number) => !used.some(([x, y]) => a < y && b > x);
    const take = (a: number, b: number) => used.push([a, b]);
    // "原定时间为6月1日—6月30日，现调整为6月11日至7月10日" / "要求于6月30日前报送的总结，现调整为于7月15日前报送": the dates
    // before a rescheduling word are superseded — only what the schedule now says is an item
    const resched = RESCHEDULE.exec(s);
    // (a rescheduling gives the new date after its word)
    if (resched && !/\d{1,2}\s*月/.test(s.slice(resched.index))) resched.index = -1;
    if (resched && resched.index >= 0) for (const dm of s.slice(0, resched.index).matchAll(new RegExp(DATE_EXPR_SRC, "g"))) if (/\d|[一二三四五六七八九十]月/.test(dm[0]) && /月|日/.test(dm[0])) take(dm.index!, dm.index! + dm[0].length);
    const x: Scan = { s, o, sentence, original, orig, free, take, push, pushWindow, ctx };
    readRelative(x);
    readForDays(x);
    readAnchoredLimits(x);
    readAheadLimits(x);
    readBareLimits(x);
    readRecurring(x);
    readHourLimits(x);
    readBlankDates(x);
    readImmediate(x);
    readCountedDays(x);
    readPeriods(x);
    readDated(x);
  }
  // "将于10月中旬开展…普测" then "本次普测时间为10月11日": an event announced by its 旬 or month and restated with its day under
  // its own time label is one event — the labelled day stands, the coarse announcement goes
  const eventWord = new RegExp(EVENT_WORDS);
  return out.filter((d) => {
    if (d.kind !== "window" || !d.start || !d.end || labelledWindows.includes(d) || /\d\s*[日号]/.test(d.raw ?? "") || !/月|旬/.test(d.raw ?? "")) return true;
    return !labelledWindows.some((l) => {
      const w = eventWord.exec(l.title ?? "");
      return l.start! >= d.start! && l.end! <= d.end! && !!w && (d.title ?? "").includes(w[0]);
    });
  });
}
