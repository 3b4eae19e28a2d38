/**
 * Reading plan files: YAML → zod-validated `Plan`, or Chinese errors that name the file,
 * the line and the path, e.g. `campaigns/x.yaml:12 deadlines[2].due：日期格式应为 YYYY-MM-DD`.
 */
import { readFileSync } from "node:fs";
import { LineCounter, parseDocument, isNode, type Document } from "yaml";
import type { z } from "zod";
import { planSchema, type Plan } from "./schema.js";

export interface PlanError {
  file: string;
  line: number | null;
  /** e.g. deadlines[2].due */
  path: string;
  message: string;
}

export type PlanParseResult = { ok: true; plan: Plan; warnings: string[] } | { ok: false; errors: PlanError[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let s = "";
  for (const p of path) {
    if (typeof p === "number") s += `[${p}]`;
    else s += s ? `.${String(p)}` : String(p);
  }
  return s || "(根)";
}

export function formatPlanError(e: PlanError): string {
  return `${e.file}${e.line ? `:${e.line}` : ""} ${e.path}：${e.message}`;
}

const TYPE_CN: Record<string, string> = {
  string: "文本",
  number: "数字",
  boolean: "true/false",
  array: "列表",
  object: "对象（键: 值）",
  date: "日期",
};

/** Chinese message for one zod issue. */
function issueMessage(iss: z.core.$ZodIssue): string {
  switch (iss.code) {
    case "invalid_type":
      if ((iss as { input?: unknown }).input === undefined) return "缺少必填项";
      return `应为${TYPE_CN[iss.expected] ?? iss.expected}`;
    case "too_small":
      return iss.origin === "array" ? `至少需要 ${iss.minimum} 项` : iss.origin === "string" ? "不能为空" : `不能小于 ${iss.minimum}`;
    case "too_big":
      return iss.origin === "array" ? `最多 ${iss.maximum} 项` : `不能大于 ${iss.maximum}`;
    case "invalid_value":
      return iss.message && !/^Invalid/.test(iss.message) ? iss.message : `取值应为 ${iss.values.map(String).join(" | ")}`;
    case "unrecognized_keys":
      return `不认识的字段：${iss.keys.join("、")}（拼写错误？）`;
    case "invalid_union":
      return "格式不符合任何一种允许的写法（周期规则示例：{every: month, day: 25}、{every: \"2 months\", anchor: 2018-09-01}、{every: semester, min: 1, max: 2}）";
    case "invalid_format":
      return iss.message && !/^Invalid/.test(iss.message) ? iss.message : "格式不正确";
    default:
      return iss.message && !/^Invalid/.test(iss.message) ? iss.message : "内容不正确";
  }
}

function lineOf(doc: Document, lc: LineCounter, path: readonly PropertyKey[]): number | null {
  // walk up until a node with a position exists
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
  }
  return null;
}

/** Parse and validate plan YAML text. `fileName` is only used in messages. */
export function parsePlanYaml(text: string, fileName: string): PlanParseResult {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: true });
  if (doc.errors.length) {
    return {
      ok: false,
      errors: doc.errors.slice(0, 3).map((e) => ({
        file: fileName,
        line: e.linePos?.[0]?.line ?? null,
        path: "(YAML)",
        message: `YAML 语法错误：${e.code === "BAD_INDENT" ? "缩进不正确" : e.code === "DUPLICATE_KEY" ? "字段重复" : e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}（特殊字符如 [ ] { } : # 开头的值请加引号）`,
      })),
    };
  }
  const data = doc.toJS({ maxAliasCount: 50 });
  const r = planSchema.safeParse(data ?? {});
  if (!r.success) {
    return {
      ok: false,
      errors: r.error.issues.map((iss) => ({
        file: fileName,
        line: lineOf(doc, lc, iss.path),
        path: formatPath(iss.path),
        message: issueMessage(iss),
      })),
    };
  }
  return { ok: true, plan: r.data, warnings: [] };
}

/** Read a plan file from disk. Returns errors (never throws for bad content). */
export function loadPlanFile(path: string): PlanParseResult {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return { ok: false, errors: [{ file: path, line: null, path: "(文件)", message: "无法读取文件（不存在或没有权限）" }] };
  }
  return parsePlanYaml(text, path);
}
