import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { createPgPool } from "./pg-pool.js";

/**
 * The Prisma adapter for PostgreSQL, on our guarded pool, with transactions that always give
 * their connection back.
 *
 * Prisma closes an interactive transaction by sending `COMMIT`/`ROLLBACK` through the
 * transaction and only then asking the adapter to release the connection. When the server has
 * dropped the connection (a restart, `pg_terminate_backend`), that statement throws and the
 * release never happens: the dead client stays checked out of the pool for good. Measured in
 * test/hardening/faults: up to 5 of 10 connections lost after six terminations, and a shutdown
 * that then waits for them. Here a failed close releases the connection, once.
 */
export function createPgAdapter(url: string): { factory: PrismaPg; pool: pg.Pool } {
  const pool = createPgPool(url);
  const factory = new PrismaPg(pool, { disposeExternalPool: true });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const tx = await start(isolationLevel);
      const release = { commit: tx.commit.bind(tx), rollback: tx.rollback.bind(tx) };
      const executeRaw = tx.executeRaw.bind(tx);
      let released = false;
      const releaseOnce = (how: "commit" | "rollback") => async () => {
        if (released) return;
        released = true;
        await release[how]();
      };
      tx.commit = releaseOnce("commit");
      tx.rollback = releaseOnce("rollback");
      tx.executeRaw = async (query) => {
        try {
          return await executeRaw(query);
        } catch (e) {
          // The transaction is over either way; a client whose connection died is dropped by
          // the pool on release (it is no longer queryable).
          if (/^\s*(COMMIT|ROLLBACK)\s*$/i.test(query.sql)) await tx.rollback();
          throw e;
        }
      };
      return tx;
    };
    return adapter;
  };
  return { factory, pool };
}
