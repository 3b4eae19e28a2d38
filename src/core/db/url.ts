import { resolve } from "node:path";

export type DbProvider = "sqlite" | "postgresql";

export function providerOf(url: string): DbProvider {
  return /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
}

/** `file:./data/bot.db` → absolute path (relative to the working directory, as Prisma does). */
export function sqlitePath(url: string): string {
  return resolve(url.replace(/^file:/, "").replace(/\?.*$/, ""));
}
