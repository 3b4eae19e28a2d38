import { existsSync } from "node:fs";
import type { z } from "zod";
import { UserError } from "../core/errors.js";

/**
 * One parser for the admin commands' `<positional> --name value --switch` arguments, so every
 * command refuses bad input the same way: the message names the parameter, then the usage.
 */
export interface ArgSpec<S extends z.ZodType> {
  usage: string;
  /** Keys for the positional arguments, in order. */
  positional?: string[];
  /** `--flag value` options: flag → key (e.g. `{ "as-of": "asOf" }`) or a list of same-named flags. */
  options?: readonly string[] | Record<string, string>;
  /** `--flag` switches without a value (true when present). */
  switches?: readonly string[];
  schema: S;
}

export function parseArgs<S extends z.ZodType>(args: string[], spec: ArgSpec<S>): z.infer<S> {
  const fail = (message: string, field: string): never => {
    throw new UserError(`${message}\n用法：${spec.usage}`, { field });
  };
  const options: Record<string, string> = Array.isArray(spec.options)
    ? Object.fromEntries(spec.options.map((o) => [o, o]))
    : { ...(spec.options as Record<string, string> | undefined) };
  const switches = new Set(spec.switches ?? []);
  const positional = [...(spec.positional ?? [])];
  const raw: Record<string, string | boolean> = {};
  for (const s of switches) raw[s] = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith("--")) {
      const key = positional.shift();
      if (key === undefined) fail(`多余的参数：${a}`, a);
      else raw[key] = a;
      continue;
    }
    const eq = a.indexOf("=");
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (switches.has(name)) {
      raw[name] = true;
      continue;
    }
    const key = options[name];
    if (key === undefined) fail(`无法识别的参数：${a}`, a);
    const v = eq < 0 ? args[++i] : a.slice(eq + 1);
    if (v === undefined || (eq < 0 && v.startsWith("--"))) fail(`参数 --${name} 缺少取值`, name);
    raw[key!] = v!;
  }
  const r = spec.schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    fail(issue.message, String(issue.path[0] ?? ""));
  }
  return r.data as z.infer<S>;
}

/** Exports never overwrite a file unless asked to. */
export function refuseOverwrite(file: string, force: boolean): void {
  if (existsSync(file) && !force) throw new UserError(`目标文件已存在，不会覆盖：${file}（如需覆盖请加 --force）`, { field: "out" });
}
