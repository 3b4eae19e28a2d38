import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDatabase, type Database } from "../../src/core/db/client.js";
import { migrate } from "../../src/core/db/migrate.js";

/** A URL of a fresh SQLite file (not yet migrated). */
export function freshSqliteUrl(): string {
  return `file:${join(mkdtempSync(join(tmpdir(), "scb-test-")), "test.db")}`;
}

export const pgBaseUrl = process.env.TEST_DATABASE_URL || "";

/** A fresh, empty PostgreSQL database on TEST_DATABASE_URL's server; drop it with the returned function. */
export async function freshPostgresUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!pgBaseUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `scb_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: pgBaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(pgBaseUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: pgBaseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestDb {
  db: Database;
  url: string;
  cleanup(): Promise<void>;
}

/** A migrated database of the given provider, isolated for one test file or test. */
export async function freshDb(provider: "sqlite" | "postgresql" = "sqlite"): Promise<TestDb> {
  if (provider === "sqlite") {
    const url = freshSqliteUrl();
    await migrate(url);
    const db = createDatabase(url);
    return { db, url, cleanup: () => db.close() };
  }
  const { url, drop } = await freshPostgresUrl();
  await migrate(url);
  const db = createDatabase(url);
  return {
    db,
    url,
    cleanup: async () => {
      await db.close();
      await drop();
    },
  };
}

/**
 * The providers a suite should run on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set.
 * Use with `describe.each(dbProviders())` and call `notePostgresSkipped()` once per file so the
 * skip is visible in the report.
 */
export function dbProviders(): ("sqlite" | "postgresql")[] {
  return pgBaseUrl ? ["sqlite", "postgresql"] : ["sqlite"];
}

export const PG_SKIP_MESSAGE = "PostgreSQL 测试已跳过：未设置 TEST_DATABASE_URL（.ci/run 会设置它）";
