import { z } from "zod";
import { isIsoDate, diffDays } from "../../core/calendar.js";
import { UserError } from "../../core/errors.js";
import { planDraftProblems } from "../../domains/campaigns/schema.js";
import { previewSchedule, type PreviewEntry } from "../../domains/reminders/preview.js";
import type { CliCommand } from "../types.js";
import { loadPlanOrRefuse } from "./plan-common.js";

const KIND_CN: Record<PreviewEntry["kind"], string> = {
  "phase-start": "阶段开始",
  "phase-end": "阶段结束",
  deadline: "截止提醒",
  overdue: "逾期提醒",
  escalation: "逾期上报",
};

const date = (field: string) =>
  z
    .string({ error: `缺少参数 ${field}（日期 YYYY-MM-DD）` })
    .refine((s) => isIsoDate(s), { message: `参数 ${field} 应为存在的日期 YYYY-MM-DD` });

const argsSchema = z.object({ file: z.string({ error: "缺少参数：计划文件路径" }), from: date("--from"), to: date("--to") });

function parseArgs(args: string[]): z.infer<typeof argsSchema> {
  const raw: Record<string, string | undefined> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const m = /^--(from|to)(?:=(.*))?$/.exec(a);
    if (m) raw[m[1]] = m[2] ?? args[++i];
    else if (a.startsWith("--")) throw new UserError(`未知参数 ${a}，可用参数：--from、--to、--json`, { field: a });
    else if (raw.file === undefined) raw.file = a;
    else throw new UserError(`多余的参数 ${a}`, { field: "file" });
  }
  const r = argsSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new UserError(issue.message, { field: issue.path[0] === "file" ? "file" : `--${String(issue.path[0])}` });
  }
  if (r.data.to < r.data.from) throw new UserError("参数 --to 早于 --from", { field: "--to" });
  if (diffDays(r.data.from, r.data.to) > 800) throw new UserError("时间窗口过长：--from 到 --to 最多 800 天", { field: "--to" });
  return r.data;
}

function who(e: PreviewEntry): string {
  const names = e.recipients.map((r) => (r.type === "chat" ? `群「${r.name ?? r.key}」` : r.type === "unresolved" ? `${r.key}（计划中尚未列出）` : (r.name ?? r.key)));
  return names.length > 6 ? `${names.slice(0, 6).join("、")} 等 ${names.length} 人/群` : names.join("、");
}

export const scheduleCommand: CliCommand = {
  path: ["schedule"],
  usage: "schedule <计划.yaml> --from YYYY-MM-DD --to YYYY-MM-DD [--json]",
  summary: "按时间列出计划在该时段会发出的提醒（假设没有人提交），供启用前核对",
  async run(args, ctx) {
    const a = parseArgs(args);
    const plan = loadPlanOrRefuse(a.file);
    const entries = previewSchedule(plan, a.from, a.to);
    const drafts = planDraftProblems(plan);
    ctx.result(entries, () =>
      [
        `${plan.title}（${plan.id}）${a.from} 至 ${a.to}：${entries.length} 次提醒（假设无人提交）`,
        ...entries.map((e) => `${e.at.slice(0, 16).replace("T", " ")}  ${KIND_CN[e.kind]} ${e.step.startsWith("T-") ? e.step : ""}  ${e.title}${e.period && e.kind !== "phase-start" && e.kind !== "phase-end" ? `（${e.period}）` : ""}  → ${who(e)}`),
        ...(drafts.length ? ["", "注意：计划仍是草稿，以下内容未填写，相关提醒无法计算：", ...drafts.map((d) => `- ${d}`)] : []),
      ].join("\n"),
    );
  },
};
