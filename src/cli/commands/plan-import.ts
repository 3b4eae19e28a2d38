import { readFileSync, writeFileSync, existsSync, statSync } from "node:fs";
import { basename } from "node:path";
import { UserError } from "../../core/errors.js";
import { importNotice } from "../../domains/campaigns/importer.js";
import { draftPlanYaml } from "../../domains/campaigns/draft.js";
import { importForms } from "../../domains/campaigns/forms-import.js";
import type { CliCommand } from "../types.js";

/**
 * A notice, even a long 实施方案 with its attachments, is tens of KB. The importer's time grows faster than the text
 * (about 2–3.4 s at 500 KB and 13 s at 1.1 MB on the 2-core dev machine; `npm run bench -- --only=6`), so a whole website dump or a wrong file is refused up front.
 */
export const MAX_NOTICE_BYTES = 512 * 1024;

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
      const size = statSync(file).size;
      if (size > MAX_NOTICE_BYTES)
        throw new UserError(`文件过大（${Math.ceil(size / 1024)} KB）：${file}。请只保留通知正文和附件（上限 ${MAX_NOTICE_BYTES / 1024} KB）`, { field: "file" });
      text = readFileSync(file, "utf8");
    } catch (e) {
      if (e instanceof UserError) throw e;
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
