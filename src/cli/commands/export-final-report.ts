/** `export final-report <plan> [--out file.docx] [--force]`: the 专项工作报告 draft as DOCX. */
import { mkdirSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { dirname, resolve } from "node:path";
import { buildFinalReport } from "../../domains/bulletins/final-report.js";
import type { CliCommand } from "../types.js";
import { parseArgs, refuseOverwrite } from "../args.js";

const USAGE = "export final-report <计划id> [--out 文件.docx] [--force]";

const optsSchema = z.object({
  plan: z.string({ error: "缺少计划 id" }).min(1, { message: "缺少计划 id" }),
  out: z.string().refine((s) => /\.docx$/i.test(s), { message: "--out 应为 .docx 文件" }).optional(),
  force: z.boolean(),
});

export function parseFinalReportArgs(args: string[]): { plan: string; out: string; force: boolean } {
  const o = parseArgs(args, { usage: USAGE, positional: ["plan"], options: ["out"], switches: ["force"], schema: optsSchema });
  return { plan: o.plan, out: o.out ?? `${o.plan}-专项工作报告.docx`, force: o.force };
}

export const exportFinalReportCommand: CliCommand = {
  path: ["export", "final-report"],
  usage: USAGE,
  summary: "生成专项工作报告草稿（DOCX：全程数据、各月和各单位表格、回头看清单）",
  async run(args, ctx) {
    const o = parseFinalReportArgs(args);
    const out = resolve(o.out);
    refuseOverwrite(out, o.force);
    const db = await ctx.db();
    const { buffer, data } = await buildFinalReport(db, o.plan, { now: new Date(), actor: "cli:final-report" });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, buffer);
    const t = data.summary.totals;
    ctx.result(
      { file: out, plan: o.plan, from: data.summary.window.firstDay, to: data.summary.window.lastDay, cases: t.cases.opened, units: data.summary.units.length, retrospectiveUnits: data.retrospective.length },
      () => `已生成专项工作报告草稿：${out}（事件 ${t.cases.opened} 件，单位 ${data.summary.units.length} 个）`,
    );
  },
};
