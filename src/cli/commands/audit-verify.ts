import { formatAnchor, parseAnchor, verifyAudit } from "../../core/audit.js";
import { UserError } from "../../core/errors.js";
import type { CliCommand } from "../types.js";

export const auditVerify: CliCommand = {
  path: ["audit", "verify"],
  usage: "audit verify [--anchor <序号:哈希>]",
  summary: "校验审计日志的哈希链，发现被改动或删除的记录；打印当前锚点，下次用 --anchor 校验可发现末尾被删除",
  async run(args, ctx) {
    let anchor;
    if (args.length) {
      const text = args[0] === "--anchor" ? args[1] : args[0]?.startsWith("--anchor=") ? args[0].slice(9) : undefined;
      if (args[0] !== "--anchor" && !args[0]?.startsWith("--anchor=")) throw new UserError(`无法识别的参数：${args[0]}\n用法：audit verify [--anchor <序号:哈希>]`, { field: args[0] });
      anchor = text ? parseAnchor(text) : null;
      if (!anchor) throw new UserError("--anchor 应为上次校验打印的“序号:哈希”，例如 1024:3f…（64 位十六进制）", { field: "anchor" });
    }
    const db = await ctx.db();
    ctx.progress("正在校验审计日志…");
    const r = await verifyAudit(db.prisma, { anchor });
    const ok = r.problems.length === 0;
    const head = r.head ? formatAnchor(r.head) : null;
    ctx.result({ ok, rows: r.rows, problems: r.problems, anchor: head }, () =>
      ok
        ? [`审计日志完好：共 ${r.rows} 条，哈希链无断裂。`, ...(head ? [`当前锚点：${head}`, "请把锚点记在数据库之外（如工作台账）；下次用 --anchor 校验，可发现末尾记录被删除。"] : [])].join("\n")
        : [`审计日志异常：共 ${r.rows} 条，发现 ${r.problems.length} 处问题：`, ...r.problems.map((p) => `  - ${p.message}`)].join("\n"),
    );
    return ok ? 0 : 1;
  },
};
