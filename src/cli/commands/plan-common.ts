import { UserError } from "../../core/errors.js";
import { formatPlanError, loadPlanFile } from "../../domains/campaigns/load.js";
import type { Plan } from "../../domains/campaigns/schema.js";

/** Load a plan file or refuse with every error (file:line path：message). */
export function loadPlanOrRefuse(file: string | undefined): Plan {
  if (!file) throw new UserError("缺少参数：计划文件路径，例如 campaigns/beiguan-2021.yaml", { field: "file" });
  const r = loadPlanFile(file);
  if (!r.ok) {
    throw new UserError(`计划文件有 ${r.errors.length} 处错误：\n${r.errors.map(formatPlanError).join("\n")}`, {
      code: "plan_invalid",
      details: r.errors.map((e) => ({ field: `${e.path}${e.line ? `@${e.line}` : ""}`, message: formatPlanError(e) })),
    });
  }
  return r.plan;
}
