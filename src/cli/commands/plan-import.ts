import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { basename } from "node:path";
import { UserError } from "../../core/errors.js";
import { importNotice } from "../../domains/campaigns/importer.js";
import { draftPlanYaml } from "../../domains/campaigns/draft.js";
import { importForms } from "../../domains/campaigns/forms-import.js";
import type { CliCommand } from "../types.js";

export const planImport: CliCommand = {
  path: ["plan", "import"],
  usage: "plan import <通知.txt> [--out 草稿.yaml] [--json]",
  summary: "从通知全文提取行动计划草稿（YAML；--json 输出提取结果），列出无法确定的内容",
  async run(args, ctx) {
    const outIdx = args.indexOf("--out");
    const out = outIdx >= 0 ? args[outIdx + 1] : undefined;
    const file = args.filter((_, i) => outIdx < 0 || (i !== outIdx && i !== outIdx + 1))[0];
    if (!file) throw new UserError("缺少参数：通知文本文件，例如 plan import ./notice.txt", { field: "file" });
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      throw new UserError(`无法读取文件：${file}`, { field: "file" });
    }
    if (!text.trim()) throw new UserError(`文件是空的：${file}`, { field: "file" });
    const result = importNotice(text);
    if (ctx.json) {
      ctx.result(result);
      return;
    }
    const yaml = draftPlanYaml(result, basename(file), importForms(text));
    if (out) {
      if (existsSync(out)) throw new UserError(`目标文件已存在，不会覆盖：${out}`, { field: "out" });
      writeFileSync(out, yaml);
      ctx.say(`草稿已写入 ${out}`);
    } else ctx.say(yaml);
    ctx.progress(
      result.unresolved.length
        ? `需要人工确认 ${result.unresolved.length} 项：\n${result.unresolved.map((u) => `- ${u.field}：${u.reason}${u.raw ? `（原文“${u.raw}”）` : ""}`).join("\n")}`
        : "没有无法确定的内容；仍请人工核对。",
    );
  },
};
