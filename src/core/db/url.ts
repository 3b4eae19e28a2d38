import { resolve } from "node:path";

export type DbProvider = "sqlite" | "postgresql";

export function providerOf(url: string): DbProvider {
  return /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
}

/** `file:./data/bot.db` → absolute path (relative to the working directory, as Prisma does). */
export function sqlitePath(url: string): string {
  return resolve(url.replace(/^file:/, "").replace(/\?.*$/, ""));
}

export type SqliteSynchronous = "NORMAL" | "FULL";

/**
 * SQLite's commit durability for a `file:` URL: `?synchronous=full` fsyncs every commit;
 * the default, NORMAL, fsyncs at WAL checkpoints. In WAL mode NORMAL loses nothing when the
 * process crashes or is killed (the committed transaction is in the WAL file); only a power
 * loss or kernel crash may roll back the last transactions. FULL costs one fsync per commit —
 * 3 ms on this project's machines under load, which blocks the event loop (better-sqlite3 is
 * synchronous) and was most of a card click's time (bench section 1).
 */
export function sqliteSynchronous(url: string): SqliteSynchronous {
  const q = /\?(.*)$/.exec(url)?.[1] ?? "";
  const v = new URLSearchParams(q).get("synchronous");
  return v && v.toLowerCase() === "full" ? "FULL" : "NORMAL";
}
