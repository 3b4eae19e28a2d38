import Database from "better-sqlite3";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UserError } from "../../core/errors.js";
import { providerOf, sqlitePath } from "../../core/db/url.js";
import type { CliCommand } from "../types.js";

/** pg_dump line for a PostgreSQL URL, with the password left to PGPASSWORD/.pgpass. */
export function pgDumpCommand(url: string, file: string): string {
  const u = new URL(url);
  const parts = ["pg_dump", "--format=custom", `--file=${JSON.stringify(file)}`];
  if (u.hostname) parts.push(`--host=${u.hostname}`);
  if (u.port) parts.push(`--port=${u.port}`);
  if (u.username) parts.push(`--username=${decodeURIComponent(u.username)}`);
  parts.push(decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres");
  return parts.join(" ");
}

export const dbBackup: CliCommand = {
  path: ["db", "backup"],
  usage: "db backup <备份文件>",
  summary: "备份数据库（SQLite 在线备份；PostgreSQL 给出 pg_dump 命令）",
  async run(args, ctx) {
    const target = args[0];
    if (!target) throw new UserError("缺少参数：备份文件路径，例如 db backup ./backup/bot-20261122.db", { field: "file" });
    const url = ctx.config().DATABASE_URL;
    if (providerOf(url) === "postgresql") {
      const cmd = pgDumpCommand(url, target);
      ctx.result({ provider: "postgresql", command: cmd }, () => `PostgreSQL 请用 pg_dump 备份：\n  ${cmd}`);
      return;
    }
    const src = sqlitePath(url);
    if (!existsSync(src)) throw new UserError(`数据库文件不存在：${src}`, { field: "DATABASE_URL" });
    const dst = resolve(target);
    if (existsSync(dst)) throw new UserError(`目标文件已存在，不会覆盖：${dst}`, { field: "file" });
    mkdirSync(dirname(dst), { recursive: true });
    const db = new Database(src, { readonly: true });
    try {
      // The online backup API copies a consistent snapshot while the bot keeps writing.
      await db.backup(dst, {
        progress: ({ totalPages, remainingPages }) => {
          ctx.progress(`备份中… ${totalPages - remainingPages}/${totalPages} 页`);
          return 200;
        },
      });
    } finally {
      db.close();
    }
    ctx.result({ provider: "sqlite", file: dst }, () => `已备份到 ${dst}`);
  },
};
