/**
 * Dates in the past are not work to schedule: an event the notice reports as done, and a date long before the notice.
 *
 * A date long before the notice was issued is a reference, not work to schedule: a law in force since 1998, buildings
 * built after a year, a drill of years ago (found on real heldout9, where h907's `1998年9月1日后新建…的校舍` became a
 * one-day window). Nothing a notice asks its readers to do can end more than a year before it was written, so such an
 * item goes to `unresolved` with its text instead of into the plan. Without an issue date nothing is dropped: there is
 * nothing to compare with — h907's excerpt has no date line, so it still shows that window.
 */
import { addDays } from "../../../core/calendar.js";
import type { ImportedDeadline, ImportResult } from "../importer.js";

export const LONG_PAST = "日期早于发文日期一年以上，应是引用的以往日期（如法规施行、建校时间），未列入工作安排，请核对";

type Phase = ImportResult["phases"][number];

export function dropLongPast(phases: Phase[], deadlines: ImportedDeadline[], issuedOn: string | null, unresolved: ImportResult["unresolved"]): void {
  if (!issuedOn) return;
  const limit = addDays(issuedOn, -366);
  const lastDay = (x: { start?: string | null; end?: string | null; due?: string | null }) => x.end ?? x.due ?? x.start ?? null;
  const past = (x: { start?: string | null; end?: string | null; due?: string | null }) => {
    const d = lastDay(x);
    return d !== null && d < limit;
  };
  for (let i = phases.length - 1; i >= 0; i--)
    if (past(phases[i])) unresolved.push({ field: "phases", raw: phases.splice(i, 1)[0].raw, reason: LONG_PAST });
  for (let i = deadlines.length - 1; i >= 0; i--)
    if (past(deadlines[i])) unresolved.push({ field: "deadlines", raw: deadlines.splice(i, 1)[0].raw, reason: LONG_PAST });
}

/** a reported, already-done event: 已/已经/业已 and a done verb ("已上好", "已经完成", "业已召开") */
const DONE = /(?:已经|业已|已)(?!于\s*\d|在\s*\d)[\u4e00-\u9fa5]{0,6}?(?:好|完|过|毕|结束|完成|召开|举行|举办|开展|组织|进行)(?:了)?/;

/**
 * "开学第一天（3月2日）各班已上好“开学安全第一课”" in a notice dated 3月2日: the date of an event the notice reports as done
 * is no item (conventions: dates of past events are not items). A window is dropped when its own clause (from its date to
 * the clause's end) says the event is already done and it ends on or before the notice's date (round 16).
 */
export function dropDoneEvents(deadlines: ImportedDeadline[], bodyText: string, issuedOn: string | null): void {
  if (!issuedOn) return;
  for (let i = deadlines.length - 1; i >= 0; i--) {
    const d = deadlines[i];
    if (d.kind !== "window" || !d.start || !d.end || d.end > issuedOn) continue;
    // (every place the date is written, but as part of a fuller date — the date line "2026年3月2日" — must say so)
    const raw = d.raw.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const places = [...bodyText.matchAll(new RegExp(`(?<![\\d年])${raw}`, "g"))].map((m) => m.index);
    if (places.length && places.every((at) => DONE.test(bodyText.slice(at).split(/[。；;\n]/)[0]))) deadlines.splice(i, 1);
  }
}
