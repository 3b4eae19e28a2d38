import { planDraftProblems } from "../../domains/campaigns/schema.js";
import type { CliCommand } from "../types.js";
import { loadPlanOrRefuse } from "./plan-common.js";

export const planValidate: CliCommand = {
  path: ["plan", "validate"],
  usage: "plan validate <计划.yaml>",
  summary: "检查计划文件（格式错误给出文件、行号和字段；草稿列出待补充项）",
  async run(args, ctx) {
    const plan = loadPlanOrRefuse(args[0]);
    const problems = planDraftProblems(plan);
    ctx.result({ ok: true, id: plan.id, title: plan.title, draft: problems.length > 0, toFill: problems }, () =>
      problems.length
        ? `格式正确：${plan.title}（${plan.id}）\n这是草稿，启用前需补充：\n${problems.map((p) => `- ${p}`).join("\n")}`
        : `格式正确：${plan.title}（${plan.id}）`,
    );
  },
};
