/** zod at the boundaries: chat command arguments and card action values. */
import { z } from "zod";
import { UserError } from "../../core/errors.js";
import { NOTE_MAX } from "../../../cards/bulletins/review.js";

/** “2021-10”, “2021-1”, “2021年10月”, “2021/10” → “2021-10”. */
export function normalizeMonth(s: string): string | null {
  const m = /^(\d{4})\s*[-年/.]\s*(\d{1,2})\s*月?$/.exec(s.trim());
  if (!m) return null;
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return null;
  return `${m[1]}-${String(mo).padStart(2, "0")}`;
}

export interface MonthlyArgs {
  month: string | null;
  planId: string | null;
}

/** `月报 [YYYY-MM] [计划id]` in any order. */
export function parseMonthlyArgs(args: string): MonthlyArgs {
  let month: string | null = null;
  let planId: string | null = null;
  for (const w of args.split(/\s+/).filter(Boolean)) {
    const m = normalizeMonth(w);
    if (m) month = m;
    else if (/^\d{4}/.test(w)) throw new UserError(`月份“${w}”不正确，请写成 2021-10 这样的格式。`, { field: "month" });
    else if (/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(w)) planId = w;
    else throw new UserError(`无法识别“${w}”。用法：月报 2021-10（可在后面加计划 id）`, { field: "args" });
  }
  return { month, planId };
}

export const bulletinRefSchema = z.object({ action: z.string(), bulletinId: z.string().min(1).max(64) }).passthrough();

export function parseBulletinRef(value: unknown): { bulletinId: string } {
  const r = bulletinRefSchema.safeParse(value);
  if (!r.success) throw new UserError("卡片数据不完整，请刷新后重试。", { field: "bulletinId" });
  return { bulletinId: r.data.bulletinId };
}

export const noteSchema = z.object({
  note: z
    .union([z.string(), z.undefined(), z.null()])
    .transform((v) => (v ?? "").replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().max(NOTE_MAX, { message: `按语不能超过 ${NOTE_MAX} 字` })),
});
