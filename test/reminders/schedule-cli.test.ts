import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runCli } from "../../src/cli/run.js";
import { commands } from "../../src/cli/registry.js";

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, commands, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), env: { ...process.env } });
  return { code, out, err };
}

const entrySchema = z
  .object({
    at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/),
    kind: z.enum(["phase-start", "phase-end", "deadline", "overdue", "escalation"]),
    item: z.string(),
    title: z.string(),
    step: z.string(),
    recipients: z.array(z.object({ type: z.enum(["member", "chat", "user", "unresolved"]), key: z.string(), name: z.string().nullable() }).strict()),
    period: z.string().nullable(),
    due: z.string().nullable(),
  })
  .strict();

describe("cli schedule", () => {
  it("prints the JSON contract: the reminders of a window as if nothing was submitted", async () => {
    const r = await cli("schedule", "campaigns/beiguan-2021.yaml", "--from", "2021-09-20", "--to", "2021-09-30", "--json");
    expect(r.code).toBe(0);
    const list = z.array(entrySchema).parse(JSON.parse(r.out));
    expect(list.map((e) => `${e.at} ${e.kind} ${e.item} ${e.step} ${e.title} ${e.recipients.length}`)).toEqual([
      // 9-25 is a Saturday: the phase end is announced on Friday 9-24
      "2021-09-24T09:00:00+08:00 phase-end deployment end 安排部署阶段 14",
      // 9-26 is a Sunday but a make-up workday before National Day
      "2021-09-26T09:00:00+08:00 phase-start rectification start 攻坚整治阶段 14",
    ]);
    expect(list[0].recipients.find((x) => x.key === "lg.songline")).toEqual({ type: "member", key: "lg.songline", name: "宋林娥" });
  });

  it("shows deadlines owed by units the plan has not listed yet as unresolved recipients", async () => {
    const r = await cli("schedule", "campaigns/beiguan-2021.yaml", "--from=2021-12-17", "--to=2021-12-17", "--json");
    const list = z.array(entrySchema).parse(JSON.parse(r.out));
    expect(list).toEqual([
      {
        at: "2021-12-17T09:00:00+08:00",
        kind: "deadline",
        item: "final-report",
        title: "专项工作报告（含活动图片资料和附件3）",
        step: "T-7",
        recipients: [{ type: "unresolved", key: "各学校", name: "各学校" }],
        period: "2021-12",
        due: "2021-12-25",
      },
    ]);
  });

  it("prints a Chinese table without --json", async () => {
    const r = await cli("schedule", "campaigns/luozhuang-2018.yaml", "--from", "2018-11-20", "--to", "2018-11-30");
    expect(r.code).toBe(0);
    expect(r.out).toContain("2018-11-23 09:00  截止提醒 T-0  自查表（附件2）与月报表（附件3）（2018-11）");
    // the template lists nobody in the safety section yet: the escalation says so
    expect(r.out).toContain("2018-11-27 09:00  逾期上报   自查表（附件2）与月报表（附件3）（2018-11）  → 安全办（安全科）（计划中尚未列出）");
  });

  it("refuses bad input naming the parameter, exit code 1", async () => {
    for (const [argv, field, msg] of [
      [["schedule", "campaigns/beiguan-2021.yaml", "--from", "2021-02-30", "--to", "2021-03-01", "--json"], "--from", "参数 --from 应为存在的日期 YYYY-MM-DD"],
      [["schedule", "campaigns/beiguan-2021.yaml", "--from", "2021-03-01", "--json"], "--to", "缺少参数 --to（日期 YYYY-MM-DD）"],
      [["schedule", "campaigns/beiguan-2021.yaml", "--from", "2021-03-02", "--to", "2021-03-01", "--json"], "--to", "参数 --to 早于 --from"],
      [["schedule", "--from", "2021-03-01", "--to", "2021-03-02", "--json"], "file", "缺少参数：计划文件路径"],
      [["schedule", "campaigns/beiguan-2021.yaml", "--form", "2021-03-01", "--json"], "--form", "未知参数 --form，可用参数：--from、--to、--json"],
    ] as const) {
      const r = await cli(...argv);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.out)).toEqual({ ok: false, error: msg, field });
    }
  });
});
