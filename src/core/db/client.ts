import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient as SqliteClient, Prisma } from "../../../generated/sqlite/client.js";
import { PrismaClient as PgClient } from "../../../generated/postgres/client.js";
import { providerOf, sqlitePath, sqliteSynchronous, type DbProvider, type SqliteSynchronous } from "./url.js";
import { isolateSqliteTransactions } from "./sqlite-isolation.js";
import { createPgAdapter } from "./pg-adapter.js";

export { Prisma };
/** App code is typed against the SQLite client (the common subset); the PG client is cast to it. */
export type Db = SqliteClient;

export interface Database {
  prisma: Db;
  provider: DbProvider;
  url: string;
  /** true when the database answers a trivial query. */
  ping(): Promise<boolean>;
  /** PostgreSQL only: the pool's connections, open and checked out (null on SQLite's single connection). */
  connections(): { open: number; inUse: number } | null;
  close(): Promise<void>;
}

export function createDatabase(url: string): Database {
  const provider = providerOf(url);
  const pg = provider === "postgresql" ? createPgAdapter(url) : null;
  const prisma = pg
    ? (new PgClient({ adapter: pg.factory }) as unknown as Db)
    : new SqliteClient({ adapter: isolateSqliteTransactions(withSynchronous(new PrismaBetterSQLite3({ url: `file:${sqlitePath(url)}`, timeout: 5000 }), sqliteSynchronous(url))) });
  let closed = false;
  return {
    prisma,
    provider,
    url,
    connections() {
      return pg ? { open: pg.pool.totalCount, inUse: pg.pool.totalCount - pg.pool.idleCount } : null;
    },
    async ping() {
      if (closed) return false;
      try {
        await prisma.$queryRawUnsafe("SELECT 1");
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      // pg's pool.end() waits for every checked-out client. A transaction whose connection died
      // used to keep one forever (fixed in pg-adapter.ts); the bound stays so that a shutdown
      // during a database blip still finishes.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([prisma.$disconnect(), new Promise<void>((r) => (timer = setTimeout(r, 2_000)))]);
      clearTimeout(timer);
    },
  };
}

/** The adapter opens its one connection itself: set the commit durability on it (see `sqliteSynchronous`). */
function withSynchronous(factory: PrismaBetterSQLite3, mode: SqliteSynchronous): PrismaBetterSQLite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    await adapter.executeScript(`PRAGMA synchronous = ${mode}`);
    return adapter;
  };
  return factory;
}

/** P2002 from either generated client (they share the runtime's error class). */
export function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
}
