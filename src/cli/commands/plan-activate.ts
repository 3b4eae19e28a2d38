import { activateCampaign } from "../../domains/activation.js";
import type { CliCommand } from "../types.js";
import { loadPlanOrRefuse } from "./plan-common.js";

export const planActivate: CliCommand = {
  path: ["plan", "activate"],
  usage: "plan activate <计划.yaml>",
  summary: "启用计划：写入行动、单位和成员（草稿会被拒绝并列出待补充项）",
  async run(args, ctx) {
    const plan = loadPlanOrRefuse(args[0]);
    const db = await ctx.db();
    const r = await activateCampaign(db, plan, args[0], new Date());
    ctx.result(r, () =>
      [
        `已启用：${plan.title}（${r.campaignId}），单位 ${r.units} 个，成员 ${r.members} 人。`,
        ...(r.membersWithoutOpenId.length
          ? [`以下 ${r.membersWithoutOpenId.length} 人还没有飞书 open id，暂时无法提醒：`, ...r.membersWithoutOpenId.map((m) => `- ${m.name ?? "（未具名）"} ${m.title ?? m.role}`)]
          : []),
        ...(r.rosters.entries ? [`已按计划设置 ${r.rosters.units} 所学校的巡查排班（${r.rosters.entries} 个时段）。`] : []),
        ...r.rosters.skipped.map((s) => `- ${s.unitKey} 的 ${s.slot} 巡查未排班：巡查人 ${s.patroller} 还没有飞书 open id`),
      ].join("\n"),
    );
  },
};
