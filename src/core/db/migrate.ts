import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { GuardedPgClient } from "./pg-pool.js";
import { providerOf, sqlitePath, type DbProvider } from "./url.js";

/**
 * Applies pending migrations at start-up, without the Prisma CLI (no engine at run time).
 * Each migration runs in its own transaction and is recorded in `_prisma_migrations` with
 * Prisma's columns and checksum, so `prisma migrate status/deploy` still understand the
 * database on a machine that has the CLI.
 */
// The project root: three levels up from src/core/db/, one from the bundle in dist/.
const ROOT = ((from: string) => {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, "prisma", "migrations"))) return dir;
  return resolve(from, "../../..");
})(dirname(fileURLToPath(import.meta.url)));

export function migrationsDir(provider: DbProvider): string {
  return join(ROOT, provider === "postgresql" ? "prisma/postgres/migrations" : "prisma/migrations");
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(provider: DbProvider): Migration[] {
  const dir = migrationsDir(provider);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export interface MigrateResult {
  applied: string[];
  total: number;
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);`;

const PG_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(`数据库迁移 ${migration} 失败：${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "MigrationError";
  }
}

function migrateSqlite(url: string): MigrateResult {
  const file = sqlitePath(url);
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    // WAL lets readers (health checks, the console) run beside the writer; it is a property
    // of the file, so setting it here holds for every later connection.
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    db.exec(SQLITE_TABLE);
    const done = new Set(
      (db.prepare(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).all() as { migration_name: string }[]).map(
        (r) => r.migration_name,
      ),
    );
    const all = listMigrations("sqlite");
    const applied: string[] = [];
    for (const m of all) {
      if (done.has(m.name)) continue;
      const run = db.transaction(() => {
        db.exec(m.sql);
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, current_timestamp, ?, current_timestamp, 1)`,
        ).run(randomUUID(), m.checksum, m.name);
      });
      try {
        // IMMEDIATE takes the write lock up front, so two processes starting together serialise.
        run.immediate();
      } catch (e) {
        throw new MigrationError(m.name, e);
      }
      applied.push(m.name);
    }
    return { applied, total: all.length };
  } finally {
    db.close();
  }
}

// Any fixed number: every instance takes the same lock while migrating.
const MIGRATION_LOCK_KEY = 72_410_001;

async function migratePostgres(url: string): Promise<MigrateResult> {
  const client = new GuardedPgClient({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(PG_TABLE);
    const { rows } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const done = new Set(rows.map((r) => r.migration_name));
    const all = listMigrations("postgresql");
    const applied: string[] = [];
    for (const m of all) {
      if (done.has(m.name)) continue;
      try {
        await client.query("BEGIN");
        // One simple query: pg runs a multi-statement script as the native engine does.
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw new MigrationError(m.name, e);
      }
      applied.push(m.name);
    }
    return { applied, total: all.length };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

export async function migrate(url: string): Promise<MigrateResult> {
  return providerOf(url) === "postgresql" ? migratePostgres(url) : migrateSqlite(url);
}
