import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { UserError } from "../../core/errors.js";
import { isIsoDate } from "../../core/calendar.js";
import { exportCases, toCsv, toXlsx } from "../../domains/incidents/export.js";
import type { CliCommand } from "../types.js";
import { parseArgs, refuseOverwrite } from "../args.js";

const USAGE = "export cases --plan <计划id> --unit <单位标识> --from YYYY-MM-DD --to YYYY-MM-DD --format xlsx|csv --out <文件> [--force]";

const date = (label: string) =>
  z.string({ error: `缺少参数 ${label}（YYYY-MM-DD）` }).refine(isIsoDate, { message: `${label} 应为存在的日期 YYYY-MM-DD` });

const optsSchema = z
  .object({
    plan: z.string({ error: "缺少参数 --plan（计划 id）" }).min(1),
    unit: z.string({ error: "缺少参数 --unit（单位标识，如 school-01）" }).min(1),
    from: date("--from"),
    to: date("--to"),
    format: z.enum(["xlsx", "csv"], { error: "--format 应为 xlsx 或 csv" }),
    out: z.string({ error: "缺少参数 --out（输出文件）" }).min(1),
    force: z.boolean().default(false),
  })
  .refine((o) => o.from <= o.to, { message: "--from 不能晚于 --to", path: ["from"] });

export function parseExportArgs(args: string[]): z.infer<typeof optsSchema> {
  return parseArgs(args, { usage: USAGE, options: ["plan", "unit", "from", "to", "format", "out"], switches: ["force"], schema: optsSchema });
}

/** 回头看清单 (seed 000 附件3) of one school, as XLSX or CSV. */
export const exportCasesCommand: CliCommand = {
  path: ["export", "cases"],
  usage: USAGE,
  summary: "导出某单位某时段的学生欺凌事件回头看清单（附件3 格式，XLSX 或 CSV）",
  async run(args, ctx) {
    const o = parseExportArgs(args);
    const out = resolve(o.out);
    refuseOverwrite(out, o.force);
    const db = await ctx.db();
    const campaign = await db.prisma.campaign.findUnique({ where: { id: o.plan }, select: { id: true } });
    if (!campaign) throw new UserError(`找不到计划：${o.plan}（请先用 plan activate 启用）`, { field: "plan" });
    const unit = await db.prisma.unit.findUnique({ where: { campaignId_key: { campaignId: o.plan, key: o.unit } }, select: { id: true } });
    if (!unit) throw new UserError(`计划 ${o.plan} 中没有单位：${o.unit}`, { field: "unit" });
    const data = await exportCases(db, { campaignId: o.plan, unitKey: o.unit, from: o.from, to: o.to, actor: "cli:export", now: new Date() });
    mkdirSync(dirname(out), { recursive: true });
    if (o.format === "csv") writeFileSync(out, toCsv(data), "utf8");
    else writeFileSync(out, await toXlsx(data));
    ctx.result({ file: out, format: o.format, unit: o.unit, from: o.from, to: o.to, cases: data.rows.length }, () => `已导出 ${data.rows.length} 件案件到 ${out}`);
  },
};
