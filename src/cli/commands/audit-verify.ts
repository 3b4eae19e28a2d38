import { verifyAudit } from "../../core/audit.js";
import type { CliCommand } from "../types.js";

export const auditVerify: CliCommand = {
  path: ["audit", "verify"],
  usage: "audit verify",
  summary: "校验审计日志的哈希链，发现被改动或删除的记录",
  async run(_args, ctx) {
    const db = await ctx.db();
    ctx.progress("正在校验审计日志…");
    const r = await verifyAudit(db.prisma);
    const ok = r.problems.length === 0;
    ctx.result({ ok, rows: r.rows, problems: r.problems }, () =>
      ok ? `审计日志完好：共 ${r.rows} 条，哈希链无断裂。` : [`审计日志异常：共 ${r.rows} 条，发现 ${r.problems.length} 处问题：`, ...r.problems.map((p) => `  - ${p.message}`)].join("\n"),
    );
    return ok ? 0 : 1;
  },
};
