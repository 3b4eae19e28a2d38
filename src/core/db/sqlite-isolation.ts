import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

/**
 * The better-sqlite3 adapter has ONE connection. Its mutex serialises interactive transactions
 * with each other, but a query outside a transaction runs on that same connection at once —
 * i.e. inside whatever transaction happens to be open. If that transaction then rolls back
 * (a unique violation, a validation error, a timeout), the unrelated write is silently rolled
 * back with it, and until then other readers see uncommitted rows. Reproduced here with 6.19.3.
 *
 * This wrapper makes every statement outside a transaction wait until no transaction is open,
 * with one FIFO lock shared by `startTransaction` and the plain queries. Consequence for callers:
 * inside `prisma.$transaction(async (tx) => …)` use `tx`, never the outer client — the outer
 * client would wait for the transaction it runs in (until the transaction's timeout).
 */
type Factory = PrismaBetterSQLite3;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;
type Tx = Awaited<ReturnType<Adapter["startTransaction"]>>;

function fifoLock() {
  let tail: Promise<void> = Promise.resolve();
  // better-sqlite3 answers synchronously, so a run of queries (a sweep's thousands of
  // transactions) is one unbroken chain of microtasks: timers and sockets waited for all of it
  // (the outbox sent nothing during a 37 s sweep, issue 10). Handing the lock over through
  // setImmediate every 10 ms lets the rest of the process run in between.
  let lastTurn = performance.now();
  const turn = () => new Promise<void>((r) => setImmediate(r));
  return function acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const ready = tail.then(async () => {
      if (performance.now() - lastTurn > 10) {
        await turn();
        lastTurn = performance.now();
      }
      return release;
    });
    tail = tail.then(() => held);
    return ready;
  };
}

export function isolateSqliteTransactions(factory: Factory): Factory {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const acquire = fifoLock();

    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel?: Parameters<Adapter["startTransaction"]>[0]): Promise<Tx> => {
      const release = await acquire();
      let tx: Tx;
      try {
        tx = await startTransaction(isolationLevel);
      } catch (e) {
        release();
        throw e;
      }
      let released = false;
      const once = () => {
        if (!released) {
          released = true;
          release();
        }
      };
      const commit = tx.commit.bind(tx);
      const rollback = tx.rollback.bind(tx);
      tx.commit = async () => {
        try {
          return await commit();
        } finally {
          once();
        }
      };
      tx.rollback = async () => {
        try {
          return await rollback();
        } finally {
          once();
        }
      };
      return tx;
    };

    for (const method of ["queryRaw", "executeRaw", "executeScript"] as const) {
      const original = (adapter[method] as (...a: unknown[]) => Promise<unknown>).bind(adapter);
      (adapter as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method] = async (...args: unknown[]) => {
        const release = await acquire();
        try {
          return await original(...args);
        } finally {
          release();
        }
      };
    }
    return adapter;
  };
  return factory;
}
