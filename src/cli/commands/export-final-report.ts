/** `export final-report <plan> [--out file.docx] [--force]`: the 专项工作报告 draft as DOCX. */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UserError } from "../../core/errors.js";
import { buildFinalReport } from "../../domains/bulletins/final-report.js";
import type { CliCommand } from "../types.js";

const USAGE = "export final-report <计划id> [--out 文件.docx] [--force]";

export function parseFinalReportArgs(args: string[]): { plan: string; out: string; force: boolean } {
  let plan: string | undefined;
  let out: string | undefined;
  let force = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--force") force = true;
    else if (a === "--out") {
      out = args[++i];
      if (!out || out.startsWith("--")) throw new UserError(`参数 --out 缺少取值\n用法：${USAGE}`, { field: "out" });
    } else if (a.startsWith("--")) throw new UserError(`无法识别的参数：${a}\n用法：${USAGE}`, { field: a });
    else if (!plan) plan = a;
    else throw new UserError(`多余的参数：${a}\n用法：${USAGE}`, { field: a });
  }
  if (!plan) throw new UserError(`缺少计划 id\n用法：${USAGE}`, { field: "plan" });
  if (!/\.docx$/i.test(out ?? ".docx")) throw new UserError("--out 应为 .docx 文件", { field: "out" });
  return { plan, out: out ?? `${plan}-专项工作报告.docx`, force };
}

export const exportFinalReportCommand: CliCommand = {
  path: ["export", "final-report"],
  usage: USAGE,
  summary: "生成专项工作报告草稿（DOCX：全程数据、各月和各单位表格、回头看清单）",
  async run(args, ctx) {
    const o = parseFinalReportArgs(args);
    const out = resolve(o.out);
    if (existsSync(out) && !o.force) throw new UserError(`目标文件已存在，不会覆盖：${out}（如需覆盖请加 --force）`, { field: "out" });
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
