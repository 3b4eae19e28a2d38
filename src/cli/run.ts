import { loadConfig, type Config } from "../config/env.js";
import { createDatabase, type Database } from "../core/db/client.js";
import { migrate } from "../core/db/migrate.js";
import { isUserError } from "../core/errors.js";
import type { CliCommand, CliContext } from "./types.js";
import { configureCaseCrypto } from "../core/crypto/field-crypto.js";

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
}

function helpText(commands: CliCommand[]): string {
  // Usages differ a lot in length: each command gets its own line and its summary below it.
  return [
    "平安校园助手 管理命令",
    "",
    "用法：npm run -s cli -- <命令> [参数] [--json]",
    "",
    ...commands.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    "",
    "  --json   只输出 JSON（供其他程序读取）",
    "  --help   显示本帮助",
  ].join("\n");
}

/** Longest command path that matches the start of argv. */
function findCommand(commands: CliCommand[], words: string[]): { cmd: CliCommand; rest: string[] } | null {
  let best: { cmd: CliCommand; rest: string[] } | null = null;
  for (const cmd of commands) {
    if (cmd.path.every((w, i) => words[i] === w) && (!best || cmd.path.length > best.cmd.path.length)) {
      best = { cmd, rest: words.slice(cmd.path.length) };
    }
  }
  return best;
}

/** Runs one command; returns the exit code (0 ok, 1 failed/refused, 2 usage or config error). */
export async function runCli(argv: string[], commands: CliCommand[], io: CliIO): Promise<number> {
  const json = argv.includes("--json");
  const words = argv.filter((a) => a !== "--json");
  const fail = (code: number, message: string, field?: string) => {
    if (json) io.out(JSON.stringify({ ok: false, error: message, ...(field ? { field } : {}) }));
    else io.err(message);
    return code;
  };
  if (words.length === 0 || words[0] === "--help" || words[0] === "help" || words[0] === "-h") {
    if (json) io.out(JSON.stringify({ commands: commands.map((c) => ({ usage: c.usage, summary: c.summary })) }));
    else io.out(helpText(commands));
    return 0;
  }
  const found = findCommand(commands, words);
  if (!found) return fail(2, `未知命令：${words.join(" ")}。运行 npm run -s cli -- --help 查看可用命令。`);
  if (found.rest.includes("--help")) {
    io.out(`用法：npm run -s cli -- ${found.cmd.usage}\n${found.cmd.summary}`);
    return 0;
  }

  let config: Config | undefined;
  let db: Database | undefined;
  const ctx: CliContext = {
    json,
    config: () => (config ??= loadConfig(io.env)),
    async db() {
      if (!db) {
        configureCaseCrypto(ctx.config());
        const url = ctx.config().DATABASE_URL;
        await migrate(url);
        db = createDatabase(url);
      }
      return db;
    },
    say: (line) => {
      if (!json) io.out(line);
    },
    progress: (line) => io.err(line),
    result: (value, human) => {
      if (json) io.out(JSON.stringify(value, null, 2));
      else if (human) io.out(human(value));
      else io.out(typeof value === "string" ? value : JSON.stringify(value, null, 2));
    },
  };
  try {
    const code = await found.cmd.run(found.rest, ctx);
    return typeof code === "number" ? code : 0;
  } catch (e) {
    if (isUserError(e)) return fail(1, e.userMessage, e.field);
    if (e instanceof Error && e.name === "ConfigError") return fail(2, e.message);
    io.err(`命令执行失败：${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    await db?.close();
  }
}
