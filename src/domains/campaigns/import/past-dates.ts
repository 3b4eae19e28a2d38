/**
 * A date long before the notice was issued is a reference, not work to schedule: a law in force since 1998, buildings
 * built after a year, a campaign of years ago (real heldout9 h907: `1998年9月1日后新建…的校舍…应补办手续` in a 2023
 * notice became a one-day window). Nothing a notice asks its readers to do can end more than a year before it was
 * written, so such an item goes to `unresolved` with its text instead of into the plan. Without an issue date nothing
 * is dropped: there is nothing to compare with.
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
