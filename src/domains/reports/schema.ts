/**
 * Patrols and hazard screening: time slots, areas, the roster a school admin sets in chat, and
 * the patrol card's fields. Zod at the boundary; Chinese messages that name the field.
 */
import { z } from "zod";
import type { FieldError } from "./forms/fields.js";
import { typedText } from "./forms/fields.js";

export const patrolSlots = {
  beforeSchool: { name: "上学前", start: "07:10", end: "07:50" },
  midday: { name: "课间/午间", start: "12:00", end: "13:30" },
  afterSchool: { name: "放学后", start: "16:30", end: "17:30" },
  evening: { name: "晚自习", start: "19:00", end: "21:00" },
} as const;
export type SlotKey = keyof typeof patrolSlots;
export const slotKeys = Object.keys(patrolSlots) as SlotKey[];
export const isSlotKey = (s: string): s is SlotKey => s in patrolSlots;

/** Routes and hotspots the notices name (上下学重要时段, 重点路段, 易发场所). */
export const patrolAreas: Record<string, string> = {
  gate: "校门口",
  routes: "学生上下学途经路段",
  toilets: "厕所",
  stairwells: "楼梯间",
  playgroundCorners: "操场角落",
  dormitory: "宿舍",
  canteen: "食堂周边",
  emptyRooms: "空教室/功能室",
  perimeter: "校园围墙及周边",
};

/** What a 隐患排查 covers (S0 排查整治, S1 涉校涉生矛盾纠纷隐患排查, 2019 全面隐患排查). */
export const screeningAreas: Record<string, string> = {
  conflicts: "涉校涉生矛盾纠纷",
  hotspots: "欺凌易发场所",
  specialStudents: "特殊学生（留守、单亲、困难家庭等）",
  surroundings: "校园周边环境",
  online: "网络欺凌线索",
  survey: "学生问卷调查",
};

export const patrolResults = { none: "无异常", hazard: "发现隐患", earlySign: "发现苗头性问题" } as const;
export type PatrolResult = keyof typeof patrolResults;

export type PatrolKind = "patrol" | "screening";
export const kindNames: Record<PatrolKind, string> = { patrol: "巡查", screening: "隐患排查" };

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** A roster entry as set by the plan or the school admin's roster card. */
export const rosterEntrySchema = z
  .object({
    slot: z.enum(slotKeys as [SlotKey, ...SlotKey[]], { message: "时段应为 上学前 / 课间/午间 / 放学后 / 晚自习" }),
    start: hhmm.optional(),
    end: hhmm.optional(),
    weekdays: z.array(z.number().int().min(1).max(7)).min(1, { message: "请至少选择一天" }).default([1, 2, 3, 4, 5]),
    areas: z.array(z.string()).min(1, { message: "请至少选择一个巡查区域" }),
    patrollerOpenId: z.string().min(1, { message: "请指定巡查人" }),
    patrollerName: z.string().optional(),
  })
  .strict();
export type RosterEntry = z.infer<typeof rosterEntrySchema>;

export const PATROL_TEXT_MAX = 500;

export interface PatrolFormValues {
  areas: string[];
  startedAt: Date;
  endedAt: Date;
  result: PatrolResult;
  seen: string;
  actionTaken: string;
  followUpNeeded: boolean;
  followUpDue: string | null;
}

/** "2024-04-29 07:07 +0800" (Lark picker_datetime) → instant. */
export function parseLarkDateTime(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::\d{2})?\s*([+-])(\d{2}):?(\d{2})$/.exec(s.trim());
  if (!m) return null;
  const sign = m[6] === "+" ? 1 : -1;
  const offsetMin = sign * (Number(m[7]) * 60 + Number(m[8]));
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) - offsetMin * 60_000;
  const d = new Date(t);
  return Number.isNaN(t) ? null : d;
}

/**
 * The patrol card's submit. `now` bounds the times (a patrol cannot end in the future) and
 * `areaKeys` the multi-select (a forged value is refused, not stored).
 */
export function parsePatrolForm(raw: Record<string, unknown>, opts: { now: Date; areaKeys: string[] }): { values?: PatrolFormValues; typed: Record<string, string>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const typed: Record<string, string> = {};
  for (const k of ["start", "end", "result", "seen", "actionTaken", "followUpDue"]) typed[k] = typedText(raw[k]);
  const areasRaw = Array.isArray(raw.areas) ? raw.areas.map(String) : typeof raw.areas === "string" && raw.areas ? [raw.areas] : [];
  typed.areas = areasRaw.join(",");
  typed.followUpNeeded = raw.followUpNeeded === true || raw.followUpNeeded === "true" ? "true" : "false";

  const areas = areasRaw.filter((a) => opts.areaKeys.includes(a));
  if (areas.length === 0) errors.push({ field: "areas", message: "请选择“巡查区域”（可多选）" });
  else if (areas.length !== areasRaw.length) errors.push({ field: "areas", message: "“巡查区域”含有无效选项，请重新选择" });

  const startedAt = typed.start ? parseLarkDateTime(typed.start) : null;
  const endedAt = typed.end ? parseLarkDateTime(typed.end) : null;
  if (!typed.start) errors.push({ field: "start", message: "请填写“开始时间”" });
  else if (!startedAt) errors.push({ field: "start", message: "“开始时间”格式不正确" });
  if (!typed.end) errors.push({ field: "end", message: "请填写“结束时间”" });
  else if (!endedAt) errors.push({ field: "end", message: "“结束时间”格式不正确" });
  if (startedAt && endedAt) {
    if (endedAt < startedAt) errors.push({ field: "end", message: "“结束时间”不能早于“开始时间”" });
    else if (endedAt.getTime() - startedAt.getTime() > 12 * 3600_000) errors.push({ field: "end", message: "一次巡查不超过 12 小时，请检查“结束时间”" });
    // A few minutes of slack for clocks that differ between phone and server.
    if (endedAt.getTime() > opts.now.getTime() + 10 * 60_000) errors.push({ field: "end", message: "“结束时间”不能晚于当前时间" });
  }

  const result = typed.result as PatrolResult;
  if (!typed.result) errors.push({ field: "result", message: "请选择“巡查结果”" });
  else if (!(typed.result in patrolResults)) errors.push({ field: "result", message: "“巡查结果”应为 无异常 / 发现隐患 / 发现苗头性问题" });

  const seen = typed.seen.trim();
  const actionTaken = typed.actionTaken.trim();
  if (Array.from(seen).length > PATROL_TEXT_MAX) errors.push({ field: "seen", message: `“发现情况”不能超过 ${PATROL_TEXT_MAX} 字` });
  if (Array.from(actionTaken).length > PATROL_TEXT_MAX) errors.push({ field: "actionTaken", message: `“处置措施”不能超过 ${PATROL_TEXT_MAX} 字` });
  const found = result === "hazard" || result === "earlySign";
  if (found && !seen) errors.push({ field: "seen", message: `选择了“${patrolResults[result]}”，请填写“发现情况”` });

  const followUpNeeded = typed.followUpNeeded === "true";
  if (followUpNeeded && result === "none") errors.push({ field: "followUpNeeded", message: "“无异常”无需跟进；如需跟进请选择“发现隐患”或“发现苗头性问题”" });
  let followUpDue: string | null = null;
  if (typed.followUpDue) {
    const m = /^(\d{4}-\d{2}-\d{2})/.exec(typed.followUpDue.trim());
    if (!m) errors.push({ field: "followUpDue", message: "“整改期限”应为日期" });
    else followUpDue = m[1];
  }
  if (errors.length) return { typed, errors };
  return { values: { areas, startedAt: startedAt!, endedAt: endedAt!, result, seen, actionTaken, followUpNeeded, followUpDue }, typed, errors };
}

export const findingCloseSchema = z.object({ note: z.string().max(500, { message: "“整改情况”不能超过 500 字" }).default("") });
