/** `summary <plan> --month YYYY-MM [--as-of ISO] [--json]`: the monthly bulletin's figures. */
import { z } from "zod";
import { loadCampaignInfo, summaryFor, parseMonth } from "../../domains/bulletins/service.js";
import { asOfText } from "../../domains/bulletins/flows.js";
import { monthWindow } from "../../domains/bulletins/window.js";
import { summaryContract } from "../../domains/bulletins/contract.js";
import { figureLines, pct, submittedText } from "../../../cards/bulletins/format.js";
import type { CliCommand } from "../types.js";
import { parseArgs } from "../args.js";

const USAGE = "summary <计划id> --month YYYY-MM [--as-of 2021-10-26T09:00:00+08:00] [--json]";

const optsSchema = z.object({
  plan: z.string({ error: "缺少计划 id" }).min(1, { message: "缺少计划 id" }),
  month: z.string({ error: "缺少参数 --month（YYYY-MM）" }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "--month 应为 YYYY-MM，例如 2021-10" }),
  asOf: z
    .string()
    .datetime({ offset: true, message: "--as-of 应为带时区的时间，例如 2021-10-26T09:00:00+08:00" })
    .optional(),
});

export function parseSummaryArgs(args: string[]): z.infer<typeof optsSchema> {
  return parseArgs(args, { usage: USAGE, positional: ["plan"], options: { month: "month", "as-of": "asOf" }, schema: optsSchema });
}

export const summaryCommand: CliCommand = {
  path: ["summary"],
  usage: USAGE,
  summary: "某月工作通报的统计数字（全区合计、各单位、未报送单位）",
  async run(args, ctx) {
    const o = parseSummaryArgs(args);
    const db = await ctx.db();
    const campaign = await loadCampaignInfo(db.prisma, o.plan);
    const s = await summaryFor(db.prisma, campaign, monthWindow(parseMonth(o.month)), o.asOf ? new Date(o.asOf) : new Date());
    ctx.result(summaryContract(s), () =>
      [
        `${s.campaignTitle} ${s.window.label}（${asOfText(s.asOf, campaign.plan.timezone)}）`,
        ...figureLines(s.totals).map((l) => l.replace(/\*\*/g, "")),
        "",
        ...s.units.map((u) => `${u.unit}：新增 ${u.cases.opened}，办结 ${u.cases.closed}，逾期 ${u.cases.overdue}，巡查 ${u.patrols.done}/${u.patrols.planned}（${pct(u.patrols.rate)}），隐患 ${u.findings.closed}/${u.findings.raised}，${submittedText(u.submitted)}`),
        "",
        s.missing.length ? `未报送单位（${s.missing.length}）：${s.missing.map((m) => m.unit).join("、")}` : "没有未报送的单位。",
      ].join("\n"),
    );
  },
};
