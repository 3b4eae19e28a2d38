import { buildTimeline } from "../../domains/campaigns/recurrence.js";
import type { CliCommand } from "../types.js";
import { loadPlanOrRefuse } from "./plan-common.js";

export const planTimeline: CliCommand = {
  path: ["plan", "timeline"],
  usage: "plan timeline <计划.yaml> [--json]",
  summary: "按日期列出计划的阶段和每一项期限的每一次发生",
  async run(args, ctx) {
    const plan = loadPlanOrRefuse(args[0]);
    const t = buildTimeline(plan);
    const value = {
      id: plan.id,
      range: t.range,
      entries: t.entries.map((e) => ({ date: e.date, type: e.type, label: e.label, ...(e.occurrence ? { occurrence: e.occurrence } : {}), ...(e.phase ? { phase: e.phase.key } : {}) })),
      undated: t.undated.map((d) => ({ key: d.key, kind: d.kind, title: d.title, raw: d.raw ?? null, days: d.days, dayType: d.dayType })),
      warnings: t.warnings,
    };
    ctx.result(value, () =>
      [
        `${plan.title}（${plan.id}）${t.range ? `  ${t.range.start} 至 ${t.range.end}` : ""}`,
        ...t.entries.map((e) => `${e.date}  ${e.label}`),
        ...(t.undated.length ? ["", "按事件计算的期限：", ...t.undated.map((d) => `- ${d.title}：${d.raw ?? ""}`)] : []),
        ...(t.warnings.length ? ["", "提示：", ...t.warnings.map((w) => `- ${w}`)] : []),
      ].join("\n"),
    );
  },
};
