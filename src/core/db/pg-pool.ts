import pg from "pg";

/**
 * Every PostgreSQL connection of the bot gets an 'error' listener for its whole life.
 *
 * pg-pool listens on a client only while it is idle; the adapter listens only during a query or
 * a transaction. A client checked out between the two (seen when `pg_terminate_backend` or a
 * server restart hits at that moment, test/hardening/faults) emitted 'error' with no listener,
 * and Node turns that into an uncaught exception: the whole bot process would die on a database
 * blip. The error itself needs no handling here: the pending query rejects through its own
 * callback, and the pool drops a client whose connection is gone.
 */
export class GuardedPgClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on("error", ignoreConnectionError);
  }
}

function ignoreConnectionError(): void {
  // see GuardedPgClient: the query or the pool that owns the connection reports the failure
}

export interface PgPoolOptions {
  max?: number;
  connectionTimeoutMillis?: number;
}

/** The pool the Prisma adapter runs on: guarded clients, and an 'error' listener on the pool itself. */
export function createPgPool(url: string, opts: PgPoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    connectionTimeoutMillis: opts.connectionTimeoutMillis ?? 5000,
    Client: GuardedPgClient,
  });
  pool.on("error", ignoreConnectionError);
  return pool;
}
