// Prisma 6.19 CLI config: the JS (WASM) schema engine with driver adapters, so no engine binary
// is ever downloaded. DATABASE_URL picks the provider: postgres(ql):// => prisma/postgres/...,
// anything else => SQLite (prisma/...). Loaded only by the prisma CLI (generate, migrate diff);
// the app applies migrations itself (src/core/db/migrate.ts). The patches below work around
// bugs of 6.19's WASM engine and adapters (see ../shared/docs/prisma-offline.md); keep the
// Prisma packages pinned to 6.19.3 because they touch adapter internals.
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

const url = process.env.DATABASE_URL || "file:./prisma/dev.db";
const isPg = /^postgres(ql)?:\/\//.test(url);

// The WASM engine arms long setTimeout()s it never clears, so commands linger up to 60 s.
{
  const g = globalThis as typeof globalThis & { __prismaUnrefEngineTimers?: true };
  if (!g.__prismaUnrefEngineTimers) {
    g.__prismaUnrefEngineTimers = true;
    const setTimeout0 = globalThis.setTimeout;
    globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      const t = setTimeout0(fn, ms, ...args);
      if ((ms ?? 0) >= 10_000 && new Error().stack?.includes("wasm://")) t.unref();
      return t;
    }) as typeof setTimeout;
  }
}

const SQLITE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);`;

// SQLite: create _prisma_migrations on connect (P1014 otherwise); the shadow DB gets
// multi-statement migration.sql through exec() instead of prepare() (P3006 otherwise).
function sqliteAdapter() {
  const factory = new PrismaBetterSQLite3({ url });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    await adapter.executeScript(SQLITE_MIGRATIONS_TABLE);
    return adapter;
  };
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const shadow = await connectToShadowDb();
    const executeRaw = shadow.executeRaw.bind(shadow);
    shadow.executeRaw = async (query) => {
      if (query.args.length > 0) return executeRaw(query);
      await shadow.executeScript(query.sql);
      return 0;
    };
    return shadow;
  };
  return factory;
}

// PostgreSQL: label pg_catalog `name`/`"char"` columns as text (prisma/orm#27403), send a
// migration as one simple query (no split on ';'), and manage the shadow DB ourselves.
const PG_TEXT_LIKE_OIDS = new Set([18, 19]);
function pgAdapter() {
  const connectPatched = async (connectionString: string) => {
    const adapter = await new PrismaPg({ connectionString, allowExitOnIdle: true }).connect();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const a = adapter as any;
    const performIO = a.performIO.bind(a);
    a.performIO = async (query: unknown) => {
      const result = await performIO(query);
      for (const f of result?.fields ?? []) if (PG_TEXT_LIKE_OIDS.has(f.dataTypeID)) f.dataTypeID = 25;
      return result;
    };
    adapter.executeScript = async (script: string) => {
      try {
        await a.client.query(script);
      } catch (e) {
        a.onError(e);
      }
    };
    return adapter;
  };

  const factory = new PrismaPg({ connectionString: url });
  factory.connect = () => connectPatched(url);
  factory.connectToShadowDb = async () => {
    const main = await connectPatched(url);
    const shadowName = `prisma_migrate_shadow_db_${crypto.randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${shadowName}"`);
    const shadowUrl = new URL(url);
    shadowUrl.pathname = `/${shadowName}`;
    const shadow = await connectPatched(shadowUrl.toString());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE IF EXISTS "${shadowName}"`);
      await main.dispose();
    };
    return shadow;
  };
  return factory;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: isPg ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: isPg ? "prisma/postgres/migrations" : "prisma/migrations" },
  adapter: async () => (isPg ? pgAdapter() : sqliteAdapter()),
});
