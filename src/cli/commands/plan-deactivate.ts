import { UserError } from "../../core/errors.js";
import { deactivatePlan } from "../../domains/campaigns/activate.js";
import type { CliCommand } from "../types.js";

export const planDeactivate: CliCommand = {
  path: ["plan", "deactivate"],
  usage: "plan deactivate <计划标识>",
  summary: "停用计划（保留数据，不再提醒）",
  async run(args, ctx) {
    if (!args[0]) throw new UserError("缺少参数：计划标识（计划文件中的 id）", { field: "id" });
    const r = await deactivatePlan(await ctx.db(), args[0]);
    ctx.result(r, () => `已停用：${r.campaignId}`);
  },
};
