/**
 * One duty restated (round 13): a notice often says a duty twice — in the body and again in an attachment's 说明
 * ("每周五下午下班前报送隐患台账更新情况" … "说明：每周五报送一次"), or in a 工作要求 section repeating a step's date. Read
 * twice it is two items, one of them invented. A later item of the same kind with the same rule or the same dates is
 * the earlier one restated when its own name adds nothing (a bare 报送一次, 上报) or shares a word of three characters
 * with the earlier one's name; two duties that merely fall on the same rule ("每学期至少组织一次夜间疏散演练" and
 * "每学期…个别谈话一次") keep their own items.
 */
import type { ImportedDeadline } from "../importer.js";

const CORE = (d: ImportedDeadline) =>
  d.kind === "recurring" ? JSON.stringify(Object.entries(d.rule ?? {}).sort(([a], [b]) => a.localeCompare(b))) :
  d.kind === "once" ? (d.due ?? null) :
  d.kind === "window" ? `${d.start ?? null}|${d.end ?? null}` : null;

/** a name that names no work of its own: a hand-in verb, a count, nothing */
const GENERIC = /^(?:(?:并|须|要|应)?(?:报送|上报|报|提交|填报|交|报告|完成)?(?:一次|1次)?)$/;

function sharesWord(a: string, b: string): boolean {
  const x = a.replace(/[^\u4e00-\u9fa5A-Za-z0-9]/g, "");
  const y = b.replace(/[^\u4e00-\u9fa5A-Za-z0-9]/g, "");
  for (let i = 0; i + 3 <= x.length; i++) if (y.includes(x.slice(i, i + 3))) return true;
  return false;
}

/** Drop the later restatements of a dated duty (kept: the first, fullest reading). */
export function dropRestated(deadlines: ImportedDeadline[]): void {
  for (let j = deadlines.length - 1; j > 0; j--) {
    const later = deadlines[j];
    const core = CORE(later);
    if (core === null || core === "null" || core === "null|null") continue;
    const name = later.title.replace(/[“”"《》\s]/g, "");
    const first = deadlines.slice(0, j).find((d) => d.kind === later.kind && CORE(d) === core);
    if (first && (GENERIC.test(name) || sharesWord(name, first.title))) deadlines.splice(j, 1);
  }
}
