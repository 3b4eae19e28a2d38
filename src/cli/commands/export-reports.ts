import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { UserError } from "../../core/errors.js";
import { buildReportsWorkbook } from "../../domains/reports/export.js";
import { isPeriod } from "../../domains/reports/period.js";
import type { CliCommand } from "../types.js";
import { parseArgs, refuseOverwrite } from "../args.js";

const USAGE = "export reports --plan <计划id> --period YYYY-MM --out <文件.xlsx> [--force]";

const optsSchema = z.object({
  plan: z.string({ error: "缺少参数 --plan（计划 id）" }).min(1),
  period: z.string({ error: "缺少参数 --period（月份 YYYY-MM）" }).refine(isPeriod, { message: "--period 应为月份 YYYY-MM，例如 2018-10" }),
  out: z.string({ error: "缺少参数 --out（输出文件 .xlsx）" }).refine((s) => s.toLowerCase().endsWith(".xlsx"), { message: "--out 应为 .xlsx 文件" }),
  force: z.boolean().default(false),
});

export function parseExportReportsArgs(args: string[]): z.infer<typeof optsSchema> {
  return parseArgs(args, { usage: USAGE, options: ["plan", "period", "out"], switches: ["force"], schema: optsSchema });
}

/** 月报表 (附件3) and 自查表 (附件2) of every school for one month, as the paper forms, in one XLSX. */
export const exportReportsCommand: CliCommand = {
  path: ["export", "reports"],
  usage: USAGE,
  summary: "导出某月各学校的月报表和自查表（按纸质表格式，XLSX，含汇总表）",
  async run(args, ctx) {
    const o = parseExportReportsArgs(args);
    const out = resolve(o.out);
    refuseOverwrite(out, o.force);
    const db = await ctx.db();
    const exists = await db.prisma.campaign.findUnique({ where: { id: o.plan }, select: { id: true } });
    if (!exists) throw new UserError(`找不到计划：${o.plan}（请先用 plan activate 启用）`, { field: "plan" });
    const r = await buildReportsWorkbook(db, { campaignId: o.plan, period: o.period });
    mkdirSync(dirname(out), { recursive: true });
    await r.workbook.xlsx.writeFile(out);
    const submitted = r.units.filter((u) => u.monthlyReport !== "未提交").length;
    ctx.result({ file: out, plan: o.plan, period: o.period, units: r.units }, () =>
      [`已导出 ${o.period} 月报表和自查表到 ${out}`, `学校 ${r.units.length} 所，已交月报表 ${submitted} 所：`, ...r.units.map((u) => `- ${u.name}：月报表 ${u.monthlyReport}，自查表 ${u.selfCheck}`)].join("\n"),
    );
  },
};
