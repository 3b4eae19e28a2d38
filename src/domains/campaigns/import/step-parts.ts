/**
 * The parts of one step (round 15–16): a step carried out place by place, batch by batch or grade by grade is one phase.
 * Dated details written under a step, or its parts named only by their group, never become phases of their own.
 */
import type { ImportResult } from "../importer.js";
import { CN } from "./patterns.js";

/** what names work done (a step's own activity), as against a place or a group ("东片", "县直及民办学校") */
const WORK = /查|改|训|传|结|署|员|收|导|估|评|治|练|讲|会|赛|演|教育|开展|组织|进行|召开|举行|举办|完成|报|建|测|访|谈|宣|整|验|审|核/;

/**
 * "（二）县级抽查（3月18日至3月29日）。…具体安排如下：1.3月18日—19日，东片，东关小学…": a dated clause lying inside the period
 * of a step written above it, that names only where or who, is a detail of that step — never a phase of its own (round 15)
 */
export function dropNestedDetails(phases: ImportResult["phases"], bodyText: string): void {
  for (let i = phases.length - 1; i >= 0; i--) {
    const p = phases[i];
    if (!p.start || !p.end || WORK.test(p.name)) continue;
    const at = bodyText.indexOf(p.raw);
    const outer = phases.find((q) => q !== p && q.start && q.end && q.start <= p.start! && q.end >= p.end! && (q.start !== p.start || q.end !== p.end) && bodyText.indexOf(q.raw) >= 0 && bodyText.indexOf(q.raw) < at);
    if (outer) phases.splice(i, 1);
  }
}

/** a name that says only which batch, grade, area or campus ("第二批（初中、九年一贯制学校）", "三、四年级", "东片学校") */
const GROUP = new RegExp(`^(?:第[一二三四五六七八九十\\d]+批(?:次)?|[${CN}、，,]{1,10}年级|[东西南北中][、，,]?(?:[东西南北中])?片(?:区)?|[${CN}]{1,6}(?:片区|校区|学段|学部))(?:[（(][^）)]{0,20}[)）])?(?:学校|各校)?\\s*[：:]?$`);

/**
 * "分批排查 | 第一批（高中、职校）3月22日-4月2日；第二批（初中…）4月6日-4月16日；第三批…4月19日-4月30日": one step carried out
 * batch by batch (grade by grade, area by area) on successive sub-ranges is ONE phase, from the first part's first day to the
 * last one's last day (round 16). Only parts named by their group alone (no work of their own: a chain 自查→复查→抽查 stays
 * several phases), written one after the other (within one short passage), in order and not overlapping.
 */
export function mergeGroupParts(phases: ImportResult["phases"], bodyText: string): void {
  const label = (p: ImportResult["phases"][number]) => (p.name.split(/[|｜\n]/).pop() ?? "").trim();
  const at = (p: ImportResult["phases"][number]) => (p.raw ? bodyText.indexOf(p.raw) : -1);
  const order = phases.map((p, i) => ({ p, i, pos: at(p) })).filter((x) => x.pos >= 0).sort((a, b) => a.pos - b.pos);
  for (let k = 0; k < order.length; k++) {
    const run = [order[k]];
    if (!run[0].p.start || !run[0].p.end || !GROUP.test(label(run[0].p))) continue;
    for (let n = k + 1; n < order.length; n++) {
      const prev = run[run.length - 1];
      const x = order[n];
      if (!x.p.start || !x.p.end || !GROUP.test(label(x.p)) || x.p.start <= prev.p.end! || x.pos - prev.pos > 120) break;
      run.push(x);
    }
    if (run.length < 2) continue;
    const first = run[0].p;
    const last = run[run.length - 1].p;
    const merged = { name: first.name.split(/[|｜\n]/).map((c) => c.trim()).filter(Boolean).filter((c) => !GROUP.test(c)).pop() ?? label(first), start: first.start, end: last.end, raw: first.raw };
    const drop = new Set(run.map((x) => x.p));
    const idx = phases.indexOf(first);
    phases.splice(idx, 1, merged);
    for (let i = phases.length - 1; i >= 0; i--) if (drop.has(phases[i])) phases.splice(i, 1);
    order.splice(k, run.length, { p: merged, i: -1, pos: run[0].pos });
  }
}
